/**
 * Adversarial pass on our own fast validators (emit/fast.ts, emit/fast-keywords.ts): hand-written schemas
 * inside the subset that emitter builds (fastUnsupported is undefined for both flavours' schemas), generated
 * through the library as `--schema` documents, and values chosen to hit the edges (strict numbers, -0 and
 * 2^53, decimals for multipleOf, surrogate pairs and lone surrogates, date and date-time corners, names of
 * Object.prototype members and keys no identifier can spell, objects of other prototypes, getters, inherited
 * keys). `is…` must answer as `ajv.compile` of the loose schema, `is…Strict` as that of the strict one (both
 * with the exact-decimal `multipleOf`, exact-decimal.ts), for every value: a table of cases (`format` on values
 * of every type too), then a seeded sweep of random schemas of the subset with random values, then a sweep of
 * schemas whose definitions have any name (adversarial-defs.ts, built one at a time), then AJV's code where a
 * keyword is outside the table (`const`/`enum` of objects, `uniqueItems`, `unevaluatedProperties`: answers
 * JSON Schema's, pinned where AJV's are not).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastPieces, fastUnsupported } from '../../generators/emit/fast.js';
import { protoAsPattern } from '../../generators/emit/proto-keys.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';
import { emit, tempDir, writeFiles, type Api } from './code-helpers.js';
import { exactReference, jsonKey } from './exact-decimal.js';
import { COMMON, objectForms, pick, Plain, random, some } from './adversarial-values.js';
import { DATE_VALUES, defsSchema, defsValue, directApi, EQUALITY_CASES, PROTO_DEFS, UNEVALUATED_CASES, UNEVALUATED_KEYS, withUnevaluated } from './adversarial-defs.js';

type Check = (value: unknown) => boolean;

interface Case {
  name: string;
  schema: JsonSchema;
  values: unknown[];
}

function doc(name: string, schema: JsonSchema): SchemaDocument {
  const slug = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return { slug, name, source: `schemas/${slug}.json`, schema: { title: name, ...schema } };
}

/** The schemas the two fast flavours check, as buildValidators derives them (validatedSchemas). */
function flavours(schema: JsonSchema): { loose: JsonSchema; strict: JsonSchema } {
  return validatedSchemas(protoAsPattern(schema));
}

/** The package of these documents (types and validators), loaded as ESM and as CommonJS. */
async function load(docs: SchemaDocument[], prefix: string): Promise<Api[]> {
  const files = await emit(docs, { only: ['types', 'validators'] });
  const dir = tempDir(prefix);
  writeFiles(dir, files);
  const esm = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
  const cjs = createRequire(join(dir, 'index.cjs'))(join(dir, 'index.cjs')) as Api;
  return [esm, cjs];
}

/** The package of these schemas, built once before the describe block's tests (call it inside a test). */
function packageOf(cases: { name: string; schema: JsonSchema }[], prefix: string): () => Api[] {
  let apis: Api[] = [];
  beforeAll(async () => {
    apis = await load(
      cases.map((c) => doc(c.name, c.schema)),
      prefix,
    );
  }, 180_000);
  return () => apis;
}

