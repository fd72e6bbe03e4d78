/**
 * Docs emitter: one Markdown page (also the package README) and one self-contained HTML page per
 * object. The model is built in docs-model.ts; the templates only print it and branch on its tags.
 */
import type { Renderer } from '../templates.js';
import type { GeneratedFile, SchemaDocument } from '../types.js';
import { buildDocsModel } from './docs-model.js';

export { buildDocsModel, exampleObject } from './docs-model.js';
export type { DocsModel } from './docs-model.js';

export function emitDocs(docs: SchemaDocument[], renderer: Renderer): GeneratedFile[] {
  return docs.flatMap((doc) => emitObjectDocs(doc, renderer));
}

/** The package README: the object's Markdown page when there is one object, else an index of the objects. */
export function emitReadme(objects: readonly { name: string; slug: string; kept?: string }[], packageName: string, renderer: Renderer): GeneratedFile {
  return {
    path: 'README.md',
    contents: renderer.render('readme.md.hbs', {
      single: (objects.length === 1 ? objects[0]?.kept : undefined) ?? false,
      count: objects.length,
      packageName,
      objects: objects.map((o) => ({ name: o.name, slug: o.slug })),
    }),
  };
}

/** One object's pages: Markdown first, then HTML. `typeNames`: its nested objects' names in the generated code. */
export function emitObjectDocs(doc: SchemaDocument, renderer: Renderer, typeNames?: Readonly<Record<string, string>>): GeneratedFile[] {
  const model = buildDocsModel(typeNames === undefined ? doc : { ...doc, typeNames });
  return [
    { path: `docs/${doc.slug}.md`, contents: renderer.render('docs.md.hbs', model) },
    { path: `docs/${doc.slug}.html`, contents: renderer.render('docs.html.hbs', model) },
  ];
}
