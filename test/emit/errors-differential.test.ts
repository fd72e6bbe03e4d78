/**
 * The error-collecting validators (`full`/`fullStrict`, behind `assert…`, `parse…`, `safeParse…` and Standard
 * Schema's `~standard.validate`) against the oracle: `ajv.compile` with `allErrors` of the schema each flavour
 * checks (validatedSchemas of protoAsPattern: `assert…` the loose one, `assert…Strict` the strict one), with
 * `multipleOf` judged exactly (exact-decimal.ts), its raw errors worded by the runtime's own `issuesOf`. For
 * every value the issue list `assert…` throws must be that list exactly, in order; `safeParse…` of the value's
 * JSON text must give the list the oracle finds for the parsed value; `~standard.validate` must give the same
 * messages in the same order, each with the key path of its pointer; a valid value throws nothing.
 *
 * Schemas: the 11 Mintlify corpus objects, alone and reconciled with Yuno's OpenAPI files, and a table of
 * small hand-written schemas covering the keywords of the subset our own emitters build (fast-keywords.ts),
 * one at a time and combined, and the places where AJV's order of errors is not the schema's.
 * Values: the real payloads and the pages' examples, seeded arbitrary values drawn from the schema
 * (the fixtures' generator), each of them changed one to three ways at seeded places (a key dropped or
 * added, a wrong type, a long string, an unlisted value, a bad date, a number off its bounds or grid,
 * fast-check's `anything()` put in), and `anything()` values on their own.
 * AJV's `oneOf` (8.20) stops at the second branch that passes: the value is invalid (`passingSchemas` the
 * first two), and the branches after it are not checked, so their errors are not listed (OneOfThree, pinned).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSchema } from '../../generators/emit/fixtures.js';
import { exampleObject } from '../../generators/emit/docs-model.js';
import { arbitrary } from '../../generators/runtime/fixtures.js';
import { issuesOf } from '../../generators/runtime/validation.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';
import { loadPackage, type Api } from './code-helpers.js';
import { ajvErrors, compare, newTally, oracleOf, outsideSubset, thrown, variants, ANYTHING, type Flavour, type Tally } from './errors-oracle.js';
import { corpusOpenApi, corpusPages, generateGroup } from './fixtures-corpus.js';


// ---------------------------------------------------------------------------------------------------------
// The corpus: the 11 Mintlify objects, alone and with Yuno's OpenAPI files
// ---------------------------------------------------------------------------------------------------------

/** Values per object: changed copies of each real payload and of each arbitrary value drawn from the schema, anything() values. */
const PER_PAYLOAD = 12;
const ARBITRARY = 25;
const PER_ARBITRARY = 3;
const ANYTHING_PER_OBJECT = 40;

interface Labelled {
  label: string;
  value: unknown;
}

/** The values one object is checked with: the page's example and the API's payloads, arbitrary values, each changed; anything() values. */
function valuesOf(doc: SchemaDocument): Labelled[] {
  const out: Labelled[] = [];
  const payloads = [{ where: "the page's example", value: exampleObject(doc.schema) }, ...(doc.evidence?.payloads ?? [])];
  payloads.forEach((payload, p) => {
    for (const value of variants(payload.value, p + 1, PER_PAYLOAD)) out.push({ label: payload.where, value });
  });
  const fixture = fixtureSchema(doc.schema);
  for (let seed = 0; seed < ARBITRARY; seed++) {
    for (const value of variants(arbitrary(fixture, seed), 5000 + seed, PER_ARBITRARY)) out.push({ label: `arbitrary ${seed}`, value });
  }
  for (let i = 0; i < ANYTHING_PER_OBJECT; i++) out.push({ label: `anything ${i}`, value: ANYTHING[i] });
  return out;
}


/** A flavour's comparisons over a set of objects, run once however many tests read them. */
function once(run: () => Tally): () => Tally {
  let tally: Tally | undefined;
  return () => (tally ??= run());
}

