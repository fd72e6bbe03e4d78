/**
 * The emit stage in worker threads (generators/emit/threads.ts) gives exactly what it gives in the calling
 * thread: same files, same bytes, same order, same problems. Workers load only built JavaScript, so this
 * runs the built library (dist/), as the CLI does.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import { corpus } from '../extract/helpers.js';
import type * as Library from '../../generators/index.js';
import type * as Threads from '../../generators/emit/threads.js';

const lib = (await import(pathToFileURL(join(ROOT, 'dist', 'generators', 'index.js')).href)) as typeof Library;
const threads = (await import(pathToFileURL(join(ROOT, 'dist', 'generators', 'emit', 'threads.js')).href)) as typeof Threads;

const NAMES = ['the-reports-object.md', 'the-customer-session-object.md', 'the-customer-object.md', 'the-payout-object.md'];
const pages = NAMES.map((name) => ({ path: name, bytes: new Uint8Array(readFileSync(join(corpus, name))) }));

async function stream(options: Library.GenerateOptions): Promise<{ order: string[]; files: Map<string, string> }> {
  const order: string[] = [];
  const files = new Map<string, string>();
  await lib.generateEach(options, { file: (f) => void (order.push(f.path), files.set(f.path, f.contents)) });
  return { order, files };
}

async function problemsOf(options: Library.GenerateOptions): Promise<string[]> {
  try {
    await lib.generate(options);
  } catch (error) {
    if (error instanceof Error && error.name === 'CodegenError') return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a CodegenError');
}

describe('emitting in worker threads', () => {
  it('gives the same files, bytes and order with 0, 1 and 2 workers (both targets)', async () => {
    // package: 7 files per object (.d.ts, .d.cts, .js, .cjs, schema, .md, .html) + 10 shared; ts: 4 per object + 2.
    for (const [target, count] of [['package', 38], ['ts', 18]] as const) {
      const here = await stream({ pages, target, threads: 0 });
      expect(here.order).toHaveLength(count);
      for (const n of [1, 2]) {
        const there = await stream({ pages, target, threads: n });
        expect(there.order, `${target}, ${n} workers`).toEqual(here.order);
        for (const [path, contents] of here.files) expect(there.files.get(path), path).toBe(contents);
      }
    }
  });

  it('reports a problem raised in a worker exactly as in this thread', async () => {
    const templates = { 'object.d.ts.hbs': { source: 'export type {{name}} = {{noSuchField}};\n', path: 'tpl/object.d.ts.hbs' } };
    const here = await problemsOf({ pages, templates, threads: 0 });
    expect(here).toEqual([expect.stringMatching(/^tpl\/object\.d\.ts\.hbs( \(line 1\))?: template error: .*noSuchField.*; fix the template or remove it to use the built-in one$/)]);
    expect(await problemsOf({ pages, templates, threads: 1 })).toEqual(here);
  });

  it('keeps a template\'s leading BOM, and generate() returns plain { path, contents } objects either way', async () => {
    const templates = { 'docs.md.hbs': { source: '\uFEFF# {{title}}\n', path: 'tpl/docs.md.hbs' } };
    const here = await lib.generate({ pages, templates, threads: 0 });
    const there = await lib.generate({ pages, templates, threads: 1 });
    expect(there.files.find((f) => f.path === 'docs/reports.md')?.contents).toBe('\uFEFF# Reports\n');
    expect(JSON.parse(JSON.stringify(there.files))).toEqual(JSON.parse(JSON.stringify(here.files)));
    for (const f of there.files) expect(Object.keys(f)).toEqual(['path', 'contents']);
  });

  it('a chain of 600 nested objects through $refs builds the same in a worker as in this thread', async () => {
    // It overflowed AJV's recursive compiler ("too deeply nested"); our emitters write one function per named
    // type, and none of them recurses across a `$ref`.
    const nest = (depth: number, leaf: object): object => {
      let s = leaf;
      for (let i = 0; i < depth; i++) s = { type: 'object', properties: { n: s } };
      return s;
    };
    const $defs: Record<string, object> = {};
    for (let i = 0; i < 10; i++) $defs[`D${i}`] = nest(60, i < 9 ? { $ref: `#/$defs/D${i + 1}` } : { type: 'string' });
    const schemas = [{ path: 'deep.schema.json', text: JSON.stringify({ title: 'Deep', type: 'object', properties: { d: { $ref: '#/$defs/D0' } }, $defs }) }];
    const here = await stream({ schemas, threads: 0, only: ['validators'] });
    const there = await stream({ schemas, threads: 1, only: ['validators'] });
    expect(there.order).toEqual(here.order);
    expect([...there.files]).toEqual([...here.files]);
    const code = here.files.get('deep.js') ?? '';
    expect(code).toContain('function validateD9(data)');
    expect(code).toContain('function validateD9(data, path)');
  });

  it('refuses a threads option that is not a whole number from 0 to 64', async () => {
    for (const threads of [-1, 1.5, Number.NaN, 65, Number.POSITIVE_INFINITY]) {
      expect(await problemsOf({ pages, threads })).toEqual([`(options) (/threads): threads must be a whole number from 0 to 64 (got ${String(threads)})`]);
    }
  });

  it('uses no worker for a few objects, one per core but one (2 to 4) from eight on, and a lone worker only for many objects', () => {
    for (const cores of [1, 2, 3, 4, 8, 64]) {
      expect(threads.defaultThreads(1, cores)).toBe(0);
      expect(threads.defaultThreads(threads.WORKERS_FROM_OBJECTS - 1, cores)).toBe(0);
    }
    expect([3, 4, 5, 8, 64].map((cores) => threads.defaultThreads(threads.WORKERS_FROM_OBJECTS, cores))).toEqual([2, 3, 4, 4, 4]);
    // Two cores leave room for one worker: no parallelism, only a bounded heap, which pays off for many objects.
    expect([1, 2].map((cores) => threads.defaultThreads(threads.SINGLE_WORKER_FROM_OBJECTS - 1, cores))).toEqual([0, 0]);
    expect([1, 2].map((cores) => threads.defaultThreads(threads.SINGLE_WORKER_FROM_OBJECTS, cores))).toEqual([1, 1]);
    expect(threads.defaultThreads(12)).toBe(availableParallelism() <= 2 ? 0 : Math.min(availableParallelism() - 1, 4));
  });
});
