/**
 * Issue 14: which schemas our fast emitter builds (emit/fast.ts fastUnsupported, the table of
 * emit/fast-keywords.ts) and which keep AJV's fast code, and that both give the same answers.
 */
import { describe, expect, it } from 'vitest';
import { fastPieces, fastUnsupported } from '../../generators/emit/fast.js';
import * as runtime from '../../generators/runtime/validation.js';
import * as values from '../../generators/runtime/values.js';
import { isDate, isDateTime } from '../../generators/runtime/formats.js';
import type { JsonSchema } from '../../generators/types.js';
import { exactReference } from './exact-decimal.js';

const cases: [string, JsonSchema, string | undefined][] = [
  ['a reconciled field', { type: 'object', properties: { a: { anyOf: [{ type: ['string', 'null'], minLength: 3, maxLength: 9 }, { const: '' }] } } }, undefined],
  ['definitions and references', { $ref: '#/$defs/A', $defs: { A: { type: 'object', properties: { self: { $ref: '#' }, b: { $ref: '#/$defs/B' } } }, B: { enum: ['x', 1, null] } } }, undefined],
  ['numbers', { type: 'number', minimum: 0, exclusiveMaximum: 10, multipleOf: 0.0001 }, undefined],
  ['arrays', { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 3 }, undefined],
  ['closed objects, patterns', { type: 'object', patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false, minProperties: 1 }, undefined],
  ['enum values with parentheses and quotes', { type: 'object', properties: { p: { enum: ['a)', '(b', 'c"\\'] }, q: { type: ['string', 'null'], enum: ['x(', null] } }, required: ['q'] }, undefined],
  ['combinators', { allOf: [{ type: 'string' }], oneOf: [{ pattern: '^a' }, { pattern: 'b$' }], not: { const: 'ab' } }, undefined],
  ['if/then', { if: { type: 'string' }, then: { minLength: 1 } }, 'if at /'],
  ['unevaluatedProperties', { type: 'object', properties: { a: true }, unevaluatedProperties: false }, 'unevaluatedProperties at /'],
  ['$dynamicRef', { $dynamicRef: '#node' }, '$dynamicRef at /'],
  ['a format the shared module lacks', { type: 'object', properties: { mail: { type: 'string', format: 'email' } } }, 'format at /properties/mail'],
  ['an object const', { const: { a: 1 } }, 'const at /'],
  ['a $ref into a property', { properties: { a: { type: 'string' }, b: { $ref: '#/properties/a' } } }, '$ref "#/properties/a" at /properties/b'],
  ['$defs below the root', { properties: { a: { $defs: { X: {} } } } }, '$defs at /properties/a'],
  ['uniqueItems', { type: 'array', uniqueItems: true }, 'uniqueItems at /'],
  ['items as a list', { items: [{ type: 'string' }] }, 'items at /'],
  ['a pattern JavaScript cannot read with the u flag', { pattern: '\\-' }, 'pattern at /'],
];

/** The fast pieces run as a module would: the code with the shared module's helpers as `runtime`. */
function load(schema: JsonSchema): { fast: (v: unknown) => boolean; fastStrict: (v: unknown) => boolean } {
  const built = fastPieces({ schemas: { loose: schema, strict: schema }, rootName: 'Root', sharedEnums: new Set(), defs: {} });
  if (built === undefined) throw new Error('not built');
  const shared = { ...runtime, ...values, formats: { date: isDate, 'date-time': isDateTime }, sharedEnums: {} };
  return new Function('runtime', `${built.pieces.join('\n')}\nreturn { fast, fastStrict };`)(shared) as ReturnType<typeof load>;
}

describe('the fast emitter builds exactly the keywords of its table', () => {
  it.each(cases)('%s', (_name, schema, unsupported) => {
    expect(fastUnsupported(schema)).toBe(unsupported);
    const built = fastPieces({ schemas: { loose: schema, strict: schema }, rootName: 'Root', sharedEnums: new Set(), defs: {} });
    expect(built === undefined).toBe(unsupported !== undefined);
  });

  it.each(cases.filter(([, , unsupported]) => unsupported === undefined))('%s: the same answers as ajv.compile', (_name, schema) => {
    const { fast } = load(schema);
    const reference = exactReference(schema);
    const samples: unknown[] = [
      null, 0, -1, 1.5, 10, 0.0001, 1.00005, 'x', 'ab', 'abc', '', 'a\u{1F600}b', '\u{1F600}'.repeat(5), [], [1], [1, 2, 3, 4], [1.5], {}, { a: null }, { a: 'abcd' },
      { a: '' }, { a: 'ab' }, { q: null }, { q: 'x(' }, { q: 'y' }, { p: 'a)', q: null }, { p: '(b', q: 'x(' }, { p: 'c"\\', q: null }, { p: 'zz', q: null }, { 'x-a': 'y' }, { 'x-a': 1 }, { b: 'x' }, { self: {} }, { self: { b: 2 } }, { b: 1 }, true,
    ];
    expect(samples.map((v) => [v, fast(v)])).toEqual(samples.map((v) => [v, reference(v)]));
  });
});