/** A flavour's tests: every answer is the oracle's. */
function flavourTests(title: string, flavour: Flavour, tally: () => Tally, timeout: number): void {
  it(`${title}, ${flavour}: assert…, safeParse… and ~standard.validate give ajv.compile's issues`, () => {
    const t = tally();
    expect(t.failed).toEqual([]);
    expect(t.oracleThrew).toEqual([]);
    expect(t.invalid).toBeGreaterThan(0);
    expect(t.valid).toBeGreaterThan(0);
  }, timeout);
}

function corpus(title: string, options: () => Parameters<typeof generateGroup>[0], prefix: string): void {
  describe(title, () => {
    let api: Api;
    let schemas: SchemaDocument[];
    beforeAll(async () => {
      ({ api, schemas } = await generateGroup(options(), prefix));
    }, 120_000);

    it('generates the 11 objects, each inside the subset our emitters build', () => {
      expect(schemas.map((doc) => [doc.name, outsideSubset(doc.schema)])).toEqual(CORPUS_OBJECTS.map((name) => [name, null]));
    });

    for (const flavour of ['strict', 'loose'] as const) {
      const tally = once(() => {
        const t = newTally();
        for (const doc of schemas) {
          const oracle = oracleOf(doc.schema);
          for (const { label, value } of valuesOf(doc)) compare(api, doc.name, oracle, flavour, value, label, t);
        }
        // Most values are invalid: the changes break rules, not only add keys a loose check allows.
        expect(t.invalid).toBeGreaterThan(t.values / 2);
        return t;
      });
      flavourTests('every object', flavour, tally, 300_000);
    }
  });
}

const CORPUS_OBJECTS = ['CheckoutSession', 'Customer', 'CustomerSession', 'PaymentLink', 'PaymentMethodApi', 'PaymentMethodCheckout', 'Payment', 'Payout', 'Recipient', 'Reports', 'Subscription'];

corpus('Mintlify pages', () => ({ pages: corpusPages('mintlify') }), 'errdiff-mintlify');
corpus("Mintlify pages with Yuno's OpenAPI files", () => ({ pages: corpusPages('mintlify'), openapi: corpusOpenApi() }), 'errdiff-mintlify-openapi');

// ---------------------------------------------------------------------------------------------------------
// Hand-written schemas: every keyword of the subset, alone and combined, and where AJV's order matters
// ---------------------------------------------------------------------------------------------------------

interface Case {
  name: string;
  /** Boolean subschemas and names such as `constructor` are beyond JsonSchema's type: checked as a document (documentOf). */
  schema: Record<string, unknown>;
  /** Values chosen by hand: valid ones, and ones that break many rules at once. */
  values: unknown[];
}

/** JSON text as a value: keys such as `__proto__` become own properties. */
const json = (text: string): unknown => JSON.parse(text);

/** 11 strings: checked as a Set lookup (at least 9, emit/validators.ts SET_ENUM_MIN and fast-keywords.ts FAST_SET_ENUM_MIN). */
const COUNTRIES = ['AR', 'BR', 'CL', 'CO', 'EC', 'MX', 'PE', 'UY', 'US', 'GT', 'PA'];

