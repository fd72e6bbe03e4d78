/**
 * Property-based tests of the code emitter on random schemas shaped like the extractor's output
 * (objects, nesting, arrays of objects and strings, enums with odd values, open enums, lengths, nullable
 * types, date/date-time formats, multipleOf, a shared CountryCode-like definition, odd property names,
 * provenance annotations):
 *   - the generated TypeScript (package declarations and the `ts` target's sources) type-checks under
 *     strict settings with the TypeScript 5 compiler API;
 *   - the generated validators, ESM and CJS, loose and strict, agree with `ajv.compile` of the schema each
 *     one checks (validatedSchemas) on random values, with `multipleOf` judged by the exact oracle
 *     (test/emit/exact-decimal.ts).
 * fast-check runs with a fixed seed (PROPERTY_SEED to change it) so failures reproduce.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { validatedSchemas } from '../../generators/emit/validators.js';
// ajv.compile skips a property named __proto__; the generated validators check it as this equivalent schema does.
import { protoAsPattern } from '../../generators/emit/proto-keys.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';
import { emit, expectAssertAgrees, tempDir, writeFiles, type Api } from '../emit/code-helpers.js';
import { exactReference } from '../emit/exact-decimal.js';

const SEED = Number(process.env['PROPERTY_SEED'] ?? 31_337);

/** Names that are not identifiers, are reserved words or Object.prototype members, or hold quotes, escapes and comment enders. */
const ODD_NAMES = [
  'weird-name', 'class', 'constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__',
  'prototype', 'with "quotes"', "it's", 'back\\slash', 'ünïcödé', '名前', '😀', 'a b', '*/', '${x}', '`tick`', '</script>', '0',
  '1e3', 'default', 'enum', 'const', 'examples', 'format', 'properties', 'items', '$ref',
];
const ODD_VALUES = ['', 'A', 'a"b', "it's", 'back\\slash', '*/', '${x}', '`', '</script>', '\u2028', '😀', 'é', 'e\u0301', 'null', '0', ' '];
/** Nine or more string values take the Set path in the generated code, fewer the plain enum. */
const CODES = ['AR', 'BR', 'CL', 'CO', 'EC', 'MX', 'PE', 'US', 'UY', 'ZW', 'GB', 'ES'];

const propertyName = fc.oneof(fc.constantFrom(...ODD_NAMES), fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), fc.string({ maxLength: 6 }));

const lengths = fc
  .record({ min: fc.option(fc.nat({ max: 6 }), { nil: undefined }), span: fc.option(fc.nat({ max: 8 }), { nil: undefined }) })
  .map(({ min, span }) => ({
    ...(min !== undefined ? { minLength: min } : {}),
    ...(span !== undefined ? { maxLength: (min ?? 0) + span } : {}),
  }));

const nullable = (type: string) => fc.boolean().map((n) => (n ? [type, 'null'] : type));

const stringSchema: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.tuple(nullable('string'), lengths).map(([type, l]) => ({ type, ...l }) as JsonSchema),
  fc.tuple(nullable('string'), fc.constantFrom('date-time', 'date')).map(([type, format]) => ({ type, format }) as JsonSchema),
  fc
    // Up to fourteen values: from SET_ENUM_MIN (nine) on, an inline string enum takes the Set path.
    .tuple(fc.uniqueArray(fc.oneof(fc.constantFrom(...ODD_VALUES), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 14 }), fc.boolean(), fc.boolean())
    .map(([values, withNull, open]) => ({
      ...(withNull ? { type: ['string', 'null'], enum: [...values, null] } : { type: 'string', enum: values }),
      // An open enum: the default validators accept any string (and null when nullable), the strict ones the list.
      ...(open ? { 'x-openEnum': true } : {}),
    }) as JsonSchema),
  fc.constant({ $ref: '#/$defs/CountryCode' } as JsonSchema),
);

/** Provenance annotations (never a change to what validates), with text that must stay text. */
const PROVENANCE = fc.constantFrom<Partial<JsonSchema>>(
  {},
  {},
  { 'x-notOnPage': true },
  { 'x-reconciled': [{ rule: 'api-null', page: 'string (line 3) */ </script>', api: 'null `x` {{y}}', result: 'string or null', count: 3, evidence: ['a.json GET /x 200 "X" /y\u2028'] }] },
);

