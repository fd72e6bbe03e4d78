/** Docs: a Markdown and an HTML page per object, and (target package) the package README. */
import type { NestedNames } from '../emit/naming.js';
import { CodegenError } from '../types.js';
import { defineOutput, type OutputEmitter } from './output.js';

const docsEmitter: OutputEmitter<Record<string, NestedNames>, string> = {
  name: 'docs',
  // The nested objects' type names, as the code emitter plans them, so each section says its type. Shared
  // definitions the code cannot name are the code emitter's error to report: the docs then show no names.
  plan: async (docs) => {
    try {
      return (await import('../emit/code.js')).nestedNamesOf(docs);
    } catch (error) {
      if (error instanceof CodegenError) return {};
      throw error;
    }
  },
  object: async (doc, run) => {
    const files = (await import('../emit/docs.js')).emitObjectDocs(doc, run.renderer, run.plan[doc.slug]);
    // The README of a one-object package is that object's Markdown page.
    const markdown = run.single ? files[0]?.contents : undefined;
    return markdown === undefined ? { files } : { files, kept: markdown };
  },
  shared: async (run) => {
    if (run.options.target !== 'package') return [];
    return [(await import('../emit/docs.js')).emitReadme(run.objects, run.options.packageName, run.renderer)];
  },
};

export const docs = defineOutput({
  kind: 'docs',
  describe: 'Markdown and HTML docs of each object (and the package README)',
  emitter: docsEmitter,
});
