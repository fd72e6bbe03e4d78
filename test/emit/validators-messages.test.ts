/**
 * The error-collecting validators carry keyword and params only; the shared module words each message.
 * Every keyword's message must be the one `ajv.compile` (allErrors, its own messages) gives for the same
 * value, and the error list must be AJV's, in AJV's order, in the ESM and CJS builds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { loadPackage, type Api } from './code-helpers.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import { exactAjv } from './exact-decimal.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';

/** Draft 2020-12 keywords with an error of their own, one property each. */
const sink: JsonSchema = {
  title: 'Sink',
  type: 'object',
  properties: {
    union: { type: ['string', 'null'], maxLength: 2 },
    day: { type: 'string', format: 'date' },
    text: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
    list: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { type: 'integer' } },
    bag: { type: 'object', minProperties: 1, maxProperties: 2, propertyNames: { maxLength: 3 }, dependentRequired: { a: ['b', 'c'] } },
    amount: { type: 'number', minimum: 1, maximum: 10, multipleOf: 0.5 },
    open: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 5 },
    fixed: { const: 'yes' },
    either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    one: { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 2 }] },
    never: { not: { type: 'string' } },
    cond: { if: { type: 'string' }, then: { minLength: 2 }, else: { type: 'integer' } },
    some: { type: 'array', contains: { type: 'string' }, minContains: 1, maxContains: 2 },
    any: { type: 'array', contains: { type: 'string' } },
    pair: { type: 'array', prefixItems: [{ type: 'string' }], items: false, minItems: 1 },
    small: { type: 'string', enum: ['a', 'b'] },
    // An open enum beside another keyword: its list is checked by the strict variant only, in AJV's order.
    kind: { type: 'string', enum: ['ab', 'cd'], 'x-openEnum': true, minLength: 2 },
    forbidden: false,
  },
  required: ['text'],
};