const scalarSchema: fc.Arbitrary<JsonSchema> = fc.oneof(
  { weight: 4, arbitrary: stringSchema },
  fc.tuple(nullable('integer'), fc.option(fc.constantFrom(1, 5, 10), { nil: undefined })).map(
    ([type, m]) => ({ type, ...(m !== undefined ? { multipleOf: m } : {}) }) as JsonSchema,
  ),
  fc.tuple(nullable('number'), fc.option(fc.constantFrom(0.0001, 0.01, 0.5, 2.5), { nil: undefined })).map(
    ([type, m]) => ({ type, ...(m !== undefined ? { multipleOf: m } : {}) }) as JsonSchema,
  ),
  nullable('boolean').map((type) => ({ type }) as JsonSchema),
);

const { schema: bareFieldSchema } = fc.letrec<{ schema: JsonSchema; object: JsonSchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalarSchema },
    { weight: 2, arbitrary: tie('object') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(stringSchema, tie('object')), fc.option(fc.nat({ max: 2 }), { nil: undefined }), fc.option(fc.nat({ max: 3 }), { nil: undefined }))
        .map(([items, min, span]) => ({
          type: 'array',
          items,
          ...(min !== undefined ? { minItems: min } : {}),
          ...(span !== undefined ? { maxItems: (min ?? 0) + span } : {}),
        }) as JsonSchema),
    },
  ),
  object: fc
    .uniqueArray(fc.tuple(propertyName, tie('schema'), fc.boolean()), { minLength: 1, maxLength: 5, selector: ([name]) => name })
    .map((entries) => {
      const required = entries.filter(([, , r]) => r).map(([n]) => n);
      return {
        type: 'object',
        properties: Object.fromEntries(entries.map(([n, s]) => [n, s])),
        ...(required.length > 0 ? { required } : {}),
      } as JsonSchema;
    }),
}));

const fieldSchema: fc.Arbitrary<JsonSchema> = fc.tuple(bareFieldSchema, PROVENANCE).map(([schema, extra]) => (schema.$ref ? schema : { ...schema, ...extra }));

const rootSchema: fc.Arbitrary<JsonSchema> = fc
  .uniqueArray(fc.tuple(propertyName, fieldSchema, fc.boolean()), { minLength: 1, maxLength: 6, selector: ([name]) => name })
  .map((entries) => {
    const required = entries.filter(([, , r]) => r).map(([n]) => n);
    const schema: JsonSchema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: Object.fromEntries(entries.map(([n, s]) => [n, s])),
      ...(required.length > 0 ? { required } : {}),
    };
    if (JSON.stringify(schema).includes('"#/$defs/CountryCode"')) {
      schema.$defs = { CountryCode: { title: 'CountryCode', type: 'string', enum: CODES } };
    }
    return schema;
  });

function doc(schema: JsonSchema, i: number): SchemaDocument {
  return { slug: `random-${i}`, name: `Random${i}`, source: `property/random-${i}.json`, schema };
}

/** Values near the schema (valid ones and small departures) and arbitrary JSON. */
function valueFor(schema: JsonSchema, defs: Record<string, JsonSchema>): fc.Arbitrary<unknown> {
  const anyJson = fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref) return valueFor(defs['CountryCode'] ?? {}, defs);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const options: fc.Arbitrary<unknown>[] = [anyJson];
  if (types.includes('null')) options.push(fc.constant(null));
  if (schema.enum) {
    options.push(fc.constantFrom(...schema.enum), fc.constantFrom(...schema.enum).map((v) => (typeof v === 'string' ? `${v} ` : v)));
    if (schema['x-openEnum'] === true) options.push(fc.string({ maxLength: 5 }));
  }
  else if (types.includes('string')) {
    if (schema.format === 'date-time') {
      options.push(
        fc.date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') }).map((d) => d.toISOString()),
        fc.constantFrom('2024-02-29T23:59:60Z', '2023-02-29T00:00:00Z', '2022-05-09T20:46:54.786342+05:30', '2022-05-09t20:46:54z', '2022-05-09 20:46:54Z'),
      );
    } else if (schema.format === 'date') {
      options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('2024-02-29', '2023-02-29', '2022-13-01'));
    } else {
      options.push(fc.string({ maxLength: 12, unit: 'grapheme' }), fc.string({ maxLength: 12, unit: 'binary' }));
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    options.push(
      fc.integer({ min: -100, max: 100 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -10_000, max: 10_000 }).map((n) => n / 10_000),
      // Money: two-decimal amounts, most of which floating-point division calls no multiple of 0.0001.
      fc.integer({ min: 100_000, max: 110_000 }).map((n) => n / 100),
    );
  }
  if (types.includes('boolean')) options.push(fc.boolean());
  if (types.includes('array') && schema.items) options.push(fc.array(valueFor(schema.items, defs), { maxLength: 5 }));
  if (types.includes('object') && schema.properties) {
    const props = Object.entries(schema.properties);
    options.push(
      fc
        .tuple(...props.map(([, s]) => fc.option(valueFor(s, defs), { freq: 4, nil: undefined })), fc.dictionary(fc.string({ maxLength: 4 }), anyJson, { maxKeys: 2 }))
        .map((parts) => {
          const extra = parts[props.length] as Record<string, unknown>;
          // Object.fromEntries defines `__proto__` as an own key, as JSON.parse does.
          const entries = props.flatMap(([name], i) => (parts[i] === undefined ? [] : [[name, parts[i]] as const]));
          return Object.fromEntries([...Object.entries(extra), ...entries]);
        }),
    );
  }
  return fc.oneof(...options);
}