const TABLE: Case[] = [
  {
    name: 'Types',
    schema: { type: 'object', properties: { i: { type: 'integer' }, n: { type: 'number' }, s: { type: 'string' }, b: { type: 'boolean' }, z: { type: 'null' }, o: { type: 'object' }, a: { type: 'array' } }, required: ['i'] },
    values: [{ i: 1 }, { i: 1.5 }, { i: 2 ** 53, n: -0 }, { i: '1', n: '2', s: 3, b: 0, z: false, o: [], a: {} }, { i: 1e21 }, { i: NaN }, { i: Infinity, n: -Infinity }, [], null, 'x', 7],
  },
  {
    name: 'TypeUnions',
    schema: { type: 'object', properties: { ni: { type: ['integer', 'null'] }, ns: { type: ['number', 'string'] }, num: { type: ['integer', 'number'] }, box: { type: ['object', 'array', 'null'] } } },
    values: [{}, { ni: null, ns: 'x', num: 1.5, box: [] }, { ni: 1.5, ns: true, num: 'x', box: 1 }, { ni: 'x', ns: null, num: null, box: 'x' }],
  },
  {
    name: 'Defs',
    schema: {
      type: 'object',
      properties: { amount: { $ref: '#/$defs/Money' }, fees: { type: 'array', items: { $ref: '#/$defs/Money' } }, country: { $ref: '#/$defs/Country' } },
      required: ['amount'],
      $defs: {
        Money: { type: 'object', properties: { value: { type: 'number', multipleOf: 0.01 }, currency: { type: 'string', minLength: 3, maxLength: 3 } }, required: ['value', 'currency'] },
        Country: { type: 'string', enum: COUNTRIES },
      },
    },
    values: [{ amount: { value: 10.5, currency: 'USD' }, country: 'AR' }, { amount: { value: 10.555, currency: 'US' }, fees: [{ value: 1 }, {}, null], country: 'XX' }, { fees: 'x', country: 1 }],
  },
  {
    // Recursive through a definition: the types emitter refuses a `$ref` to the root itself ('#').
    name: 'Tree',
    schema: {
      type: 'object',
      properties: { name: { type: 'string', minLength: 1 }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
      required: ['name'],
      $defs: { Node: { type: 'object', properties: { name: { type: 'string', minLength: 1 }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } }, required: ['name'] } },
    },
    values: [{ name: 'a', children: [{ name: 'b', children: [] }] }, { name: '', children: [{ children: [{ name: 3, x: 1 }] }] }, { children: [1, null, { name: 'ok', children: {} }] }],
  },
  {
    name: 'Consts',
    schema: { type: 'object', properties: { kind: { const: 'card' }, version: { const: 2 }, flag: { const: true }, nothing: { const: null } } },
    values: [{ kind: 'card', version: 2, flag: true, nothing: null }, { kind: 'Card', version: 2.0000001, flag: 1, nothing: 0 }, { version: '2', flag: false }],
  },
  {
    name: 'SmallEnums',
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['A', 'B', 'C'] }, mixed: { enum: ['x', 1, null, true] }, nullable: { type: ['string', 'null'], enum: ['ON', 'OFF', null] } } },
    values: [{ status: 'A', mixed: null, nullable: null }, { status: 'a', mixed: false, nullable: 'on' }, { status: 1, mixed: '1', nullable: 0 }],
  },
  {
    name: 'SetEnums',
    schema: { type: 'object', properties: { country: { type: 'string', enum: COUNTRIES }, maybe: { type: ['string', 'null'], enum: [...COUNTRIES, null] }, untyped: { enum: COUNTRIES } } },
    values: [{ country: 'AR', maybe: null, untyped: 'PA' }, { country: 'ar', maybe: 'XX', untyped: 1 }, { country: null, maybe: 5, untyped: ['AR'] }, { country: 'toString', maybe: 'constructor', untyped: '__proto__' }],
  },
  {
    name: 'OpenEnums',
    schema: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['PENDING', 'DONE'], 'x-openEnum': true },
        big: { type: 'string', enum: COUNTRIES, 'x-openEnum': true, maxLength: 2 },
        phase: { type: ['string', 'null'], enum: ['REGULAR', 'TRIAL', null], 'x-openEnum': true },
        codes: { type: 'array', items: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true } },
      },
    },
    values: [{ status: 'PENDING', big: 'AR', phase: null, codes: ['A'] }, { status: 'OTHER', big: 'ZZ', phase: 'NEW', codes: ['C', 'A'] }, { status: 1, big: 'ZZZ', phase: 2, codes: [null] }],
  },
  {
    name: 'Lengths',
    schema: { type: 'object', properties: { code: { type: 'string', minLength: 2, maxLength: 3 }, name: { type: 'string', maxLength: 5 }, id: { type: 'string', minLength: 1 } } },
    values: [
      { code: '😀😀', name: '😀😀😀😀😀', id: 'x' },
      { code: '😀', name: '😀😀😀😀😀😀', id: '' },
      { code: '\ud800\ud800\ud800\ud800', name: 'ab\udc00cd', id: '\ud83d' },
      { code: 'abcd', name: 'x'.repeat(100) },
    ],
  },
  {
    name: 'Formats',
    schema: { type: 'object', properties: { day: { type: 'string', format: 'date' }, at: { type: 'string', format: 'date-time' }, maybe: { type: ['string', 'null'], format: 'date-time' } } },
    values: [
      { day: '2024-02-29', at: '2024-01-01T00:00:00Z', maybe: null },
      { day: '2023-02-29', at: '2024-01-01T24:00:00Z', maybe: '2024-01-01' },
      { day: '2024-1-1', at: '2024-01-01t10:00:00.123+05:30', maybe: '2016-12-31T23:59:60Z' },
      { day: 20240101, at: '2024-01-01 10:00:00Z' },
    ],
  },
  {
    name: 'Patterns',
    schema: { type: 'object', properties: { iso: { type: 'string', pattern: '^[A-Z]{2}$' }, letters: { type: 'string', pattern: '^\\p{L}+$' }, digits: { type: 'string', pattern: '\\d', maxLength: 4 } } },
    values: [{ iso: 'AR', letters: 'ñandú', digits: 'a1' }, { iso: 'ar', letters: 'abc1', digits: 'abcde' }, { iso: 'ARG', letters: '', digits: 7 }],
  },
  {
    name: 'Bounds',
    schema: { type: 'object', properties: { a: { type: 'number', minimum: 0, maximum: 10 }, b: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 100 }, c: { type: 'number', minimum: -1.5, exclusiveMaximum: 2.5 } } },
    values: [{ a: 0, b: 1, c: -1.5 }, { a: -0.0001, b: 0, c: 2.5 }, { a: 10.5, b: 100, c: -2 }, { a: 5, b: 50.5, c: 'x' }],
  },
  {
    name: 'Multiples',
    schema: { type: 'object', properties: { cents: { type: 'number', multipleOf: 0.01 }, rate: { type: 'number', multipleOf: 0.0001, minimum: 0 }, count: { type: 'integer', multipleOf: 5 } } },
    values: [{ cents: 19.99, rate: 1000.18, count: 10 }, { cents: 19.995, rate: 0.00005, count: 12 }, { cents: 1.005, rate: -0.0001, count: 2.5 }, { cents: 1e-7, rate: 23.5676, count: -15 }],
  },
  {
    name: 'Closed',
    schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'], additionalProperties: false },
    values: [{ a: 'x' }, { a: 'x', c: 1 }, { b: 'x', c: 1, d: 2 }],
  },
  {
    name: 'Map',
    schema: { type: 'object', properties: { meta: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } } },
    values: [{ meta: { a: 1 } }, { meta: { a: -1, b: 'x', c: 1.5 } }, { meta: [] }],
  },
  {
    name: 'PatternKeys',
    schema: { type: 'object', properties: { id: { type: 'string' } }, patternProperties: { '^x-': { type: 'string' }, '^n_\\d+$': { type: 'number' } }, additionalProperties: false },
    values: [{ id: 'a', 'x-a': 'b', n_1: 2 }, { id: 1, 'x-a': 1, n_1: 'x', n_x: 1, other: 2 }],
  },
  {
    name: 'KeyCounts',
    schema: { type: 'object', properties: { tags: { type: 'object', minProperties: 1, maxProperties: 2 } }, minProperties: 1 },
    values: [{ tags: { a: 1 } }, {}, { tags: {} }, { tags: { a: 1, b: 2, c: 3 } }],
  },
  {
    name: 'Items',
    schema: { type: 'object', properties: { list: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', maxLength: 2 } }, empty: { type: 'array', maxItems: 0, items: false } } },
    values: [{ list: ['a'], empty: [] }, { list: [], empty: [1] }, { list: ['abc', 1, 'a', 'b'], empty: [null, null] }],
  },
  {
    name: 'AllOf',
    schema: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'integer' } }, required: ['b'] }] },
    values: [{ a: 'x', b: 1 }, { a: 1 }, {}, { a: 'x', b: 1, c: 2 }, 'x'],
  },
  {
    name: 'AnyOf',
    schema: {
      type: 'object',
      properties: {
        v: { anyOf: [{ type: 'string', maxLength: 3 }, { type: 'integer', minimum: 10 }] },
        o: { anyOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'null' }] },
      },
    },
    values: [{ v: 'abc', o: null }, { v: 'abcd', o: {} }, { v: 5, o: { a: 1 } }, { v: 10.5, o: { a: 'x', b: 1 } }],
  },
  {
    name: 'Reconciled',
    schema: {
      type: 'object',
      properties: {
        state: { anyOf: [{ type: 'string', minLength: 3, maxLength: 5 }, { const: '' }, { type: 'null' }] },
        ref: { anyOf: [{ type: ['string', 'null'], minLength: 2 }, { const: '' }] },
      },
    },
    values: [{ state: 'NYC', ref: null }, { state: '', ref: '' }, { state: 'NY', ref: 'x' }, { state: 'ABCDEF', ref: 1 }, { state: 5 }],
  },
  {
    name: 'OneOf',
    schema: {
      type: 'object',
      properties: {
        n: { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 2 }] },
        pay: { oneOf: [{ type: 'object', properties: { card: { type: 'string' } }, required: ['card'] }, { type: 'object', properties: { bank: { type: 'string' } }, required: ['bank'] }] },
      },
    },
    values: [{ n: 1, pay: { card: 'x' } }, { n: 3, pay: { card: 'x', bank: 'y' } }, { n: 1.5, pay: {} }, { n: 'x', pay: { card: 1 } }],
  },
  {
    // Three branches: AJV stops at the second that passes, and does not list the third's errors (see the header).
    name: 'OneOfThree',
    schema: {
      type: 'object',
      properties: {
        n: { oneOf: [{ type: 'number' }, { type: 'integer' }, { minimum: 0 }] },
        s: { oneOf: [{ type: 'string', maxLength: 2 }, { type: 'string', minLength: 1 }, { type: 'string', pattern: '^a' }] },
      },
    },
    values: [{ n: 1, s: 'ab' }, { n: -1, s: 'b' }, { n: 1.5, s: 'abc' }, { n: 'x', s: '' }, { n: -1.5, s: 'bcd' }],
  },
  {
    // The strict schema adds the branches' closed copies beside the oneOf (`allOf: [{ anyOf: closed }]`, deriveStrict);
    // see the note above compare.
    name: 'OneOfNested',
    schema: {
      type: 'object',
      properties: { id: { type: 'string' } },
      oneOf: [
        { properties: { card: { type: 'object', properties: { number: { type: 'string' } } } }, required: ['card'] },
        { properties: { bank: { type: 'object', properties: { iban: { type: 'string' } } } }, required: ['bank'] },
      ],
    },
    values: [{ card: { number: 'x' } }, { id: 1, card: { number: 'x', cvv: 1 } }, { card: {}, bank: {} }, { id: 1, bank: { iban: 1, x: 1 } }],
  },
  {
    name: 'Not',
    schema: { type: 'object', properties: { text: { type: 'string', not: { const: '' } }, some: { not: { type: 'null' } }, never: { not: true } } },
    values: [{ text: 'x', some: 0 }, { text: '', some: null }, { never: 1 }],
  },
  {
    name: 'FalseSchemas',
    schema: { type: 'object', properties: { gone: false, any: true }, additionalProperties: false },
    values: [{ any: 1 }, { gone: 1 }, { gone: null, other: 1 }],
  },
  {
    name: 'OddNames',
    schema: {
      type: 'object',
      properties: { ['__proto__']: { type: 'string' }, constructor: { type: 'integer' }, toString: { type: 'boolean' }, 'a/b': { type: 'boolean' }, 'a~b': { type: 'null' }, '': { type: 'string', minLength: 1 } },
      required: ['constructor', 'a/b'],
    },
    values: [
      json('{"__proto__": "x", "constructor": 1, "a/b": true, "a~b": null, "": "y"}'),
      json('{"__proto__": 1, "constructor": "x", "toString": 1, "a/b": 1, "a~b": 0, "": ""}'),
      {},
      json('{"__proto__": {}}'),
      Object.create({ constructor: 1, 'a/b': true }),
    ],
  },
  {
    // A single type with keywords of its group: AJV checks the type after them, so `enum` comes first.
    name: 'KeywordOrder',
    schema: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: ['ab', 'cd'], maxLength: 2 },
        n: { type: 'integer', const: 7, minimum: 5 },
        day: { type: 'string', format: 'date', pattern: '^2', minLength: 10 },
      },
    },
    values: [{ code: 'ab', n: 7, day: '2024-01-01' }, { code: 5, n: 'x', day: 5 }, { code: 'abc', n: 3, day: '1999' }],
  },
  {
    name: 'ManyErrors',
    schema: {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'object', properties: { d: { type: 'string' } }, required: ['d'], additionalProperties: false } },
      required: ['a', 'b', 'c'],
      additionalProperties: false,
      maxProperties: 3,
    },
    values: [{ a: 'x', b: 1, c: { d: 'y' } }, { b: 'x', z: 1, y: 2, c: { e: 1 } }, { z: 1, c: { d: 1, y: 1 } }],
  },
  {
    name: 'Nullable',
    schema: { type: ['object', 'null'], properties: { a: { type: 'string' } }, required: ['a'] },
    values: [null, { a: 'x' }, {}, 'x', { a: null, b: 1 }],
  },
  {
    name: 'InPlaceKeys',
    schema: {
      type: 'object',
      properties: { kind: { type: 'string' } },
      allOf: [{ properties: { id: { type: 'string', minLength: 2 } }, required: ['id'] }],
      anyOf: [{ properties: { a: { type: 'integer' } }, required: ['a'] }, { properties: { b: { type: 'integer' } }, required: ['b'] }],
    },
    values: [{ id: 'xy', a: 1 }, { id: 'x', kind: 1, z: 1 }, { id: 'xy', b: 'x', c: 1 }],
  },
  {
    name: 'RootArray',
    schema: { type: 'array', maxItems: 2, items: { $ref: '#/$defs/Row' }, $defs: { Row: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date' } }, required: ['id'] } } },
    values: [[{ id: 1 }], [{ id: 1.5, at: 'x' }, {}, { id: 2, extra: 1 }], {}],
  },
  {
    name: 'Combined',
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string', minLength: 8, maxLength: 8 },
        status: { type: 'string', enum: ['PENDING', 'SUCCEEDED', 'REJECTED'], 'x-openEnum': true },
        amount: { type: 'object', properties: { value: { type: 'number', minimum: 0, multipleOf: 0.0001 }, currency: { $ref: '#/$defs/Currency' } }, required: ['value', 'currency'] },
        created_at: { type: 'string', format: 'date-time' },
        customer: {
          type: ['object', 'null'],
          properties: {
            email: { type: 'string', pattern: '^[^@]+@[^@]+$' },
            birth: { type: 'string', format: 'date' },
            document: { anyOf: [{ type: 'string', minLength: 6, maxLength: 12 }, { const: '' }, { type: 'null' }] },
          },
        },
        items: {
          type: 'array',
          maxItems: 3,
          items: {
            type: 'object',
            properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1, maximum: 999 }, tags: { type: 'array', items: { type: 'string', enum: COUNTRIES, 'x-openEnum': true } } },
            required: ['sku', 'qty'],
          },
        },
      },
      required: ['id', 'status', 'amount'],
      $defs: { Currency: { type: 'string', enum: ['USD', 'EUR', 'ARS', 'BRL', 'CLP', 'COP', 'MXN', 'PEN', 'UYU'] } },
    },
    values: [
      { id: 'abcdefgh', status: 'PENDING', amount: { value: 1000.18, currency: 'USD' }, created_at: '2024-01-01T00:00:00Z', customer: { email: 'a@b', document: '' }, items: [{ sku: 'x', qty: 1, tags: ['AR'] }] },
      { id: 'abc', status: 'NEW', amount: { value: -1.00005, currency: 'usd' }, created_at: 'now', customer: { email: 'ab', birth: '2024-02-30', document: 'x' }, items: [{ qty: 0, tags: ['ZZ', 1] }, {}, 1, 2] },
      { status: null, amount: {}, customer: 'x', items: {} },
    ],
  },
  {
    name: 'RootString',
    schema: { type: 'string', minLength: 10, maxLength: 10, format: 'date', pattern: '^20' },
    values: ['2024-01-01', '1999-01-01', '2024-02-30', 'x', 5, null],
  },
  {
    // See KNOWN_LOOSE_FROM_STRICT: the array branch passes in the loose schema, fails (unknown key) in the strict one.
    name: 'AnyOfClosedBranch',
    schema: {
      type: 'object',
      properties: { id: { type: 'string' }, items: { anyOf: [{ $ref: '#/$defs/Item' }, { type: 'array', items: { $ref: '#/$defs/Item' } }] } },
      $defs: { Item: { type: 'object', properties: { name: { type: 'string' } } } },
    },
    values: [{ id: 'x', items: [{ name: 'x' }] }, { id: 1, items: [{ name: 'x', extra: 1 }] }, { id: 1, items: { name: 'x', extra: 1 } }],
  },
];