/** What a check answers: its boolean, or the error it threw. */
function answer(check: Check, value: unknown): boolean | string {
  try {
    return check(value);
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A value as a row label: JSON where it can be, with what JSON loses spelled out. */
function show(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${String(v)}>`;
    if (Object.is(v, -0)) return '<-0>';
    if (v === undefined) return '<undefined>';
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '<cycle>';
      seen.add(v);
      const proto = Object.getPrototypeOf(v) as object | null;
      if (proto !== null && proto !== Object.prototype && proto !== Array.prototype) return { '<proto>': (proto.constructor as { name?: string } | undefined)?.name ?? '?', ...Object.fromEntries(Object.getOwnPropertyNames(v).map((k) => [k, (v as Record<string, unknown>)[k]])) };
      if (proto === null) return { '<proto>': 'null', ...(v as object) };
    }
    return v;
  });
  return text ?? String(value);
}

/** Every disagreement of the package's `is<Name>`/`is<Name>Strict` with the references, for these values. */
function disagreements(apis: Api[], name: string, schema: JsonSchema, values: unknown[]): unknown[] {
  const { loose, strict } = flavours(schema);
  const want: [string, Check][] = [
    [`is${name}`, exactReference(loose)],
    [`is${name}Strict`, exactReference(strict)],
  ];
  const found: unknown[] = [];
  for (const [fn, reference] of want) {
    for (const [i, api] of apis.entries()) {
      for (const value of values) {
        const expected = reference(value);
        const got = answer(api[fn] as Check, value);
        if (got !== expected) found.push({ fn: `${fn} (${i === 0 ? 'esm' : 'cjs'})`, value: show(value), expected, got });
      }
    }
  }
  return found;
}

/** [name, the first keyword our emitter does not build (null: none), whether it built both flavours]. */
function builtByUs(c: { name: string; schema: JsonSchema }): [string, string | null, boolean] {
  const { loose, strict } = flavours(c.schema);
  const built = fastPieces({ schemas: { loose, strict }, rootName: c.name, sharedEnums: new Set(), defs: {} }) !== undefined;
  return [c.name, fastUnsupported(loose) ?? fastUnsupported(strict) ?? null, built];
}

// ---------------------------------------------------------------------------------------------------------
// The table

const weirdNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'with "quotes"', "it's", 'line\nbreak', '*/', '</script>', 'a\u2028b', 'q_$2', '1st', 'data', 'value'];

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

const CASES: Case[] = [
  { name: 'TypeList', schema: { type: ['integer', 'string', 'null'] }, values: [] },
  { name: 'Integer', schema: { type: 'integer', minimum: -(2 ** 53), maximum: 2 ** 53 }, values: [] },
  { name: 'NumberOrInteger', schema: { type: ['number', 'integer'], exclusiveMinimum: -1, exclusiveMaximum: 1e21 }, values: [] },
  { name: 'NoType', schema: { minimum: 0, multipleOf: 0.5, minLength: 2, maxItems: 1, required: ['a'] }, values: [{ a: 1 }, { b: 1 }] },
  { name: 'Nullable', schema: { type: ['string', 'null'], minLength: 1, maxLength: 2 }, values: [] },
  { name: 'ConstNumber', schema: { const: 1 }, values: [] },
  { name: 'ConstZero', schema: { const: 0 }, values: [] },
  { name: 'ConstString', schema: { const: '1' }, values: [] },
  { name: 'ConstNull', schema: { const: null }, values: [] },
  { name: 'ConstFalse', schema: { const: false }, values: [] },
  { name: 'ConstOdd', schema: { const: 'a\u2028b</script>*/"' }, values: ['a\u2028b</script>*/"'] },
  { name: 'EnumSmall', schema: { enum: [1, '1', null, true, 0] }, values: [] },
  { name: 'EnumMixedLarge', schema: { enum: [1, '1', null, true, 0, 'a', 'b', 2.5, 'null', false, 1e21] }, values: [] },
  { name: 'EnumStringsLarge', schema: { enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '', '__proto__', 'constructor', '\u{1F600}'] }, values: [] },
  { name: 'EnumStrings8', schema: { type: 'string', enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }, values: [] },
  { name: 'EnumEmptyish', schema: { enum: [null] }, values: [] },
  { name: 'Lengths', schema: { type: 'string', minLength: 2, maxLength: 3 }, values: ['\u{1F600}'.repeat(2), '\u{1F600}'.repeat(3) + 'a', 'ab\uD800', '\uD800\uD800\uD800\uD800', 'abcdef'] },
  { name: 'MaxLengthOnly', schema: { type: 'string', maxLength: 2 }, values: ['\u{1F600}\u{1F600}', '\u{1F600}a\u{1F600}', '\uD800\uDC00\uD800'] },
  { name: 'MinLengthOnly', schema: { type: 'string', minLength: 3 }, values: ['\u{1F600}\u{1F600}', '\u{1F600}\u{1F600}\u{1F600}', 'a\uDC00\uD800'] },
  { name: 'MaxLengthZero', schema: { maxLength: 0 }, values: [] },
  { name: 'MinAboveMax', schema: { minLength: 3, maxLength: 2 }, values: [] },
  { name: 'Bounds', schema: { type: 'number', minimum: 0.1, maximum: 0.3 }, values: [0.1, 0.09999999999999999, 0.30000000000000004] },
  { name: 'ExclusiveBounds', schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1000.18 }, values: [1000.1799999999999, 1000.18, 5e-324] },
  ...[0.01, 0.0001, 0.3, 1e-7, 1, 0.5, 2.5, 1e-15, 10].map((step, i) => ({
    name: `MultipleOfStep${i}`,
    schema: { type: 'number', multipleOf: step } as JsonSchema,
    values: [step * 3, step * 7, step * 1e6, -step, step / 2, step * 1.5, 1.7976931348623157e308],
  })),
  { name: 'IntegerMultipleOf', schema: { type: 'integer', multipleOf: 0.01 }, values: [] },
  { name: 'Pattern', schema: { type: 'string', pattern: '^\\p{Lu}[\\p{L}\\d]*$' }, values: ['Ωμέγα', 'Élan', 'A\u{1D7D8}'] },
  { name: 'PatternAstral', schema: { type: 'string', pattern: '^.$' }, values: ['\u{1F600}', '\uD800', 'ab'] },
  { name: 'PatternUnanchored', schema: { pattern: '\\d' }, values: [] },
  { name: 'Date', schema: { type: 'string', format: 'date' }, values: [] },
  { name: 'DateTime', schema: { type: ['string', 'null'], format: 'date-time' }, values: [] },
  { name: 'Items', schema: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 3 }, values: [[1.0], [2 ** 53], [1, 2, NaN]] },
  { name: 'ItemsFalse', schema: { items: false }, values: [] },
  { name: 'NestedItems', schema: { type: 'array', items: { type: 'array', items: { enum: [1, 'a'] }, maxItems: 2 } }, values: [[[1, 'a']], [[1, 'a', 1]], [[2]], [[]]] },
  {
    name: 'WeirdNames',
    schema: { type: 'object', properties: Object.fromEntries(weirdNames.map((n) => [n, { type: 'string', minLength: 1 }])), required: ['constructor', 'toString', 'q_$2'] },
    values: [
      ...objectForms(Object.fromEntries(weirdNames.map((n) => [n, 'v']))),
      ...objectForms({ constructor: 'c', toString: 't', q_$2: 'q' }),
      ...objectForms({ constructor: 'c', toString: 't', q_$2: '' }),
      ...objectForms({ constructor: 'c', q_$2: 'q' }),
      ...objectForms({ constructor: 'c', toString: 't', q_$2: 'q', __proto__: 1 }),
      JSON.parse('{"constructor":"c","toString":"t","q_$2":"q","__proto__":"p"}'),
      JSON.parse('{"constructor":"c","toString":"t","q_$2":"q","__proto__":1}'),
      JSON.parse('{"constructor":"c","toString":"t","q_$2":"q","hasOwnProperty":2}'),
      JSON.parse('{"constructor":"c","toString":"t","q_$2":"q","":1}'),
      JSON.parse('{"constructor":"c","toString":"t","q_$2":"q","line\\nbreak":""}'),
      JSON.parse('{"constructor":"c","toString":"t","q_$2":"q","a\\u2028b":3}'),
    ],
  },
  {
    name: 'RequiredOnly',
    schema: { type: 'object', required: ['__proto__', 'valueOf', 'a-b', 'a_b', 'a.b', ''] },
    values: [
      ...objectForms({ __proto__: 1, valueOf: 1, 'a-b': 1, a_b: 1, 'a.b': 1, '': 1 }),
      JSON.parse('{"__proto__":1,"valueOf":1,"a-b":1,"a_b":1,"a.b":1,"":1}'),
      JSON.parse('{"__proto__":null,"valueOf":1,"a-b":1,"a_b":1,"a.b":1,"":1}'),
      JSON.parse('{"valueOf":1,"a-b":1,"a_b":1,"a.b":1,"":1}'),
      { valueOf: 1, 'a-b': 1, a_b: 1, 'a.b': 1, '': 1 },
    ],
  },
  {
    name: 'ClashingLocals',
    // Local names made of property names (`patternRootQ_$`, then a second one) and a module constant named
    // after a property (`patternClashingLocalsQ_$2`).
    schema: {
      type: 'object',
      properties: { q_$2: { type: 'string', pattern: '^a', not: { const: 'ab' } } },
      required: ['patternClashingLocalsQ.', 'patternClashingLocalsQ-'],
    },
    values: [
      { q_$2: 'a', 'patternClashingLocalsQ.': 1, 'patternClashingLocalsQ-': 2 },
      { q_$2: 'ab', 'patternClashingLocalsQ.': 1, 'patternClashingLocalsQ-': 2 },
      { q_$2: 'b', 'patternClashingLocalsQ.': 1, 'patternClashingLocalsQ-': 2 },
      { 'patternClashingLocalsQ.': 1, 'patternClashingLocalsQ-': 2 },
      { q_$2: 'a', 'patternClashingLocalsQ.': 1 },
    ],
  },
  {
    name: 'Closed',
    schema: { type: 'object', properties: { a: { type: 'integer' }, toString: { type: 'integer' } }, additionalProperties: false },
    values: [...objectForms({ a: 1 }), ...objectForms({ a: 1, toString: 2 }), ...objectForms({ toString: 'x' }), ...objectForms({ b: 1 })],
  },
  {
    name: 'ClosedWide',
    schema: { type: 'object', properties: Object.fromEntries('abcdefghijk'.split('').map((k) => [k, { type: 'boolean' }])), additionalProperties: false },
    values: [...objectForms({ a: true, k: false }), ...objectForms({ a: true, l: false }), ...objectForms({ constructor: true })],
  },
  {
    name: 'AdditionalSchema',
    schema: { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: { type: 'number', minimum: 0 } },
    values: [...objectForms({ id: 'x', n: 1 }), ...objectForms({ id: 'x', n: -1 }), ...objectForms({ id: 1 }), ...objectForms({ n: NaN })],
  },
  {
    name: 'Patterns',
    schema: {
      type: 'object',
      properties: { id: { type: 'string' } },
      patternProperties: { '^x-': { type: 'string' }, '^\\p{Lu}': { type: 'integer' }, '^__proto__$': { const: 1 } },
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 3,
    },
    values: [
      ...objectForms({ 'x-a': 's' }),
      ...objectForms({ 'x-a': 1 }),
      ...objectForms({ Ωa: 1 }),
      ...objectForms({ Ωa: 's', id: 'x' }),
      ...objectForms({ id: 'x', 'x-': 'a', X: 2, Y: 3 }),
      JSON.parse('{"__proto__":1}'),
      JSON.parse('{"__proto__":2}'),
    ],
  },
  {
    name: 'MinMaxProperties',
    schema: { type: 'object', minProperties: 2, maxProperties: 2 },
    values: [...objectForms({ a: 1, b: 2 }), ...objectForms({ a: 1 }), ...objectForms({ a: 1, b: 2, c: 3 }), Object.defineProperty({ a: 1 }, 'b', { value: 2 })],
  },
  {
    name: 'Combinators',
    schema: {
      anyOf: [{ type: 'string', maxLength: 2 }, { type: 'integer', multipleOf: 3 }],
      oneOf: [{ type: 'integer' }, { pattern: '^a' }, { minimum: 6 }],
      allOf: [{ not: { const: 'ab' } }, { not: { enum: [9, 'zz'] } }],
    },
    values: [3, 6, 9, 12, 'a', 'ab', 'b', 'aaa', 2.5, 3.0, 'zz'],
  },
  { name: 'NotNot', schema: { not: { not: { type: 'number', maximum: 1 } } }, values: [] },
  { name: 'OneOfOverlap', schema: { oneOf: [{ type: 'number' }, { type: 'integer' }, { const: 'x' }] }, values: ['x', 1.5, 2] },
  { name: 'AnyOfFalse', schema: { anyOf: [false, { type: 'null' }] }, values: [] },
  { name: 'AllOfTrueFalse', schema: { allOf: [true, { not: false }, { type: 'boolean' }] }, values: [] },
  {
    name: 'Reconciled',
    schema: {
      type: 'object',
      properties: {
        a: { anyOf: [{ type: ['string', 'null'], minLength: 3, maxLength: 4 }, { const: '' }] },
        b: { anyOf: [{ type: 'string', minLength: 2 }, { const: '' }, { type: 'null' }] },
        c: { anyOf: [{ type: 'string' }, { const: '' }] },
      },
      required: ['a'],
    },
    values: [
      { a: '' }, { a: null }, { a: 'ab' }, { a: 'abc' }, { a: '\u{1F600}\u{1F600}\u{1F600}' }, { a: '\u{1F600}'.repeat(5) }, { a: 1 }, { a: undefined },
      { a: 'abc', b: 'x' }, { a: 'abc', b: null }, { a: 'abc', b: '' }, { a: 'abc', c: 1 }, { a: 'abc', c: null }, { a: 'abc', c: '' },
    ],
  },
  {
    name: 'Tree',
    schema: {
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } }, parent: { $ref: '#/$defs/Node' } },
          required: ['value'],
        },
      },
    },
    values: [
      { value: 1 }, { value: 1, children: [{ value: 2 }, { value: 3, children: [] }] }, { value: 1, children: [{ value: 2.5 }] },
      { value: 1, children: [{ value: 2, children: [{ value: 3, children: [{ value: '4' }] }] }] }, { value: 1, parent: { value: 0 } }, { value: 1, parent: { value: null } },
      { value: 1, children: [{ value: 2, extra: 1 }] }, { value: 1, children: {} },
    ],
  },
  {
    name: 'DeepRefs',
    schema: {
      type: 'object',
      properties: { first: { $ref: '#/$defs/First' }, second: { $ref: '#/$defs/Second' } },
      $defs: {
        First: { type: 'object', properties: { next: { $ref: '#/$defs/C' } }, required: ['next'] },
        C: { type: 'object', properties: { next: { $ref: '#/$defs/D' } } },
        D: { anyOf: [{ type: 'string', format: 'date' }, { $ref: '#/$defs/C' }] },
        Second: { enum: ['x', 1, null] },
      },
    },
    values: [
      { first: { next: {} } }, { first: {} }, { first: { next: { next: '2020-02-29' } } }, { first: { next: { next: '2019-02-29' } } },
      { first: { next: { next: { next: { next: '2000-02-29' } } } } }, { first: { next: { next: { next: { next: 1 } } } } },
      { second: 'x' }, { second: 'y' }, { second: null }, { second: 1.0 },
    ],
  },
  {
    name: 'Nested',
    schema: (() => {
      let inner: JsonSchema = { type: 'string', minLength: 1 };
      for (let i = 0; i < 20; i++) inner = { type: 'object', properties: { [i % 2 === 0 ? 'n' : 'constructor']: inner }, required: [i % 2 === 0 ? 'n' : 'constructor'] };
      return inner;
    })(),
    values: (() => {
      const build = (leaf: unknown, proto: object | null): unknown => {
        let v: unknown = leaf;
        for (let i = 0; i < 20; i++) v = Object.assign(Object.create(proto) as object, { [i % 2 === 0 ? 'n' : 'constructor']: v });
        return v;
      };
      return [build('x', Object.prototype), build('', Object.prototype), build('x', null), build('x', Plain.prototype), build(1, null)];
    })(),
  },
  {
    name: 'Exotic',
    // Objects of another realm (their prototype is that realm's Object.prototype), arguments, proxies, frozen
    // objects, symbol keys, a prototype chain ending in null one step late.
    schema: { type: 'object', properties: { a: { type: 'string' }, constructor: { type: 'integer' } }, required: ['a'], additionalProperties: false, minProperties: 1 },
    values: [
      runInNewContext('({ a: "x" })'), runInNewContext('({ a: "x", constructor: 1 })'), runInNewContext('({ a: "x", constructor: "c" })'), runInNewContext('Object.create({ a: "x" })'),
      runInNewContext('({ a: "x", b: 1 })'), runInNewContext('[]'), (function (..._x: unknown[]) { return arguments; })('x'), Object.freeze({ a: 'x' }),
      { a: 'x', [Symbol('s')]: 1 }, new Proxy({ a: 'x' }, {}), new Proxy({ a: 1 }, {}), Object.assign(Object.create(Object.create(null) as object) as object, { a: 'x' }),
      Object.assign(Object.create(Array.prototype) as object, { a: 'x' }),
    ],
  },
  {
    name: 'LoneSurrogates',
    // Written to a UTF-8 file, an unescaped lone surrogate would become U+FFFD. (As a property name one stops
    // the types stage: json-schema-to-typescript's pointer encoding throws URIError.)
    schema: { type: 'object', properties: { s: { enum: ['\uDC00', 'a\uD800b', '\uD800\uDC00'] }, '\u{1F600}': { type: 'string', maxLength: 1, pattern: '^[^\\uD800]*$' } }, required: ['s'] },
    values: [
      { s: '\uDC00' }, { s: 'a\uD800b' }, { s: '\uFFFD' }, { s: 'a\uFFFDb' }, { s: '\u{10000}' }, { s: '\uDC00', '\u{1F600}': '\u{1F600}' },
      { s: '\uDC00', '\u{1F600}': '\u{1F600}\u{1F600}' }, { s: '\uDC00', '\u{1F600}': '\uD800' }, { s: '\uDC00', '\u{1F600}': '\uFFFD' }, { s: '\uDC00', '\uD83D': 'xx' },
    ],
  },
  ...['SharedLettersA', 'SharedLettersB'].map((name, i) => ({
    name,
    // The same string enum of 10 values in two objects: one Set in the shared module (runtime.sharedEnums).
    schema: {
      type: 'object',
      properties: { letter: { $ref: '#/$defs/Letters' }, inline: { type: 'string', enum: LETTERS }, [`own${i}`]: { type: 'integer' } },
      required: ['letter'],
      $defs: { Letters: { type: 'string', enum: LETTERS } },
    } as JsonSchema,
    values: [{ letter: 'a' }, { letter: 'j' }, { letter: 'k' }, { letter: 'a', inline: 'e' }, { letter: 'a', inline: 'z' }, { letter: 'a', [`own${i}`]: 1.5 }, { letter: 'A' }],
  })),
  {
    name: 'OpenEnum',
    schema: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true },
        kind: { type: ['string', 'null'], enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', null], 'x-openEnum': true },
        fixed: { type: 'string', enum: ['x'] },
      },
    },
    values: [
      { status: 'A' }, { status: 'C' }, { status: 1 }, { kind: 'a' }, { kind: null }, { kind: 'z' }, { kind: 1 }, { fixed: 'x' }, { fixed: 'y' }, { status: 'A', other: 1 },
    ],
  },
  // `format` applies to strings only: a value of any other type passes it, beside any type list or none.
  { name: 'FormatNoType', schema: { format: 'date' }, values: DATE_VALUES },
  { name: 'FormatDateTimeNoType', schema: { format: 'date-time' }, values: DATE_VALUES },
  { name: 'FormatStringOrNumber', schema: { type: ['string', 'number'], format: 'date', maximum: 3 }, values: DATE_VALUES },
  { name: 'FormatNumber', schema: { type: 'number', format: 'date-time' }, values: DATE_VALUES },
  { name: 'FormatInteger', schema: { type: ['integer', 'null'], format: 'date' }, values: DATE_VALUES },
  { name: 'FormatNotString', schema: { type: ['boolean', 'null', 'object', 'array'], format: 'date', minProperties: 1, maxItems: 1 }, values: DATE_VALUES },
  {
    name: 'FormatPlaces',
    schema: {
      type: 'object',
      properties: { d: { format: 'date' }, list: { type: 'array', items: { format: 'date-time' } }, either: { anyOf: [{ format: 'date' }, { type: 'integer', format: 'date-time' }] } },
      patternProperties: { '^x-': { format: 'date' } },
      additionalProperties: { not: { format: 'date-time', type: 'string' } },
    },
    values: [
      ...DATE_VALUES.map((d) => ({ d })), ...DATE_VALUES.map((v) => ({ list: [v, '2020-01-01T00:00:00Z'] })), ...DATE_VALUES.map((either) => ({ either })),
      ...DATE_VALUES.map((v) => ({ 'x-a': v })), ...DATE_VALUES.map((other) => ({ other })),
    ],
  },
  {
    // Definitions named as Object.prototype's members (and `$x`), referred to plainly and percent-encoded, from
    // a property, items, a branch, `not`, other keys and a property named `__proto__`; recursive.
    name: 'DefNamesProto',
    schema: PROTO_DEFS.schema,
    values: PROTO_DEFS.values,
  },
];

describe('is… and is…Strict answer as ajv.compile on hand-written schemas of the fast subset', () => {
  const apis = packageOf(CASES, 'fast-adversarial');

  it('every case is built by our emitter, for both flavours', () => {
    expect(CASES.map(builtByUs)).toEqual(CASES.map((c) => [c.name, null, true]));
  });

  it('every case tells valid from invalid values (the reference accepts some and rejects some)', () => {
    const flat = CASES.filter((c) => {
      const reference = exactReference(flavours(c.schema).loose);
      const answers = new Set([...c.values, ...COMMON].map((v) => reference(v)));
      return answers.size !== 2;
    });
    expect(flat.map((c) => c.name)).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(disagreements(apis(), c.name, c.schema, [...c.values, ...COMMON])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The sweep: random schemas of the subset, random values shaped by each (valid ones, then broken ones)

const SWEEP_SCHEMAS = 40;
const SWEEP_VALUES = 120;

const NAME_POOL = ['a', 'b', 'id', 'amount', 'constructor', 'toString', '__proto__', 'hasOwnProperty', '', 'x y', 'a"b', 'line\nbreak', '*/', '</script>', 'u\u2028', 'data', 'value', 'n$', 'n_', 'n-'];
const PATTERNS = ['^a', '^\\p{L}+$', '^.{2}$', '\\d', '^[^x]*$', '^x-', '^\\u{1F600}'];
const STEPS = [0.01, 0.0001, 0.3, 1e-7, 1, 0.5, 3, 0.05];
const BOUNDS = [-1, 0, 0.1, 1, 2.5, 1000.18, 2 ** 53, -0.0001];
const ENUM_POOL: unknown[] = [1, '1', 0, null, true, false, 'a', 'b', '', 2.5, 'x', 'null', -1, 'constructor', '\u{1F600}'];

function genSchema(r: () => number, depth: number, defs: string[]): JsonSchema {
  const kinds = depth > 3 ? ['string', 'number', 'enum', 'const', 'boolean'] : ['string', 'number', 'enum', 'const', 'boolean', 'object', 'object', 'array', 'anyOf', 'oneOf', 'allOf', 'not', 'ref', 'list'];
  const kind = pick(r, defs.length > 0 ? kinds : kinds.filter((k) => k !== 'ref'));
  const nullable = (type: string): JsonSchema['type'] => (r() < 0.25 ? [type, 'null'] : type);
  switch (kind) {
    case 'string': {
      const out: JsonSchema = { type: nullable('string') };
      if (r() < 0.5) out.minLength = Math.floor(r() * 4);
      if (r() < 0.5) out.maxLength = Math.floor(r() * 5);
      if (r() < 0.3) out.pattern = pick(r, PATTERNS);
      else if (r() < 0.2) out.format = pick(r, ['date', 'date-time']);
      return out;
    }
    case 'number': {
      const out: JsonSchema = { type: nullable(pick(r, ['number', 'integer'])) };
      for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) if (r() < 0.2) out[key] = pick(r, BOUNDS);
      if (r() < 0.5) out.multipleOf = pick(r, STEPS);
      return out;
    }
    case 'enum':
      return { enum: [pick(r, ENUM_POOL), ...some(r, ENUM_POOL, r() < 0.5 ? 3 : 11)].filter((v, i, all) => all.indexOf(v) === i) };
    case 'const':
      return { const: pick(r, ENUM_POOL) };
    case 'boolean':
      return { type: nullable('boolean') };
    case 'list':
      return { type: some(r, ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'], 3).concat('null') };
    case 'object': {
      const names = some(r, NAME_POOL, 4);
      const out: JsonSchema = { type: 'object', properties: Object.fromEntries(names.map((n) => [n, genSchema(r, depth + 1, defs)])) };
      const required = some(r, [...names, 'req'], 2);
      if (required.length > 0) out.required = required;
      const extra = r();
      if (extra < 0.2) out.additionalProperties = false;
      else if (extra < 0.3) out.additionalProperties = genSchema(r, depth + 1, defs);
      // No name of NAME_POOL matches these (AJV's strict mode refuses a property a pattern also matches).
      if (r() < 0.2) out.patternProperties = { [pick(r, ['^x-', '^\\p{Lu}', '^\\d+$'])]: genSchema(r, depth + 1, defs) };
      if (r() < 0.1) out.minProperties = Math.floor(r() * 3);
      if (r() < 0.1) out.maxProperties = 1 + Math.floor(r() * 3);
      return out;
    }
    case 'array': {
      const out: JsonSchema = { type: nullable('array'), items: genSchema(r, depth + 1, defs) };
      if (r() < 0.3) out.minItems = Math.floor(r() * 3);
      // json-schema-to-typescript (the types) refuses maxItems below minItems.
      if (r() < 0.3) out.maxItems = ((out.minItems as number | undefined) ?? 0) + Math.floor(r() * 3);
      return out;
    }
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      return { [kind]: Array.from({ length: 1 + Math.floor(r() * 3) }, () => genSchema(r, depth + 1, defs)) };
    case 'not':
      return { not: genSchema(r, depth + 1, defs) };
    default:
      return { $ref: `#/$defs/${pick(r, defs)}` };
  }
}

/** A random schema with up to two definitions (the second may refer to the first, and to itself below a property). */
function sweepSchema(seed: number): JsonSchema {
  const r = random(seed);
  // Named after the seed: the package's definitions are shared by name, so each must be its schema's own.
  const defs: Record<string, JsonSchema> = {};
  if (r() < 0.5) defs[`First${seed}`] = genSchema(r, 2, []);
  if (r() < 0.3) defs[`Self${seed}`] = { type: 'object', properties: { next: { $ref: `#/$defs/Self${seed}` }, v: genSchema(r, 3, Object.keys(defs)) } };
  const schema = genSchema(r, 0, Object.keys(defs));
  return Object.keys(defs).length > 0 ? { ...schema, $defs: defs } : schema;
}

/** A value meant to pass `schema` (it may not: the generator ignores some combinations), maybe broken in one place. */
function genValue(r: () => number, schema: unknown, root: JsonSchema, depth = 0): unknown {
  if (depth > 8 || schema === true || schema === false || typeof schema !== 'object' || schema === null) return pick(r, COMMON);
  const s = schema as JsonSchema;
  if (r() < 0.08) return pick(r, COMMON);
  if (typeof s.$ref === 'string') return genValue(r, (root.$defs as Record<string, unknown>)[s.$ref.slice('#/$defs/'.length)], root, depth + 1);
  if (Array.isArray(s.enum)) return pick(r, s.enum as unknown[]);
  if ('const' in s) return s.const;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(s[key])) return genValue(r, pick(r, s[key] as unknown[]), root, depth + 1);
  if (s.not !== undefined) return pick(r, COMMON);
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : ['string'];
  const type = pick(r, types);
  switch (type) {
    case 'string':
      if (s.format === 'date') return pick(r, ['2020-02-29', '2021-02-29', '1999-12-31']);
      if (s.format === 'date-time') return pick(r, ['2016-12-31T23:59:60Z', '2020-01-01T00:00:00+05:30', '2020-01-01t00:00:00z']);
      return pick(r, ['a', 'ab', 'abc', '\u{1F600}\u{1F600}', 'x-y', 'Ωμ', '12', 'ab\uD800', '']);
    case 'number':
    case 'integer': {
      const step = typeof s.multipleOf === 'number' ? s.multipleOf : type === 'integer' ? 1 : 0.01;
      return Number((Math.round((r() - 0.3) * 2000) * step).toPrecision(15));
    }
    case 'boolean':
      return r() < 0.5;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.floor(r() * 4) }, () => genValue(r, s.items, root, depth + 1));
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      // Own data properties, as JSON.parse makes them (an assignment to `__proto__` would set the prototype).
      const out: Record<string, unknown> = {};
      const set = (name: string, value: unknown): void => void Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      for (const [name, sub] of Object.entries(properties)) if (r() < 0.8) set(name, genValue(r, sub, root, depth + 1));
      for (const name of (s.required ?? []) as string[]) if (!Object.hasOwn(out, name) && r() < 0.9) set(name, genValue(r, properties[name] ?? true, root, depth + 1));
      if (r() < 0.2) set(pick(r, ['x-extra', 'Extra', '12', '__proto__', 'constructor']), genValue(r, s.additionalProperties ?? true, root, depth + 1));
      return out;
    }
    default:
      return pick(r, COMMON);
  }
}

