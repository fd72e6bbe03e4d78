/** Shared by the docs tests: render docs with our built-in doc templates only. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTemplateDir } from '../../generators/assets.js';
import { emitDocs } from '../../generators/emit/docs.js';
import { format } from '../../generators/format.js';
import { createRenderer, type Renderer } from '../../generators/templates.js';
import type { GeneratedFile, JsonSchema, SchemaDocument } from '../../generators/types.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let renderer: Promise<Renderer> | undefined;

/** Our doc templates alone, so other emitters' templates being mid-edit cannot break these tests. */
export function docsRenderer(): Promise<Renderer> {
  renderer ??= createRenderer(
    Object.fromEntries(
      Object.entries(readTemplateDir(`${repoRoot}templates`)).filter(([name]) => /(^|\/)docs[.-]/.test(name)),
    ),
  );
  return renderer;
}

export function readSchema(relativePath: string): JsonSchema {
  return JSON.parse(readFileSync(`${repoRoot}${relativePath}`, 'utf8')) as JsonSchema;
}

export function docOf(relativePath: string, slug: string): SchemaDocument {
  const schema = readSchema(relativePath);
  return { slug, name: String(schema.title), source: relativePath, schema };
}

/** The Markdown and HTML pages of one object, through the formatter as the pipeline does. */
export async function renderDocs(doc: SchemaDocument): Promise<{ md: string; html: string; files: GeneratedFile[] }> {
  const files = format(emitDocs([doc], await docsRenderer()));
  const get = (ext: string): string => files.find((f) => f.path === `docs/${doc.slug}.${ext}`)?.contents ?? '';
  return { md: get('md'), html: get('html'), files };
}