/** Seeded values per hand-written schema: arbitrary ones drawn from it, each changed up to three times; anything() values. */
const TABLE_ARBITRARY = 40;
const TABLE_ANYTHING = 40;

/** The hand-written schemas where main shows its known difference (KNOWN_LOOSE_FROM_STRICT). */
function documentOf(c: Case): SchemaDocument {
  const slug = c.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return { slug, name: c.name, source: `schemas/${slug}.json`, schema: { title: c.name, ...c.schema } as JsonSchema };
}

function tableValues(c: Case): Labelled[] {
  const values: Labelled[] = c.values.map((value, i) => ({ label: `table ${i}`, value }));
  const fixture = fixtureSchema(documentOf(c).schema);
  for (let seed = 0; seed < TABLE_ARBITRARY; seed++) {
    for (const value of variants(arbitrary(fixture, seed), 9000 + seed, 3)) values.push({ label: `arbitrary ${seed}`, value });
  }
  for (let i = 0; i < TABLE_ANYTHING; i++) values.push({ label: `anything ${i}`, value: ANYTHING[(i * 7) % ANYTHING.length] });
  return values;
}

describe('hand-written schemas', () => {
  let builds: Api[] = [];
  beforeAll(async () => {
    const { esm, cjs } = await loadPackage(TABLE.map(documentOf), 'errdiff-table');
    builds = [esm, cjs];
  }, 120_000);

  it('each is inside the subset our emitters build', () => {
    expect(TABLE.map((c) => [c.name, outsideSubset(documentOf(c).schema)])).toEqual(TABLE.map((c) => [c.name, null]));
  });

  for (const flavour of ['strict', 'loose'] as const) {
    const tallies = TABLE.map((c) =>
      once(() => {
        const oracle = oracleOf(documentOf(c).schema);
        const t = newTally();
        for (const api of builds) for (const { label, value } of tableValues(c)) compare(api, c.name, oracle, flavour, value, label, t);
        return t;
      }),
    );
    for (const [i, c] of TABLE.entries()) {
      flavourTests(`${c.name} (ESM and CommonJS)`, flavour, tallies[i]!, 30_000);
    }
  }

  it('the oracle reaches every keyword of the subset with an error of its own', () => {
    const keywords = new Set<string>();
    for (const c of TABLE) {
      const oracle = oracleOf(documentOf(c).schema);
      for (const value of c.values) for (const flavour of ['loose', 'strict'] as const) for (const e of ajvErrors(oracle[flavour], value)) keywords.add(e.keyword);
    }
    expect([...keywords].sort()).toEqual([
      'additionalProperties', 'anyOf', 'const', 'enum', 'exclusiveMaximum', 'exclusiveMinimum', 'false schema', 'format', 'maxItems', 'maxLength',
      'maxProperties', 'maximum', 'minItems', 'minLength', 'minProperties', 'minimum', 'multipleOf', 'not', 'oneOf', 'pattern', 'required', 'type',
    ]);
  });

  // AJV's order, pinned. A single type whose group has keywords in the schema is checked after the keywords of
  // no type (`enum`, `const`), in that group's else branch; `integer` has no group of its own, so its type is
  // checked first. A group's keywords come in AJV's order, whatever the schema's. An object's own keywords come
  // before its properties' (maxProperties, then required, then unknown keys, then each property in turn). A
  // `oneOf` stops at its second passing branch.
  const PINNED: { schema: string; value: unknown; issues: [path: string, keyword: string, message: string][] }[] = [
    {
      schema: 'KeywordOrder',
      value: { code: 5, n: 'x', day: 5 },
      issues: [
        ['code', 'enum', 'must be one of the allowed values (got 5)'],
        ['code', 'type', 'must be string (got 5)'],
        ['n', 'type', 'must be integer (got "x")'],
        ['n', 'const', 'must be equal to constant (got "x")'],
        ['day', 'type', 'must be string (got 5)'],
      ],
    },
    {
      schema: 'KeywordOrder',
      value: { code: 'abc', n: 3, day: '1999' },
      issues: [
        ['code', 'enum', 'must be one of the allowed values (got "abc")'],
        ['code', 'maxLength', 'must NOT have more than 2 characters (got "abc")'],
        ['n', 'const', 'must be equal to constant (got 3)'],
        ['n', 'minimum', 'must be >= 5 (got 3)'],
        ['day', 'minLength', 'must NOT have fewer than 10 characters (got "1999")'],
        ['day', 'pattern', 'must match pattern "^2" (got "1999")'],
        ['day', 'format', 'must match format "date" (got "1999")'],
      ],
    },
    {
      // n: branches 0 and 1 pass, 2 is not checked (no `minimum` error); s: 0 fails, 1 and 2 pass.
      schema: 'OneOfThree',
      value: { n: -1, s: 'abc' },
      issues: [
        ['n', 'oneOf', 'must match exactly one schema in oneOf (got -1)'],
        ['s', 'maxLength', 'must NOT have more than 2 characters (got "abc")'],
        ['s', 'oneOf', 'must match exactly one schema in oneOf (got "abc")'],
      ],
    },
    {
      // n: 0 passes, 1 fails (its error listed), 2 passes; s: 0 and 1 pass, 2 is not checked (no `pattern` error).
      schema: 'OneOfThree',
      value: { n: 1.5, s: 'b' },
      issues: [
        ['n', 'type', 'must be integer (got 1.5)'],
        ['n', 'oneOf', 'must match exactly one schema in oneOf (got 1.5)'],
        ['s', 'oneOf', 'must match exactly one schema in oneOf (got "b")'],
      ],
    },
    {
      schema: 'ManyErrors',
      value: { b: 'x', z: 1, y: 2, c: { e: 1 } },
      issues: [
        ['', 'maxProperties', 'must NOT have more than 3 properties (got an object)'],
        ['a', 'required', 'is required'],
        ['z', 'additionalProperties', 'is not a known property (strict validators reject unknown keys)'],
        ['y', 'additionalProperties', 'is not a known property (strict validators reject unknown keys)'],
        ['b', 'type', 'must be integer (got "x")'],
        ['c.d', 'required', 'is required'],
        ['c.e', 'additionalProperties', 'is not a known property (strict validators reject unknown keys)'],
      ],
    },
  ];

  it("the order of errors is AJV's, not the schema's (pinned), in the oracle and in both builds, loose and strict", () => {
    for (const { schema, value, issues } of PINNED) {
      const want = issues.map(([path, keyword, message]) => ({ path, message, keyword }));
      const oracle = oracleOf(documentOf(TABLE.find((c) => c.name === schema)!).schema);
      expect(issuesOf(ajvErrors(oracle.loose, value), value)).toEqual(want);
      expect(issuesOf(ajvErrors(oracle.strict, value), value)).toEqual(want);
      for (const api of builds) {
        expect(thrown(api, `assert${schema}`, value)).toEqual(want);
        expect(thrown(api, `assert${schema}Strict`, value)).toEqual(want);
      }
    }
  });
});