/** `ajv.compile` of the schema the default validators check (open enums opened; `multipleOf` exact). */
function reference(schema: JsonSchema): (value: unknown) => boolean {
  return exactReference(validatedSchemas(protoAsPattern(schema)).loose);
}

/** `ajv.compile` of the schema the `…Strict` validators check (open enums as listed, objects closed). */
function strictReference(schema: JsonSchema): (value: unknown) => boolean {
  return exactReference(validatedSchemas(protoAsPattern(schema)).strict);
}

const STRICT: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitReturns: true,
  noPropertyAccessFromIndexSignature: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
  lib: ['lib.es2022.d.ts'],
};

function typeErrors(dir: string, files: string[]): string[] {
  const program = ts.createProgram(files.map((f) => join(dir, f)), STRICT);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName.slice(dir.length + 1) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('generated code on random extractor-shaped schemas', () => {
  it('the generated TypeScript type-checks under strict settings (package declarations and ts target)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rootSchema, { minLength: 8, maxLength: 8 }), async (schemas) => {
        const docs = schemas.map(doc);
        for (const target of ['package', 'ts'] as const) {
          const dir = tempDir(`property-types-${target}`);
          writeFiles(dir, await emit(docs, { target, only: ['types', 'validators'] }));
          // NodeNext needs a package.json that says ESM for the .ts sources and .d.ts files.
          writeFiles(dir, [{ path: 'package.json', contents: '{"type":"module"}\n' }].filter(() => target === 'ts'));
          const files = readdirSync(dir).filter((f) => /\.d\.c?ts$|(?<!\.d)\.ts$/.test(f));
          expect(files.length).toBeGreaterThan(0);
          expect(typeErrors(dir, files), JSON.stringify(schemas)).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: 3 },
    );
  });

  it('the generated validators (ESM and CJS, is… and assert…, loose and strict) agree with ajv.compile on random values', async () => {
    let index = 0;
    let valid = 0;
    let checked = 0;
    let openOnly = 0;
    await fc.assert(
      fc.asyncProperty(
        rootSchema.chain((schema) => fc.tuple(fc.constant(schema), fc.array(valueFor(schema, schema.$defs ?? {}), { minLength: 30, maxLength: 30 }))),
        async ([schema, values]) => {
          const name = `Random${index}`;
          const d = doc(schema, index++);
          const dir = tempDir('property-validators');
          writeFiles(dir, await emit([d], { only: ['types', 'validators'] }));
          const esm = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
          const cjs = createRequire(join(dir, 'index.cjs'))(join(dir, 'index.cjs')) as Api;
          const want = reference(schema);
          const wantStrict = strictReference(schema);
          for (const value of values) {
            const expected = want(value);
            const expectedStrict = wantStrict(value);
            checked++;
            if (expected) valid++;
            if (expected && !expectedStrict) openOnly++;
            for (const api of [esm, cjs]) {
              expect(api[`is${name}`](value), JSON.stringify({ schema, value })).toBe(expected);
              expectAssertAgrees(api, `assert${name}`, value, expected, JSON.stringify({ schema, value }));
              expect(api[`is${name}Strict`](value), JSON.stringify({ schema, value, strict: true })).toBe(expectedStrict);
              expectAssertAgrees(api, `assert${name}Strict`, value, expectedStrict, JSON.stringify({ schema, value, strict: true }));
            }
          }
        },
      ),
      { seed: SEED, numRuns: 50 },
    );
    // The values are not all valid nor all invalid, so both answers were compared.
    expect(valid).toBeGreaterThan(0);
    expect(valid).toBeLessThan(checked);
    // Some values pass only the loose check (unknown keys, values outside an open enum).
    expect(openOnly).toBeGreaterThan(0);
  });
});

