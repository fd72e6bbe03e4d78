/**
 * Issue 17, the validators' run-time on hostile values: the error path's work is bounded by the preview
 * length (a 50 MB string cost assert/parse 2.2 s and 1.15 GB to show 20 characters; from ~130 M characters
 * they threw RangeError), and a value nested deeper than the call stack allows is a ValidationError from
 * assert/parse and `false` from is (it was a RangeError).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPackage, type Api } from './code-helpers.js';
import type { SchemaDocument } from '../../generators/types.js';

const tree: SchemaDocument = {
  slug: 'tree',
  name: 'Tree',
  source: 'tree.schema.json',
  schema: {
    title: 'Tree',
    type: 'object',
    properties: { code: { type: 'string', maxLength: 4 }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
    $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
  },
};

/** { children: [{ children: [ … ] }] } nested `depth` deep, built without recursion. */
function nested(depth: number): { children: unknown[] } {
  let node: { children: unknown[] } = { children: [] };
  for (let i = 0; i < depth; i++) node = { children: [node] };
  return node;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
}

describe('validators on hostile values', () => {
  let builds: [string, Api][];
  beforeAll(async () => {
    const { esm, cjs } = await loadPackage([tree], 'bounds');
    builds = [['ESM', esm], ['CJS', cjs]];
  });

  it('a long string: the preview is the first 20 code points, whatever the length and surrogates', () => {
    for (const [, api] of builds) {
      const long = '😀'.repeat(25) + 'x'.repeat(1_000_000);
      const error = thrown(() => api['assertTree']({ code: long })) as { errors: unknown[] };
      expect(error.errors).toEqual([{ path: 'code', message: `must NOT have more than 4 characters (got "${'😀'.repeat(20)}…")`, keyword: 'maxLength' }]);
      // 20 code points exactly are shown whole; 21 are cut.
      expect((thrown(() => api['assertTree']({ code: 'a'.repeat(20) })) as Error).message).toContain(`(got "${'a'.repeat(20)}")`);
      expect((thrown(() => api['assertTree']({ code: 'a'.repeat(21) })) as Error).message).toContain(`(got "${'a'.repeat(20)}…")`);
    }
  });

  it('a string of 140 M characters gives a ValidationError, not a RangeError', () => {
    const huge = 'x'.repeat(140_000_000);
    for (const [, api] of builds) {
      const error = thrown(() => api['assertTree']({ code: huge }));
      expect(error).toBeInstanceOf(api['ValidationError']);
      expect((error as { errors: unknown[] }).errors).toEqual([{ path: 'code', message: `must NOT have more than 4 characters (got "${'x'.repeat(20)}…")`, keyword: 'maxLength' }]);
    }
  });

  it('a value nested deeper than the call stack: is → false, assert and parse → ValidationError', () => {
    const deep = nested(200_000);
    const json = '{"children":['.repeat(500) + '{}' + ']}'.repeat(500);
    for (const [label, api] of builds) {
      expect(api['isTree'](nested(50)), label).toBe(true);
      expect(api['isTree'](deep), label).toBe(false);
      expect(api['isTreeStrict'](deep), label).toBe(false);
      for (const run of [() => api['assertTree'](deep), () => api['assertTreeStrict'](deep)]) {
        const error = thrown(run);
        expect(error, label).toBeInstanceOf(api['ValidationError']);
        expect((error as { errors: unknown[] }).errors).toEqual([
          { path: '', message: 'is nested too deeply to be checked (the validator ran out of call stack)', keyword: 'depth' },
        ]);
      }
      expect(api['parseTree'](json)).toBeTypeOf('object');
      const parsed = thrown(() => api['parseTree']('{"children":['.repeat(200_000) + '{}' + ']}'.repeat(200_000)));
      expect(parsed, label).toBeInstanceOf(api['ValidationError']);
      expect((parsed as { errors: { keyword: string }[] }).errors.map((e) => e.keyword)).toEqual(['depth']);
    }
  });
});
