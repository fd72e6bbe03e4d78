/**
 * minLength/maxLength in the fast validators, against an exact oracle (JSON Schema counts code points: a
 * surrogate pair is one, a lone surrogate one too). The emitter decides most strings from their UTF-16 length
 * inline (a string of n units has between ceil(n/2) and n code points) and counts only in between, so every
 * bound pair up to 8 is checked on every string of up to four pieces taken from 'a', a pair and both lone
 * halves, each as a plain bounded string and as the reconciled "bounded, or "" or null" field.
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

  it('the emitted code counts only where the UTF-16 length cannot decide', async () => {
    const code = file(await emit([doc], { only: ['validators'] }), 'lengths.js');
    // min 1, max 8: a string of 1 to 8 units is inside whatever it holds; only more than 8 units can still be.
    expect(code).toContain('value.length < 1 || value.length > 8 && badLength(value, 1, 8)');
    // min 3, max 8: 5 to 8 units are inside; 3 or 4 units are inside unless they hold a high surrogate.
    expect(code).toContain('value.length < 3 || (value.length > 8 || value.length < 5 && highSurrogate.test(value)) && badLength(value, 3, 8)');
    // min 5, max 8: every length from 5 to 8 units may hold pairs (fewer than 9 = 2·5 − 1): the surrogate test decides.
    expect(code).toContain('value.length < 5 || (value.length > 8 || highSurrogate.test(value)) && badLength(value, 5, 8)');
    // min 2, no upper bound: 3 units and more are inside; 2 units unless they hold a high surrogate.
    expect(code).toContain('value.length < 2 || value.length < 3 && highSurrogate.test(value) && badLength(value, 2, Infinity)');
    // no upper bound and min 1: the length alone decides.
    expect(code).toContain('!((typeof value !== "string") || (value.length < 1))');
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