/** The keywords that need Ajv2020's evaluated-property tracking (the emitter then builds with Ajv2020). */
const tracked: JsonSchema = {
  title: 'Tracked',
  type: 'object',
  properties: {
    rest: { type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
    // AJV's strict tuples want the length fixed; the extra item then fails maxItems and unevaluatedItems.
    tail: { type: 'array', prefixItems: [{ type: 'string' }], minItems: 1, maxItems: 1, unevaluatedItems: false },
  },
};

/** Keys declared in place (allOf, anyOf, then): the strict variant closes the object with all of them known. */
const composed: JsonSchema = {
  title: 'Composed',
  type: 'object',
  properties: { kind: { type: 'string' } },
  allOf: [{ properties: { id: { type: 'string', minLength: 2 }, tier: { type: 'string', enum: ['GOLD'], 'x-openEnum': true } }, required: ['id'] }],
  anyOf: [{ properties: { a: { type: 'integer' } }, required: ['a'] }, { properties: { b: { type: 'integer' } }, required: ['b'] }],
  if: { properties: { kind: { const: 'card' } }, required: ['kind'] },
  then: { properties: { number: { type: 'string' } }, required: ['number'] },
};

const docs: SchemaDocument[] = [
  { slug: 'sink', name: 'Sink', source: 'test/sink.json', schema: sink },
  { slug: 'tracked', name: 'Tracked', source: 'test/tracked.json', schema: tracked },
  { slug: 'composed', name: 'Composed', source: 'test/composed.json', schema: composed },
];

const bad = [
  {
    union: 'abc', day: '2023-02-29', text: 'ABCD', list: [1, 1, 2.5], bag: { a: 1, long: 2, x: 3 }, amount: 10.25, open: 5,
    fixed: 'no', either: true, one: 3, never: 'x', cond: 'x', some: [1, 'a', 'b', 'c'], any: [1], pair: ['a', 'b'],
    small: 'c', kind: 'x', forbidden: 1,
  },
  { union: 5, text: 'a', list: [], bag: {}, amount: 0, open: 0, one: 1.5, cond: 1.5, some: [], pair: [] },
  { list: ['x', 'y', 'z'], amount: '1', extra: true, kind: 'zz' },
  { text: 'ab', amount: 1000.18, kind: 'ab' },
  null,
  [],
  { rest: { a: 1, b: 2 }, tail: ['a', 1] },
  { id: 'x', a: 'no', kind: 'card', z: 1 },
  { id: 'xy', b: 1, kind: 'card', number: 5, zz: true },
  { id: 'xy', a: 1, kind: 'cash', number: '4111' },
  { id: 'xy', a: 1, tier: 'SILVER' },
  { id: 'xy', a: 1, tier: 7 },
];

function ajvErrors(schema: JsonSchema, value: unknown): ErrorObject[] {
  // `multipleOf` judged exactly (exact-decimal.ts), with AJV's own error words.
  const validate = exactAjv({ allErrors: true }).compile(schema);
  validate(value);
  return validate.errors ?? [];
}

/** AJV's error as our issue words it, minus the `(got …)` preview and the path. */
function worded(e: ErrorObject): [string, string] {
  if (e.keyword === 'required') return ['required', 'is required'];
  if (e.keyword === 'additionalProperties') return ['additionalProperties', 'is not a known property (strict validators reject unknown keys)'];
  if (e.keyword === 'enum') return ['enum', 'must be one of the allowed values'];
  return [e.keyword, String(e.message)];
}

function ours(api: Api, name: string, value: unknown): [string, string][] {
  try {
    api[`assert${name}`](value);
  } catch (error) {
    return (error as { errors: { keyword: string; message: string }[] }).errors.map((e) => [e.keyword, e.message.replace(/ \(got [^]*\)$/, '')]);
  }
  return [];
}

describe('error messages worded by the shared module', () => {
  let esm: Api;
  let cjs: Api;
  beforeAll(async () => {
    ({ esm, cjs } = await loadPackage(docs, 'messages'));
  });

  it('the fixture reaches every keyword with its own message', () => {
    const keywords = new Set(bad.flatMap((v) => ajvErrors(validatedSchemas(sink).strict, v).map((e) => e.keyword)));
    expect([...keywords].sort()).toEqual([
      'additionalProperties', 'anyOf', 'const', 'contains', 'dependentRequired', 'enum', 'exclusiveMaximum', 'exclusiveMinimum',
      'false schema', 'format', 'if', 'items', 'maxItems', 'maxLength', 'maxProperties', 'maximum', 'minItems', 'minLength',
      'minProperties', 'minimum', 'multipleOf', 'not', 'oneOf', 'pattern', 'propertyNames', 'required', 'type', 'uniqueItems',
    ]);
  });

  for (const [name, schema] of [['Sink', sink], ['Tracked', tracked], ['Composed', composed]] as const) {
    it(`${name}: the same errors and messages as ajv.compile, loose and strict`, () => {
      for (const value of bad) {
        const loose = ajvErrors(validatedSchemas(schema).loose, value).map(worded);
        const strict = ajvErrors(validatedSchemas(schema).strict, value).map(worded);
        for (const api of [esm, cjs]) {
          expect(ours(api, name, value), JSON.stringify(value)).toEqual(loose);
          expect(ours(api, `${name}Strict`, value), JSON.stringify(value)).toEqual(strict);
        }
      }
    });
  }

  it('words the union type, limits and tracked keywords exactly', () => {
    expect(esm.isSink({ text: 'ab' })).toBe(true);
    expect(ours(esm, 'Sink', { text: 'ab', union: 5, amount: 0, open: 5 })).toEqual([
      ['type', 'must be string,null'],
      ['minimum', 'must be >= 1'],
      ['exclusiveMaximum', 'must be < 5'],
    ]);
    // An open enum: its list only in strict, where AJV checks it (before minLength); exact multipleOf.
    expect(ours(esm, 'Sink', { text: 'ab', kind: 'x', amount: 2.5 })).toEqual([['minLength', 'must NOT have fewer than 2 characters']]);
    expect(ours(esm, 'SinkStrict', { text: 'ab', kind: 'x', amount: 1.25 })).toEqual([
      ['multipleOf', 'must be multiple of 0.5'],
      ['enum', 'must be one of the allowed values'],
      ['minLength', 'must NOT have fewer than 2 characters'],
    ]);
    expect(ours(esm, 'Tracked', { rest: { a: 'x', b: 1 }, tail: ['a', 1] })).toEqual([
      ['unevaluatedProperties', 'must NOT have unevaluated properties'],
      ['maxItems', 'must NOT have more than 1 items'],
      ['unevaluatedItems', 'must NOT have more than 1 items'],
    ]);
  });
});