/**
 * Emitter bugs the properties above found (once pinned with `it.fails`), now fixed: each reproduction
 * must keep passing, and the names and values are back in the random pools above.
 */
describe('regressions: emitter bugs found by the properties', () => {
  it('properties named after every Object.prototype member (hasOwnProperty made json-schema-to-typescript throw a TypeError) get a type and a validator', async () => {
    const names = Object.getOwnPropertyNames(Object.prototype).sort();
    expect(names).toContain('hasOwnProperty');
    const schema: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(names.map((n) => [n, { type: 'number' } as JsonSchema])),
      required: ['hasOwnProperty'],
    };
    const files = await emit([doc(schema, 9001)], { only: ['types', 'validators'] });
    const dir = tempDir('property-prototype-names');
    writeFiles(dir, files);
    const declarations = files.find((f) => f.path === 'random-9001.d.ts')?.contents ?? '';
    expect(declarations).toContain('  hasOwnProperty: number\n');
    expect(declarations).toContain('  isPrototypeOf?: number\n');
    expect(declarations).not.toContain('yunoCodegen');
    expect(typeErrors(dir, readdirSync(dir).filter((f) => /\.d\.c?ts$/.test(f)))).toEqual([]);
    const esm = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
    const want = reference(schema);
    const values = [{}, JSON.parse('{"hasOwnProperty": 1}'), JSON.parse('{"hasOwnProperty": "1"}'), JSON.parse('{"hasOwnProperty": 1, "toString": 2, "__proto__": 3}'), JSON.parse('{"hasOwnProperty": 1, "valueOf": "x"}')];
    expect(values.map((v) => esm['isRandom9001'](v))).toEqual([false, true, false, true, false]);
    expect(values.map((v) => esm['isRandom9001'](v))).toEqual(values.map(want));
  });

  it('properties named "enum", "const", "default" and "examples" keep their formats and shared definitions (the walk took them for keywords: the module did not load)', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        enum: { type: 'string', format: 'date-time' },
        const: { type: 'string', format: 'date' },
        examples: { type: 'object', properties: { default: { $ref: '#/$defs/CountryCode' } } },
      },
      $defs: { CountryCode: { title: 'CountryCode', type: 'string', enum: CODES } },
    };
    const dir = tempDir('property-enum-name');
    writeFiles(dir, [...(await emit([doc(schema, 9002)], { only: ['types', 'validators'] }))]);
    expect(typeErrors(dir, readdirSync(dir).filter((f) => /\.d\.c?ts$/.test(f)))).toEqual([]);
    const esm = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
    const want = reference(schema);
    const values = [
      { enum: '2024-02-29T00:00:00Z', const: '2024-02-29', examples: { default: 'AR' } },
      { enum: '2023-02-29T00:00:00Z' },
      { const: '2023-02-29' },
      { examples: { default: 'XX' } },
    ];
    expect(values.map((v) => esm['isRandom9002'](v))).toEqual([true, false, false, false]);
    expect(values.map((v) => esm['isRandom9002'](v))).toEqual(values.map(want));
  });

  it('an inline enum of nine or more strings accepts each of its values (it became a Set of the characters of the joined list)', async () => {
    const values = ['AR', 'BR', 'CL', 'CO', 'EC', 'MX', 'PE', 'US', 'UY', '', 'back\\slash', 'a"b', 'a,b', '\u2028', '😀'];
    const schema: JsonSchema = { type: 'object', properties: { a: { type: 'string', enum: values } } };
    const dir = tempDir('property-odd-enum');
    writeFiles(dir, await emit([doc(schema, 9003)], { only: ['types', 'validators'] }));
    const esm = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
    const cjs = createRequire(join(dir, 'index.cjs'))(join(dir, 'index.cjs')) as Api;
    for (const api of [esm, cjs]) {
      for (const value of values) expect([value, api['isRandom9003']({ a: value })]).toEqual([value, true]);
      for (const value of ['A', 'R', ',', 'AR,BR', 'a', 'ar']) expect([value, api['isRandom9003']({ a: value })]).toEqual([value, false]);
    }
  });
});
