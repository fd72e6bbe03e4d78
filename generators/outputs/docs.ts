/** Docs: a Markdown and an HTML page per object, and (target package) the package README. */
import { defineOutput, type OutputEmitter } from './output.js';

const docsEmitter: OutputEmitter<undefined, string> = {
  name: 'docs',
  object: async (doc, run) => {
    const files = (await import('../emit/docs.js')).emitObjectDocs(doc, run.renderer);
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
