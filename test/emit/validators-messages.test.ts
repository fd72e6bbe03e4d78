/**
 * The error-collecting validators carry keyword and params only; the shared module words each message.
 * Every keyword's message must be the one `ajv.compile` (allErrors, its own messages) gives for the same
 * value, and the error list must be AJV's, in AJV's order, in the ESM and CJS builds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { loadPackage, type Api } from './code-helpers.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import { fullUnsupported } from '../../generators/emit/full.js';
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

/**
 * Only keywords our own error-collecting emitter builds (full.ts; `fullUnsupported` is undefined for both
 * flavours' schemas): its list must be AJV's, in AJV's order, as the others'.
 */
const subset: JsonSchema = {
  title: 'Subset',
  type: 'object',
  properties: {
    // A single type with keywords of its group: AJV reports its type error in that group, after `enum`.
    code: { type: 'string', enum: ['ab', 'cd'], maxLength: 2, pattern: '^[a-z]+$' },
    count: { type: 'integer', minimum: 1, maximum: 10 },
    price: { type: ['number', 'null'], exclusiveMinimum: 0, multipleOf: 0.01 },
    day: { type: 'string', format: 'date' },
    at: { type: 'string', format: 'date-time', minLength: 20 },
    word: { type: 'string', minLength: 2, maxLength: 3 },
    big: { type: 'string', enum: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] },
    tier: { type: 'string', enum: ['GOLD', 'SILVER'], 'x-openEnum': true },
    fixed: { const: 'yes' },
    maybe: { anyOf: [{ type: 'string', minLength: 3, maxLength: 5 }, { const: '' }, { type: 'null' }] },
    one: { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 2 }] },
    never: { not: { type: 'string' } },
    both: { allOf: [{ type: 'string' }, { minLength: 2 }] },
    list: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
    bag: { type: 'object', minProperties: 1, maxProperties: 2, patternProperties: { '^x-': { type: 'integer' } }, additionalProperties: { type: 'string' } },
    'a/b~c': { type: 'boolean' },
    nested: { $ref: '#/$defs/Nested' },
    forbidden: false,
  },
  required: ['code', 'nested'],
  $defs: { Nested: { type: 'object', properties: { self: { $ref: '#/$defs/Nested' }, name: { type: 'string', maxLength: 1 } }, required: ['name'] } },
};

const docs: SchemaDocument[] = [
  { slug: 'subset', name: 'Subset', source: 'test/subset.json', schema: subset },
  { slug: 'sink', name: 'Sink', source: 'test/sink.json', schema: sink },
  { slug: 'tracked', name: 'Tracked', source: 'test/tracked.json', schema: tracked },
  { slug: 'composed', name: 'Composed', source: 'test/composed.json', schema: composed },
];

const bad = [
  {
    code: 5, count: 0.5, price: 1.005, day: '2023-02-29', at: '2023-01-01', word: 'a', big: 'Z', tier: 'BRONZE', fixed: 'no',
    maybe: 'ab', one: 3, never: 'x', both: 'a', list: [{}, { id: 1 }, 'x'], bag: { 'x-a': 'no', b: 2, c: 'ok' },
    'a/b~c': 'yes', nested: { self: { name: 'toolong', self: 7 } }, forbidden: null, unknown: 1,
  },
  { code: 'zz', count: 11, price: 0, maybe: 7, one: 1.5, list: [], bag: {}, nested: {}, never: 1, both: 3 },
  { code: 'ab', nested: { name: 'a' }, price: null, maybe: null, one: 'x', fixed: 'yes', bag: { z: 'q' } },
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

  it('the Subset fixture is built by our own error-collecting emitter, both flavours', () => {
    const { loose, strict } = validatedSchemas(subset);
    expect([fullUnsupported(loose), fullUnsupported(strict)]).toEqual([undefined, undefined]);
    expect(fullUnsupported(validatedSchemas(sink).strict)).toBe('uniqueItems at /properties/list');
  });

  for (const [name, schema] of [['Subset', subset], ['Sink', sink], ['Tracked', tracked], ['Composed', composed]] as const) {
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

describe('our own error list, worded', () => {
  let esm: Api;
  beforeAll(async () => {
    ({ esm } = await loadPackage([{ slug: 'subset', name: 'Subset', source: 'test/subset.json', schema: subset }], 'subset'));
  });

  it('reports every problem of a value with its path, in AJV order', () => {
    const issues = (value: unknown): string[] => {
      try {
        esm.assertSubsetStrict(value);
      } catch (error) {
        return (error as { errors: { path: string; message: string }[] }).errors.map((e) => `${e.path}: ${e.message}`);
      }
      return [];
    };
    expect(issues({ code: 7, nested: { name: 'ab', self: { name: 'x', z: 1 } }, 'a/b~c': 1, bag: { 'x-1': 'y' }, list: [{ id: 'a' }, 3] })).toEqual([
      // A single type with keywords of its group: `enum` first, then the type, as AJV orders them.
      'code: must be one of the allowed values (got 7)',
      'code: must be string (got 7)',
      'list[1]: must be object (got 3)',
      'bag["x-1"]: must be integer (got "y")',
      '["a/b~c"]: must be boolean (got 1)',
      // Properties in the order the schema declares them: `self` (and what is inside it) before `name`.
      'nested.self.z: is not a known property (strict validators reject unknown keys)',
      'nested.name: must NOT have more than 1 characters (got "ab")',
    ]);
  });
});