/** The values tried on a sweep schema: generated ones, each object in its other forms, and common ones. */
function sweepValues(seed: number, schema: JsonSchema): unknown[] {
  const r = random(seed * 7919 + 1);
  const out: unknown[] = [];
  while (out.length < SWEEP_VALUES) {
    const value = genValue(r, schema, schema);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) out.push(...objectForms(value as Record<string, unknown>));
    else out.push(value);
  }
  return [...out, ...some(r, COMMON, 30)];
}

describe(`is… and is…Strict answer as ajv.compile on ${SWEEP_SCHEMAS} seeded random schemas of the fast subset`, () => {
  const schemas = Array.from({ length: SWEEP_SCHEMAS }, (_, seed) => ({ name: `Sweep${seed}`, seed, schema: sweepSchema(seed) }));
  const apis = packageOf(schemas, 'fast-adversarial-sweep');

  it('every sweep schema is built by our emitter, for both flavours', () => {
    expect(schemas.map(builtByUs)).toEqual(schemas.map((c) => [c.name, null, true]));
  });

  it('the sweep reaches both answers: valid and invalid values for most schemas', () => {
    const both = schemas.filter((c) => new Set(sweepValues(c.seed, c.schema).map(exactReference(flavours(c.schema).loose))).size === 2);
    expect(both.length).toBeGreaterThanOrEqual(SWEEP_SCHEMAS * 0.8);
  });

  it.each(schemas.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(disagreements(apis(), c.name, c.schema, sweepValues(c.seed, c.schema))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Definitions named anything, `format` on any value: schemas built one at a time (adversarial-defs.ts)

const DEFS_SCHEMAS = 16;
const DEFS_VALUES = 40;

describe(`is… and is…Strict answer as ajv.compile on ${DEFS_SCHEMAS} seeded schemas with definitions of any name and formats on any value`, () => {
  const cases = Array.from({ length: DEFS_SCHEMAS }, (_, seed) => {
    const r = random(seed + 5000);
    const schema = defsSchema(r);
    const values: unknown[] = [];
    while (values.length < DEFS_VALUES) {
      const value = defsValue(r, schema, schema as Record<string, unknown>);
      values.push(...(value !== null && typeof value === 'object' && !Array.isArray(value) && values.length % 4 === 0 ? objectForms(value as Record<string, unknown>) : [value]));
    }
    return { name: `Defs${seed}`, schema, values: [...values, ...some(r, COMMON, 12)] };
  });
  const apis = new Map<string, Api>();
  beforeAll(async () => {
    for (const c of cases) apis.set(c.name, await directApi(c.name, c.schema));
  }, 60_000);

  it('our emitters build every schema but those referring to the definition named "" (`#/$defs/`: AJV\'s code)', () => {
    const refersToEmpty = (c: (typeof cases)[number]): boolean => JSON.stringify(c.schema).includes('"#/$defs/"');
    expect(cases.map(builtByUs)).toEqual(cases.map((c) => [c.name, refersToEmpty(c) ? expect.stringMatching(/^\$ref "#\/\$defs\/" at /) : null, !refersToEmpty(c)]));
    // Most use names a JSON pointer or a URI escapes, and most put a `format` beside other types or none.
    expect(cases.filter((c) => /"#\/\$defs\/[^"]*(~|%)/.test(JSON.stringify(c.schema))).length).toBeGreaterThanOrEqual(DEFS_SCHEMAS * 0.8);
    expect(cases.filter((c) => /"format":"date(-time)?"(?!,"type":"string")/.test(JSON.stringify(c.schema))).length).toBeGreaterThanOrEqual(DEFS_SCHEMAS * 0.5);
  });

  it('the values reach both answers for most schemas', () => {
    const both = cases.filter((c) => new Set(c.values.map(exactReference(flavours(c.schema).loose))).size === 2);
    expect(both.length).toBeGreaterThanOrEqual(DEFS_SCHEMAS * 0.5);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(disagreements([apis.get(c.name) as Api], c.name, c.schema, c.values)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Outside the keyword table: AJV's code calling our run-time equality (adversarial-defs.ts EQUALITY_CASES)

/** The package of the cases outside the table (one package: each costs a build). */
const outsideApis = packageOf([...EQUALITY_CASES, ...UNEVALUATED_CASES] as Case[], 'fast-adversarial-outside');

describe('is… and is…Strict of AJV\'s code for const and enum of objects and arrays, and uniqueItems, answer as JSON Schema\'s equality', () => {
  const apis = outsideApis;

  it('the reference\'s equality (exact-decimal.ts jsonKey) on cases worked out by hand', () => {
    const pairs: [unknown, unknown, boolean][] = [
      [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1.0 }, true], [-0, 0, true], [[-0], [0], true], [{ a: 1 }, { a: 1, b: undefined }, false], [[1], { 0: 1 }, false],
      ['1', 1, false], [null, 'null', false], [[], {}, false], [JSON.parse('{"valueOf":1}'), JSON.parse('{"valueOf":1}'), true], [JSON.parse('{"constructor":{}}'), JSON.parse('{"constructor":{}}'), true],
      [JSON.parse('{"__proto__":1}'), {}, false], [new Plain({ a: 1 }), { a: 1 }, true], [[1, 2], [2, 1], false], [{ a: [{}] }, { a: [[]] }, false],
    ];
    expect(pairs.map(([a, b]) => jsonKey(a) === jsonKey(b))).toEqual(pairs.map(([, , equal]) => equal));
  });

  it('each case is outside our emitters\' table (AJV builds both flavours)', () => {
    expect(EQUALITY_CASES.map(builtByUs)).toEqual([
      ['ConstObject', 'const at /', false],
      ['ConstProtoKeys', 'const at /', false],
      ['EnumMixed', 'enum at /', false],
      ['UniqueItems', 'uniqueItems at /properties/strings', false],
    ]);
  });

  it('keys named valueOf, toString, constructor are data; a second "__proto__" string is a duplicate (each was wrong)', () => {
    for (const api of apis()) {
      const answers = [
        // Threw TypeError (a.valueOf is not a function): AJV's equal called the key as a method.
        (api['isConstObject'] as Check)(JSON.parse('{"valueOf":1}')),
        (api['isEnumMixed'] as Check)(JSON.parse('{"valueOf":1}')),
        // false: AJV's equal took the `constructor` keys for prototypes, and two objects for two different ones.
        (api['isConstProtoKeys'] as Check)(JSON.parse('{"toString":"x","valueOf":1,"constructor":{}}')),
        // true: AJV's lookup object read the prototype for the second "__proto__".
        (api['isUniqueItems'] as Check)({ strings: ['__proto__', '__proto__'] }),
        (api['isUniqueItems'] as Check)({ any: [JSON.parse('{"valueOf":1}'), JSON.parse('{"valueOf":1}')] }),
      ];
      expect(answers).toEqual([false, true, true, false, false]);
    }
  });

  it.each(EQUALITY_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(disagreements(apis(), c.name, c.schema as JsonSchema, [...c.values, ...COMMON])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Where AJV is wrong: unevaluatedProperties and keys named as Object.prototype's members, our answers pinned

describe('unevaluatedProperties: keys named as Object.prototype\'s members are unevaluated (AJV takes them for evaluated)', () => {
  const apis = outsideApis;

  it.each(UNEVALUATED_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const ajv = exactReference(c.schema as JsonSchema);
    for (const api of apis()) {
      const ours = (value: unknown): [boolean, boolean] => [(api[`is${name}`] as Check)(value), (api[`is${name}Strict`] as Check)(value)];
      expect([ours({ a: 1, b: 'x' }), ours({ a: 1, c: 'y' }), ours({ a: 1.5, b: 'x' })]).toEqual([[true, true], [true, true], [false, false]]);
      // The spec's answer for every such key: not valid; AJV's: valid but for an ordinary name.
      expect(UNEVALUATED_KEYS.map((key) => [key, ours(withUnevaluated(key)), ajv(withUnevaluated(key))])).toEqual(UNEVALUATED_KEYS.map((key) => [key, [false, false], key === 'zzz' ? false : true]));
    }
  });
});
