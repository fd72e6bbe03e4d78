/** `yuno-codegen extract`: print a page's canonical JSON Schema, or write one file per page. */
import { join, resolve } from 'node:path';
import { displayPath, resolvePlan } from '../../config.js';
import { readInputs } from '../../fastpath.js';
import { checkOutputDir, writeFileAtomic } from '../../write.js';
import { CodegenError, type Problem, type SchemaDocument } from '../../types.js';
import { elapsed, inputNames, plural, safeSlug, schemaText, type RunOutcome } from '../run.js';
import { toArray } from '../args.js';
import type { Command } from '../command.js';
import { execute, red } from '../print.js';

export async function runExtract(pages: string[], outDir: string | undefined, cwd: string): Promise<RunOutcome> {
  const start = performance.now();
  const plan = resolvePlan({ page: pages }, cwd);
  if (outDir === undefined && plan.pages.length > 1) {
    // A glob that matched several pages (several named pages are refused before this, as a usage error).
    const summary = `extract prints one page; ${pages.join(' ')} matches ${plan.pages.length} pages; give --out-dir DIR to extract them all`;
    return { command: 'extract', ok: false, exitCode: 2, summary, json: { command: 'extract', ok: false, problems: [] } };
  }
  const inputs = readInputs(plan);
  const names = inputNames(plan);
  // The extraction half alone: `extract` loads no emitter.
  const lib = await import('../../extract.js');
  const problems: Problem[] = [];
  const docs: SchemaDocument[] = [];
  for (const page of inputs.pages) {
    try {
      const doc = await lib.extract(page);
      const bad = safeSlug(doc);
      if (bad) problems.push(bad);
      docs.push(doc);
    } catch (error) {
      if (error instanceof CodegenError) problems.push(...error.problems.map((p) => ({ ...p, file: names.get(p.file) ?? p.file })));
      else throw error;
    }
  }
  if (problems.length > 0) throw new CodegenError(problems);
  if (outDir === undefined) {
    const doc = docs[0] as SchemaDocument;
    return { command: 'extract', ok: true, exitCode: 0, summary: schemaText(doc), json: { command: 'extract', ok: true, schema: doc.schema } };
  }
  const dir = resolve(cwd, outDir);
  const show = (abs: string): string => displayPath(abs, cwd);
  checkOutputDir(dir, show);
  const written = docs.map((doc) => {
    const path = join(dir, `${doc.slug}.schema.json`);
    writeFileAtomic(path, schemaText(doc), show);
    return show(path);
  });
  const summary = `extracted ${plural(docs.length, 'schema')} into ${show(dir)}/ in ${elapsed(start)} ms`;
  return { command: 'extract', ok: true, exitCode: 0, summary, json: { command: 'extract', ok: true, written } };
}

export const extract: Command = {
  usage: 'extract <pages..>',
  describe: 'Print the canonical JSON Schema of a page, or write DIR/<slug>.schema.json per page',
  options: { 'out-dir': { type: 'string', describe: 'Write <slug>.schema.json files here instead of printing', requiresArg: true } },
  positionals: { pages: { type: 'string', array: true, describe: 'Doc pages (.md or .mdx)' } },
  examples: [['$0 extract schema/the-customer-session-object.md', "Print a page's canonical JSON Schema"]],
  run: async (args, flags, cwd) => {
    const pages = toArray(args['pages']) ?? [];
    const outDir = toArray(args['out-dir'] ?? args['outDir'])?.[0];
    if (outDir === undefined && pages.length > 1) {
      process.stderr.write(`${red('error:')} extract prints one page; give --out-dir DIR to extract ${pages.length} pages\n`);
      return 2;
    }
    return execute(() => runExtract(pages, outDir, cwd), flags, 'extract');
  },
};
