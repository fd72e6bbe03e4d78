/**
 * minLength/maxLength in the fast validators, against an exact oracle (JSON Schema counts code points: a
 * surrogate pair is one, a lone surrogate one too). A string of n UTF-16 units has between ceil(n/2) and n code
 * points, which decides most strings without counting (inline when min is 0 or 1). Every bound pair up to 8 is
 * checked on every string of up to four pieces taken from 'a', a pair and both lone halves, each as a plain
 * bounded string and as the reconciled "bounded, or "" or null" field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emit, file, loadPackage, type Api } from './code-helpers.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';

const PIECES = ['a', '\u{1F600}', '\uD800', '\uDC00'];
const BOUNDS: [number, number | undefined][] = [];
for (let min = 0; min <= 5; min++) {
  BOUNDS.push([min, undefined]);
  for (let max = Math.max(0, min - 1); max <= 8; max++) BOUNDS.push([min, max]);
}

function strings(): string[] {
  const out = [''];
  let level = [''];
  for (let size = 1; size <= 4; size++) {
    level = level.flatMap((s) => PIECES.map((p) => s + p));
    out.push(...level);
  }
  return out;
}

const key = (shape: string, min: number, max: number | undefined): string => `${shape}_${min}_${max ?? 'any'}`;

function bounded(min: number, max: number | undefined): JsonSchema {
  return { type: 'string', ...(min > 0 ? { minLength: min } : {}), ...(max !== undefined ? { maxLength: max } : {}) };
}

const properties: Record<string, JsonSchema> = {};
for (const [min, max] of BOUNDS) {
  if (min === 0 && max === undefined) continue;
  properties[key('plain', min, max)] = bounded(min, max);
  properties[key('orEmpty', min, max)] = { anyOf: [bounded(min, max), { const: '' }, { type: 'null' }] };
}
const doc: SchemaDocument = { slug: 'lengths', name: 'Lengths', source: 'lengths.schema.json', schema: { title: 'Lengths', type: 'object', properties } };

/** Code points as JSON Schema counts them (Array.from splits a string into code points, lone halves alone). */
const count = (s: string): number => Array.from(s).length;

describe('string lengths in code points (fast validators)', () => {
  let builds: [string, Api][];
  beforeAll(async () => {
    const { esm, cjs } = await loadPackage([doc], 'lengths');
    builds = [['ESM', esm], ['CJS', cjs]];
  });

  it('with min 0 or 1 the emitted test calls the counting function only above max', async () => {
    const code = file(await emit([doc], { only: ['validators'] }), 'lengths.js');
    // min 1, max 8: a string of 1 to 8 units is inside whatever it holds; only more than 8 units can still be.
    expect(code).toContain('!((typeof value !== "string") || ((value.length < 1 || value.length > 8 && badLength(value, 1, 8))))');
    // min 0, max 8: the same without the empty string's test.
    expect(code).toContain('!((typeof value !== "string") || (value.length > 8 && badLength(value, 0, 8)))');
    // min 1 and no upper bound: the length alone decides.
    expect(code).toContain('!((typeof value !== "string") || (value.length < 1))');
    // min 3: from 3 to 4 units a pair may leave fewer than 3 code points, so the function decides.
    expect(code).toContain('!((typeof value !== "string") || (badLength(value, 3, 8)))');
  });

  it('every bound pair up to 8 on every string of up to four pieces answers as the code-point count says', () => {
    const all = strings();
    expect(all).toHaveLength(341);
    let checked = 0;
    for (const [name, api] of builds) {
      for (const [min, max] of BOUNDS) {
        if (min === 0 && max === undefined) continue;
        for (const s of all) {
          const n = count(s);
          const inside = n >= min && (max === undefined || n <= max);
          for (const fn of ['isLengths', 'isLengthsStrict']) {
            expect(api[fn]({ [key('plain', min, max)]: s }), `${name} ${fn} plain ${min}..${max} ${JSON.stringify(s)}`).toBe(inside);
            expect(api[fn]({ [key('orEmpty', min, max)]: s }), `${name} ${fn} orEmpty ${min}..${max} ${JSON.stringify(s)}`).toBe(s === '' || inside);
            checked += 2;
          }
        }
        for (const fn of ['isLengths', 'isLengthsStrict']) {
          expect(api[fn]({ [key('orEmpty', min, max)]: null })).toBe(true);
          expect(api[fn]({ [key('plain', min, max)]: null })).toBe(false);
        }
      }
    }
    expect(checked).toBe(2 * 2 * 2 * 341 * (BOUNDS.length - 1));
  });
});
