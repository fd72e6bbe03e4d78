/**
 * Adversarial pass on our own error-collecting validators (emit/full.ts, behind `assert…`, `parse…`,
 * `safeParse…` and `~standard.validate`): every issue list must be the one `ajv.compile` with `allErrors`
 * gives for the schema each flavour checks, in AJV's order, worded by the runtime's `issuesOf` (the oracle of
 * errors-oracle.ts, with the exact-decimal `multipleOf`).
 * - A seeded sweep of random schemas inside the subset full.ts builds (the keywords of fast-keywords.ts:
 *   nesting, `$defs` and `$ref` (recursive too), `anyOf`/`oneOf`/`not`/`allOf` with object branches, type lists,
 *   enums small, of 9 or more and open, `patternProperties` beside `additionalProperties`, required names no
 *   property declares, properties named `__proto__`, `constructor`, `a/b`, `~` or "", `false` subschemas), in
 *   both code shapes: schemas that never close an object themselves (one set of functions for both
 *   variants, the unknown-key checks and open enums behind `closed$`) and schemas with `additionalProperties`
 *   or `oneOf` (one set per variant). Values are drawn from each schema, then changed (errors-oracle.ts
 *   `variants`), handed over in other forms (adversarial-values.ts `objectForms`), and odd values of any kind.
 * - Hand-written hostile values: other prototypes and realms, null prototypes, getters, inherited and
 *   non-enumerable keys, arrays with holes, -0, NaN, ±Infinity and huge numbers, lone surrogates in values
 *   and keys, frozen objects, Proxies.
 * - A getter in the data that calls a validator of the same module (the same object, loose or strict, and
 *   another object) while the outer call is collecting its errors: the module keeps its list in `errs$` and
 *   its variant in `closed$`, and both calls must give their own lists.
 * - Values nested deeper than the call stack: one `depth` issue, and the module works afterwards.
 * - `format` on values of every type; definitions of any name (`a/b`, `%`, `é`, `__proto__`, "") referred to in
 *   every URI form, in schemas built one at a time (adversarial-defs.ts); AJV's code for keywords outside the
 *   table (`const`/`enum` of objects, `uniqueItems`, keys and items), and `unevaluatedProperties`, where AJV is
 *   wrong and the spec's lists are pinned.
 * The oracle compiles the flavours of the schema buildValidators is given: the document's with its nested
 * objects named (each a `$defs` entry behind a plain `$ref`, naming.ts). A property declared in several places,
 * one of them a `$ref`'d definition, is closed with the keys of all (NamingGap, below).
 */
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { nestedNamesOf } from '../../generators/emit/code.js';
import { fullUnsupported } from '../../generators/emit/full.js';
import { applyNestedNames } from '../../generators/emit/naming.js';
import { protoAsPattern } from '../../generators/emit/proto-keys.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import { issuesOf } from '../../generators/runtime/validation.js';
import type { GeneratedFile, JsonSchema, SchemaDocument } from '../../generators/types.js';
import { COMMON, NUMBERS, objectForms, pick, Plain, random, some, STRINGS } from './adversarial-values.js';
import { loadPackage, type Api } from './code-helpers.js';
import { exactAjv, exactReference } from './exact-decimal.js';
import { DATE_VALUES, defsSchema, defsValue, directApi, EQUALITY_CASES, OUTSIDE_CASES, PROTO_DEFS, UNEVALUATED_CASES, UNEVALUATED_KEYS, withUnevaluated } from './adversarial-defs.js';
import { ajvErrors, asBuilt, compare, newTally, oracleOf, show, thrown, variants, type Flavour, type Tally } from './errors-oracle.js';

// ---------------------------------------------------------------------------------------------------------
// The package and what built its error-collecting code

/** Boolean subschemas and names such as `__proto__` are beyond JsonSchema's type: a document of any schema. */
function documentOf(name: string, schema: Record<string, unknown>): SchemaDocument {
  const slug = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return { slug, name, source: `schemas/${slug}.json`, schema: { title: name, ...schema } as JsonSchema };
}

type Shape = 'either' | 'separate';

/**
 * The code shape validators.ts picks for our emitter: one set of functions for both variants when the schema
 * never closes an object itself and has no `oneOf`, else one set per variant.
 */
function shapeOf(schema: Record<string, unknown>): Shape {
  const text = JSON.stringify(schema);
  return text.includes('"additionalProperties"') || text.includes('"oneOf"') ? 'separate' : 'either';
}

/**
 * The schema buildValidators is given for a document of this package: its nested objects named, each a `$defs`
 * entry reached by a plain `$ref` (naming.ts; code.ts emitObjectCode). The oracle compiles the flavours of this
 * one, which is what the emitted code checks.
 */
function namedSchema(doc: SchemaDocument, docs: SchemaDocument[]): JsonSchema {
  let names = namesOf.get(docs);
  if (names === undefined) namesOf.set(docs, (names = nestedNamesOf(docs)));
  return applyNestedNames(doc.schema, doc.name, names[doc.slug] ?? {}).schema;
}
const namesOf = new WeakMap<SchemaDocument[], ReturnType<typeof nestedNamesOf>>();

/** [name, the first keyword full.ts does not build in either flavour's schema (null: none), the shape of the module's error-collecting code]. */
function builtBy(doc: SchemaDocument, files: GeneratedFile[], docs: SchemaDocument[]): [string, string | null, string] {
  const { loose, strict } = validatedSchemas(protoAsPattern(asBuilt(namedSchema(doc, docs))));
  const js = files.find((f) => f.path === `${doc.slug}.js`)?.contents ?? '';
  // Our emitter's module state (`errs$`); one function for both variants behind `closed$` (fullEither), or two.
  const shape = !js.includes('let errs$ = [];') ? 'ajv' : js.includes('const fullEither = ') ? 'either' : 'separate';
  return [doc.name, fullUnsupported(loose) ?? fullUnsupported(strict) ?? null, shape];
}

interface Built {
  builds: Api[];
  files: GeneratedFile[];
  docs: SchemaDocument[];
}

/** The package of these documents (types and validators), as ESM and CommonJS, built before the block's tests. */
function packageOf(docs: SchemaDocument[], prefix: string): Built {
  const built: Built = { builds: [], files: [], docs };
  beforeAll(async () => {
    const { esm, cjs, files } = await loadPackage(docs, prefix, { only: ['types', 'validators'] });
    built.builds = [esm, cjs];
    built.files = files;
  }, 180_000);
  return built;
}

/** Hand-written schemas: their package, and the test that our emitter builds each in the shape the case says. */
function handWritten(cases: { name: string; shape: Shape; schema: Record<string, unknown> }[], prefix: string): { docs: SchemaDocument[]; built: Built } {
  const docs = cases.map((c) => documentOf(c.name, c.schema));
  const built = packageOf(docs, prefix);
  it('the schemas are built by our emitter, each in its shape', () => {
    expect(docs.map((doc) => builtBy(doc, built.files, docs))).toEqual(cases.map((c) => [c.name, null, c.shape]));
  });
  return { docs, built };
}

/** Every value of a document compared in both flavours, in these builds (assert…, ~standard, safeParse…, parse…). */
function tallyOf(builds: Api[], doc: SchemaDocument, docs: SchemaDocument[], values: unknown[]): Record<Flavour, Tally> {
  const oracle = oracleOf(namedSchema(doc, docs));
  const out = { loose: newTally(), strict: newTally() };
  for (const flavour of ['loose', 'strict'] as const) {
    for (const api of builds) for (const [i, value] of values.entries()) compare(api, doc.name, oracle, flavour, value, `value ${i}`, out[flavour]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The sweep: random schemas of the subset

const SWEEP_PER_SHAPE = 30;
const SWEEP_VALUES = 26;

/** Property names: members of Object.prototype, names a JSON pointer escapes, the empty name. */
const NAMES = ['a', 'b', 'id', 'kind', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '', 'a/b', '~', 'a~1b', 'x y'];
/** Required names no property of the object declares, besides some it does. */
const ABSENT = ['req', 'missing', '', 'constructor', '__proto__', 'a/b', '~'];
/** Key patterns: no name of NAMES matches one (AJV's strict mode refuses a property a pattern also matches). */
const KEY_PATTERNS = ['^x-', '^\\p{Lu}', '^\\d+$', '^[A-Z]{2}$'];
/** A key each pattern matches (`AB` matches two). */
const KEYS_FOR: Record<string, string[]> = { '^x-': ['x-a', 'x-'], '^\\p{Lu}': ['Ab', 'Ωx', 'AB'], '^\\d+$': ['12', '0'], '^[A-Z]{2}$': ['AB', 'ZZ'] };
const STRING_PATTERNS = ['^a', '^\\p{L}+$', '^.{2}$', '\\d', '^[^x]*$', '^\\u{1F600}'];
const STEPS = [0.01, 0.0001, 0.3, 1e-7, 1, 0.5, 3];
const BOUNDS = [-1, 0, 0.1, 1, 2.5, 1000.18, 2 ** 53, -0.0001];
const SCALARS: unknown[] = [1, '1', 0, null, true, false, 'a', 'b', '', 2.5, 'x', -1, 'constructor', '\u{1F600}', 1e21];
/** Strings for enums of 9 or more (a Set lookup in the code). */
const CODES = ['AR', 'BR', 'CL', 'CO', 'EC', 'MX', 'PE', 'UY', 'US', 'GT', '__proto__', 'constructor', '', 'toString'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];

interface Gen {
  r: () => number;
  /** The definitions a `$ref` may name. */
  defs: string[];
  /** Whether `additionalProperties` and `oneOf` may be written (the shape with one set of functions per variant). */
  closes: boolean;
  /**
   * Inside `not` or a `oneOf` branch, or in a definition (one may refer to it): no open enum there, which the
   * generator refuses (supported.ts: opening its list would make the loose check reject what the strict one takes).
   */
  condition: boolean;
}

const chance = (g: Gen, p: number): boolean => g.r() < p;
const count = (g: Gen, n: number): number => Math.floor(g.r() * n);

/** An object's keywords: properties (some `false` or `true`), required names declared or not, keys by pattern, others. */
function objectSchema(g: Gen, depth: number, typed: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = typed ? { type: chance(g, 0.2) ? ['object', 'null'] : 'object' } : {};
  const names = some(g.r, NAMES, 3.5);
  out['properties'] = Object.fromEntries(names.map((n) => [n, chance(g, 0.08) ? chance(g, 0.5) : genSchema(g, depth + 1)]));
  const required = some(g.r, [...names, ...ABSENT], 2.5).filter((n, i, all) => all.indexOf(n) === i);
  if (required.length > 0) out['required'] = required;
  if (chance(g, 0.25)) out['patternProperties'] = Object.fromEntries(some(g.r, KEY_PATTERNS, 1.5).map((p) => [p, genSchema(g, depth + 1)]));
  if (g.closes && chance(g, 0.45)) out['additionalProperties'] = chance(g, 0.6) ? false : genSchema(g, depth + 1);
  if (chance(g, 0.1)) out['minProperties'] = count(g, 3);
  if (chance(g, 0.1)) out['maxProperties'] = 1 + count(g, 3);
  return out;
}

/** The branches of a combinator: objects without a type (in-place declarations) or anything. */
function branches(g: Gen, depth: number): unknown[] {
  return Array.from({ length: 1 + count(g, 3) }, () => (chance(g, 0.45) ? objectSchema(g, depth, false) : chance(g, 0.06) ? chance(g, 0.5) : genSchema(g, depth + 1)));
}

function genSchema(g: Gen, depth: number): Record<string, unknown> {
  const leaves = ['string', 'number', 'boolean', 'enum', 'enumLarge', ...(g.condition ? [] : ['open']), 'const', 'list', 'mixed'];
  const composites = ['object', 'object', 'object', 'array', 'anyOf', 'allOf', 'not', ...(g.closes ? ['oneOf', 'oneOf'] : []), ...(g.defs.length > 0 ? ['ref', 'ref'] : [])];
  const kind = pick(g.r, depth > 3 ? leaves : [...leaves, ...composites, ...composites]);
  const nullable = (type: string): unknown => (chance(g, 0.2) ? [type, 'null'] : type);
  let out: Record<string, unknown>;
  switch (kind) {
    case 'string':
      out = { type: nullable('string') };
      if (chance(g, 0.4)) out['minLength'] = count(g, 4);
      if (chance(g, 0.4)) out['maxLength'] = count(g, 5);
      if (chance(g, 0.3)) out['pattern'] = pick(g.r, STRING_PATTERNS);
      else if (chance(g, 0.25)) out['format'] = pick(g.r, ['date', 'date-time']);
      break;
    case 'number':
      out = { type: nullable(pick(g.r, ['number', 'integer'])) };
      for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) if (chance(g, 0.2)) out[key] = pick(g.r, BOUNDS);
      if (chance(g, 0.45)) out['multipleOf'] = pick(g.r, STEPS);
      break;
    case 'boolean':
      out = { type: nullable('boolean') };
      break;
    case 'enum':
      out = { enum: [...some(g.r, SCALARS, 3), pick(g.r, SCALARS)].filter((v, i, all) => all.indexOf(v) === i) };
      break;
    case 'enumLarge':
      // Strings only (a Set of strings; typed or not) or mixed (a Set of scalars).
      out = chance(g, 0.5)
        ? { ...(chance(g, 0.5) ? { type: 'string' } : {}), enum: CODES.slice(0, 9 + count(g, 6)) }
        : { enum: [...CODES.slice(0, 5), ...SCALARS.slice(0, 4 + count(g, 6))] };
      break;
    case 'open': {
      // An open enum: the loose flavour takes any value of its type, the strict one only the listed ones.
      const values = chance(g, 0.5) ? ['PENDING', 'DONE'] : CODES.slice(0, 9 + count(g, 3));
      out = chance(g, 0.3) ? { type: ['string', 'null'], enum: [...values, null], 'x-openEnum': true } : { type: 'string', enum: values, 'x-openEnum': true };
      if (chance(g, 0.2)) out['maxLength'] = 2;
      break;
    }
    case 'const':
      out = { const: pick(g.r, SCALARS) };
      break;
    case 'list':
      // A type list, with keywords of several groups (each checked only for its type).
      out = { type: [...some(g.r, TYPES, 2.5), pick(g.r, TYPES)].filter((t, i, all) => all.indexOf(t) === i) };
      if (chance(g, 0.5)) out['minLength'] = 1 + count(g, 2);
      if (chance(g, 0.4)) out['minimum'] = pick(g.r, BOUNDS);
      if (chance(g, 0.3)) out['minItems'] = 1;
      if (chance(g, 0.3)) out['required'] = [pick(g.r, ABSENT)];
      break;
    case 'mixed':
      // One type with keywords of another type's group and of every type (AJV's order puts those first).
      out = { type: pick(g.r, ['string', 'number', 'integer', 'object', 'array']) };
      if (chance(g, 0.5)) out['enum'] = [...some(g.r, SCALARS, 3), 'ab'].filter((v, i, all) => all.indexOf(v) === i);
      else out['const'] = pick(g.r, SCALARS);
      if (chance(g, 0.5)) out['maxLength'] = 1;
      if (chance(g, 0.5)) out['maximum'] = 0;
      if (chance(g, 0.3)) out['maxItems'] = 0;
      if (chance(g, 0.3)) out['minProperties'] = 1;
      break;
    case 'object':
      out = objectSchema(g, depth, true);
      break;
    case 'array':
      out = { type: nullable('array'), items: chance(g, 0.08) ? false : genSchema(g, depth + 1) };
      if (chance(g, 0.3)) out['minItems'] = count(g, 3);
      // json-schema-to-typescript (the types) refuses maxItems below minItems.
      if (chance(g, 0.3)) out['maxItems'] = ((out['minItems'] as number | undefined) ?? 0) + count(g, 3);
      break;
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      out = { [kind]: branches(kind === 'oneOf' ? { ...g, condition: true } : g, depth) };
      // Beside an object's own keywords: the branches then declare keys in place.
      if (chance(g, 0.4)) out = { ...objectSchema(g, depth, chance(g, 0.5)), ...out };
      break;
    case 'not': {
      const inside = { ...g, condition: true };
      out = { not: chance(g, 0.5) ? objectSchema(inside, depth, false) : genSchema(inside, depth + 1) };
      if (chance(g, 0.5)) out['type'] = pick(g.r, ['object', 'string', 'number']);
      break;
    }
    default:
      out = { $ref: `#/$defs/${pick(g.r, g.defs)}` };
  }
  return out;
}

/** A random schema with up to three definitions (one refers to itself below a property), of the shape asked for. */
function sweepSchema(seed: number, closes: boolean): Record<string, unknown> {
  for (let attempt = 0; ; attempt++) {
    const g: Gen = { r: random(seed * 31 + attempt + (closes ? 100_000 : 0)), defs: [], closes, condition: true };
    // Named after the seed: the package's definitions are shared by name, so each must be its schema's own.
    const defs: Record<string, unknown> = {};
    const tag = `${closes ? 'C' : 'E'}${seed}`;
    if (chance(g, 0.5)) defs[`First${tag}`] = genSchema(g, 2);
    g.defs = Object.keys(defs);
    if (chance(g, 0.4)) {
      g.defs.push(`Self${tag}`);
      defs[`Self${tag}`] = { type: 'object', properties: { next: { $ref: `#/$defs/Self${tag}` }, v: genSchema(g, 3) }, required: chance(g, 0.5) ? ['v'] : [] };
    }
    if (chance(g, 0.3)) {
      defs[`Codes${tag}`] = { type: 'string', enum: CODES.slice(0, 10) };
      g.defs.push(`Codes${tag}`);
    }
    g.condition = false;
    const root = chance(g, 0.75) ? objectSchema(g, 0, true) : genSchema(g, 0);
    const schema = Object.keys(defs).length > 0 ? { ...root, $defs: defs } : root;
    if (shapeOf(schema) === (closes ? 'separate' : 'either')) return schema;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Values drawn from a schema

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Own data properties, as JSON.parse makes them (an assignment to `__proto__` would set the prototype). */
function set(o: Rec, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The values of several branches as one object (every key of each), when they are objects. */
function merged(values: unknown[]): unknown {
  if (!values.every(isRecord)) return values[0];
  const out: Rec = {};
  for (const v of values) for (const key of Object.keys(v)) set(out, key, v[key]);
  return out;
}

/** A value meant to pass `schema` (it often does not: the generator ignores most combinations). */
function genValue(r: () => number, schema: unknown, root: Rec, depth = 0): unknown {
  if (depth > 6 || schema === null || typeof schema !== 'object' || r() < 0.05) return pick(r, COMMON);
  const s = schema as Rec;
  if (typeof s['$ref'] === 'string') return genValue(r, (root['$defs'] as Rec)[s['$ref'].slice('#/$defs/'.length)], root, depth + 1);
  if (Array.isArray(s['enum'])) return r() < 0.85 ? pick(r, s['enum']) : pick(r, ['ZZ', 'pending', 1.5, null, '']);
  if (Object.hasOwn(s, 'const')) return r() < 0.85 ? s['const'] : pick(r, SCALARS);
  const options = (s['anyOf'] ?? s['oneOf']) as unknown[] | undefined;
  const own = genOwn(r, s, root, depth);
  const parts: unknown[] = [own];
  // One branch, or two merged (a `oneOf` then may pass twice).
  if (options !== undefined) parts.push(...(r() < 0.3 ? [pick(r, options), pick(r, options)] : [pick(r, options)]).map((b) => genValue(r, b, root, depth + 1)));
  if (Array.isArray(s['allOf'])) parts.push(...s['allOf'].map((b) => genValue(r, b, root, depth + 1)));
  const values = parts.filter((v) => v !== undefined);
  return values.length === 0 ? pick(r, COMMON) : merged(values);
}

/** The value of a schema's own keywords (undefined when it has none that say what the value is). */
function genOwn(r: () => number, s: Rec, root: Rec, depth: number): unknown {
  const types = Array.isArray(s['type']) ? (s['type'] as string[]) : typeof s['type'] === 'string' ? [s['type']] : [];
  const inferred = s['properties'] !== undefined || s['required'] !== undefined ? 'object' : s['items'] !== undefined ? 'array' : undefined;
  const type = types.length > 0 ? pick(r, types) : inferred;
  switch (type) {
    case 'string':
      if (s['format'] === 'date') return pick(r, ['2020-02-29', '2021-02-29', '1999-12-31', '2024-1-01']);
      if (s['format'] === 'date-time') return pick(r, ['2016-12-31T23:59:60Z', '2020-01-01T00:00:00+05:30', '2020-01-01t00:00:00z', '2020-01-01T00:00:00']);
      return pick(r, ['a', 'ab', 'abc', 'abcd', '\u{1F600}\u{1F600}', 'Ωμ', '12', 'ab\uD800', '\uDC00', '', 'x']);
    case 'number':
    case 'integer': {
      const step = typeof s['multipleOf'] === 'number' ? s['multipleOf'] : type === 'integer' ? 1 : 0.01;
      return r() < 0.1 ? pick(r, NUMBERS) : Number((Math.round((r() - 0.3) * 2000) * step).toPrecision(15));
    }
    case 'boolean':
      return r() < 0.5;
    case 'null':
      return null;
    case 'array': {
      const out = Array.from({ length: Math.floor(r() * 4) }, () => genValue(r, s['items'], root, depth + 1));
      // A hole: an index the array does not own (read as undefined).
      if (out.length > 1 && r() < 0.1) delete out[0];
      return out;
    }
    case 'object': {
      const properties = (s['properties'] ?? {}) as Rec;
      const out: Rec = {};
      for (const [name, sub] of Object.entries(properties)) if (r() < 0.75) set(out, name, genValue(r, sub, root, depth + 1));
      for (const name of (s['required'] ?? []) as string[]) if (!Object.hasOwn(out, name) && r() < 0.85) set(out, name, genValue(r, properties[name] ?? true, root, depth + 1));
      const patterns = (s['patternProperties'] ?? {}) as Rec;
      for (const [pattern, sub] of Object.entries(patterns)) if (r() < 0.5) set(out, pick(r, KEYS_FOR[pattern] ?? ['?']), genValue(r, sub, root, depth + 1));
      if (r() < 0.3) set(out, pick(r, ['extra', '__proto__', 'constructor', 'a/b', '~', 'x-1', 'AB', '']), genValue(r, s['additionalProperties'] ?? true, root, depth + 1));
      return out;
    }
    default:
      return undefined;
  }
}

/** The values tried on a sweep schema: drawn ones, each changed up to three ways, some in other forms, and odd values. */
function sweepValues(seed: number, schema: Rec): unknown[] {
  const r = random(seed * 7919 + 17);
  const out: unknown[] = [];
  for (let i = 0; i < SWEEP_VALUES; i++) {
    const value = genValue(r, schema, schema);
    out.push(...variants(value, seed * 100 + i, 3));
    if (i % 5 === 0 && isRecord(value)) out.push(...objectForms(value));
  }
  return [...out, ...some(r, COMMON, 16)];
}

describe(`full.ts on ${2 * SWEEP_PER_SHAPE} seeded random schemas of its subset, against ajv.compile`, () => {
  const cases = (['either', 'separate'] as const).flatMap((shape) =>
    Array.from({ length: SWEEP_PER_SHAPE }, (_, seed) => {
      const name = `${shape === 'either' ? 'Either' : 'Separate'}${seed}`;
      const schema = sweepSchema(seed, shape === 'separate');
      return { shape, seed, schema, doc: documentOf(name, schema) };
    }),
  );
  const built = packageOf(
    cases.map((c) => c.doc),
    'full-adversarial-sweep',
  );
  const tallies = new Map<string, Record<Flavour, Tally>>();
  const tally = (c: (typeof cases)[number]): Record<Flavour, Tally> => {
    let t = tallies.get(c.doc.name);
    if (t === undefined) tallies.set(c.doc.name, (t = tallyOf(built.builds.slice(0, 1), c.doc, built.docs, sweepValues(c.seed, c.schema))));
    return t;
  };

  it('every sweep schema is inside the subset, and our emitter builds it in the shape it was drawn for', () => {
    expect(cases.map((c) => builtBy(c.doc, built.files, built.docs))).toEqual(cases.map((c) => [c.doc.name, null, c.shape]));
  });

  // The ESM build only (the CommonJS one is the same code; the hand-written values below check both).
  it.each(cases.map((c) => [c.doc.name, c] as const))('%s: assert…, ~standard, safeParse… and parse… give ajv.compile\'s issues, loose and strict', (_name, c) => {
    const t = tally(c);
    expect([...t.loose.failed, ...t.strict.failed]).toEqual([]);
    // Values the oracle throws on are not compared: only AJV's own crash of `patternProperties` beside a failing
    // `oneOf` (pinned below, AjvPatternOneOf) may make it throw.
    expect([...t.loose.oracleThrew, ...t.strict.oracleThrew].filter((e) => !e.error.startsWith(AJV_CRASH))).toEqual([]);
  });

  it('the sweep reaches valid and invalid values, every keyword of the subset, and differences between the flavours', () => {
    const all = cases.map(tally);
    const sum = (f: (t: Tally) => number): number => all.reduce((n, t) => n + f(t.loose) + f(t.strict), 0);
    // AJV's crash leaves most values compared: a few schemas, a few values each.
    expect(all.filter((t) => t.loose.oracleThrew.length + t.strict.oracleThrew.length > 0).length).toBeLessThanOrEqual(cases.length / 10);
    const keywords = new Set(all.flatMap((t) => [...t.loose.keywords, ...t.strict.keywords]));
    expect([...keywords].sort()).toEqual([
      'additionalProperties', 'anyOf', 'const', 'enum', 'exclusiveMaximum', 'exclusiveMinimum', 'false schema', 'format', 'maxItems', 'maxLength',
      'maxProperties', 'maximum', 'minItems', 'minLength', 'minProperties', 'minimum', 'multipleOf', 'not', 'oneOf', 'pattern', 'required', 'type',
    ]);
    // Every schema gets invalid values in both flavours (the error lists compared); valid ones are rarer (a
    // random value seldom passes every branch of a random schema), and never reach the error-collecting code.
    expect(all.filter((t) => t.loose.invalid === 0 || t.strict.invalid === 0)).toEqual([]);
    expect(all.filter((t) => t.loose.valid > 0 && t.strict.valid > 0).length).toBeGreaterThanOrEqual(cases.length / 4);
    // The strict flavour rejects more values than the loose one for many schemas (unknown keys, open enums).
    expect(all.filter((t) => t.strict.invalid > t.loose.invalid).length).toBeGreaterThanOrEqual(cases.length / 3);
    // The numbers, for the record (values per flavour and build, and the answers compared).
    console.log(`full-adversarial sweep: ${cases.length} schemas, ${sum((t) => t.values)} values checked, ${sum((t) => t.invalid)} invalid, ${sum((t) => t.comparisons)} comparisons`);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hand-written hostile values

/** Fields of every kind, names Object.prototype has and names a JSON pointer escapes; `gone` must be absent. */
const EDGE_PROPERTIES: Record<string, unknown> = {
  name: { type: 'string', minLength: 2, maxLength: 4 },
  n: { type: 'number', maximum: 1e308, multipleOf: 0.5 },
  i: { type: 'integer' },
  list: { type: 'array', items: { type: ['integer', 'null'] }, maxItems: 5 },
  inner: { $ref: '#/$defs/EdgeInner' },
  status: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true },
  constructor: { type: 'string' },
  toString: { type: 'integer' },
  hasOwnProperty: { type: 'boolean' },
  'a/b': { type: 'boolean' },
  '~': { type: 'null' },
  '': { const: 'e' },
  ['__proto__']: { type: 'string', pattern: '^p' },
  gone: false,
};
const EDGE_INNER = { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]' }, deep: { $ref: '#/$defs/EdgeInner' } }, required: ['code'] };

const EDGE_CASES: { name: string; shape: Shape; schema: Record<string, unknown> }[] = [
  { name: 'Edge', shape: 'either', schema: { type: 'object', properties: EDGE_PROPERTIES, required: ['name', 'constructor', ''], $defs: { EdgeInner: EDGE_INNER } } },
  {
    name: 'EdgeClosed',
    shape: 'separate',
    schema: {
      type: 'object',
      properties: EDGE_PROPERTIES,
      required: ['name', 'constructor', ''],
      additionalProperties: false,
      oneOf: [{ required: ['n'] }, { required: ['i'] }],
      $defs: { EdgeClosedInner: EDGE_INNER },
    },
  },
];
// The closed case's own definition (definitions are shared by name across a package's objects).
EDGE_CASES[1]!.schema['properties'] = { ...EDGE_PROPERTIES, inner: { $ref: '#/$defs/EdgeClosedInner' } };
(EDGE_CASES[1]!.schema['$defs'] as Rec)['EdgeClosedInner'] = { ...EDGE_INNER, properties: { ...EDGE_INNER.properties, deep: { $ref: '#/$defs/EdgeClosedInner' } } };

/** A valid value of the Edge schemas (own `__proto__` and `''` keys, as JSON.parse makes them). */
function edgeValid(): Rec {
  return JSON.parse(
    '{"name":"abc","n":1.5,"list":[1,null],"inner":{"code":"X","deep":{"code":"Y"}},"status":"A","constructor":"c","toString":1,' +
      '"hasOwnProperty":true,"a/b":false,"~":null,"":"e","__proto__":"p"}',
  ) as Rec;
}

/** A copy of `base` with `key` set (as an own data property, `__proto__` too). */
function withKey(base: Rec, key: string, value: unknown): Rec {
  const out: Rec = {};
  for (const k of Object.keys(base)) set(out, k, base[k]);
  set(out, key, value);
  return out;
}

/** Deep-frozen copy. */
function frozen(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  for (const key of Object.keys(value)) frozen((value as Rec)[key]);
  return Object.freeze(value);
}

/** The hostile values: prototypes, realms, getters, holes, numbers and strings at the edges, frozen objects, Proxies. */
function edgeValues(): unknown[] {
  const valid = edgeValid();
  const out: unknown[] = [valid, ...objectForms(valid)];
  // Numbers: strict numbers (NaN, ±Infinity are no numbers), -0, huge values, 2^53 and beyond, the smallest.
  for (const n of [NaN, Infinity, -Infinity, -0, 1e308, Number.MAX_VALUE, 2 ** 53 + 2, Number.MIN_VALUE, 1.7976931348623157e308, -1e308, 0.5, 1.25, 1e21]) {
    out.push(withKey(valid, 'n', n), withKey(valid, 'i', n), withKey(valid, 'toString', n));
  }
  // Strings: lone surrogates and pairs (lengths count code points), in values and in keys.
  for (const s of ['\uD800', '\uD800\uD800', 'a\uDC00b', '\u{1F600}'.repeat(4), '\u{1F600}'.repeat(5), '\uDBFF\uDFFF\uD800', 'ab\u2028', '']) {
    out.push(withKey(valid, 'name', s), withKey(valid, '__proto__', s), withKey(valid, s === '' ? 'empty' : s, 1));
    out.push(withKey(valid, 'inner', { code: s, deep: { code: s } }), withKey(valid, 'status', s));
  }
  // Arrays: holes (an index the array does not own is read as undefined), sparse arrays, extra keys, other prototypes.
  const holes = [1, , 3];
  const extra = Object.assign([1, 2], { extra: 'x' });
  const ownProto = Object.setPrototypeOf([1, 2], Object.create(Array.prototype) as object) as unknown[];
  for (const list of [holes, new Array(3), [, null], extra, ownProto, [1.5, '2', [3]], Array.from({ length: 6 }, (_, k) => k), new Proxy([1, 'x'], {})]) {
    out.push(withKey(valid, 'list', list));
  }
  // Objects: class instances, null prototypes, inherited keys, getters, non-enumerable keys, other realms.
  const inheritedAll = Object.create(valid) as object;
  out.push(inheritedAll, new Plain(valid), Object.assign(Object.create(null) as object, valid), runInNewContext('(v) => JSON.parse(JSON.stringify(v))')(valid));
  out.push(withKey(valid, 'inner', new Plain({ code: 'x', deep: Object.assign(Object.create(null) as object, { code: 1 }) })));
  out.push(withKey(valid, 'inner', Object.create({ code: 'X' }) as object), withKey(valid, 'inner', new Date(0)), withKey(valid, 'inner', new Map([['code', 'X']])));
  out.push(withKey(valid, 'inner', Object.defineProperty({}, 'code', { get: () => 'lower', enumerable: true })));
  out.push(withKey(valid, 'inner', Object.defineProperty({ deep: 1 }, 'code', { value: 'X', enumerable: false })));
  out.push(withKey(valid, 'hasOwnProperty', 'not a function'), withKey(valid, 'gone', 1), withKey(valid, 'gone', undefined), withKey(valid, '', undefined));
  // Frozen and sealed values, Proxies (transparent; one whose `get` answers other values than its target holds).
  out.push(frozen(edgeValid()), Object.seal(withKey(valid, 'x', 1)), frozen(withKey(edgeValid(), 'name', 1)));
  out.push(new Proxy(edgeValid(), {}), new Proxy(withKey(valid, 'extra', 1), {}));
  out.push(new Proxy(edgeValid(), { get: (target, key) => (key === 'name' ? 7 : Reflect.get(target, key)) }));
  out.push(new Proxy(edgeValid(), { getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(target, key), ownKeys: (target) => Reflect.ownKeys(target).reverse() }));
  // Everything wrong at once, and odd values at the root.
  out.push(JSON.parse('{"name":1,"n":"x","i":1.5,"list":{},"inner":[],"status":7,"constructor":2,"toString":"t","hasOwnProperty":0,"a/b":null,"~":false,"":"f","__proto__":9,"gone":0,"more":1}'));
  out.push(...some(random(5), COMMON, 40), ...STRINGS.slice(0, 10), ...NUMBERS.slice(-3));
  return out;
}

describe('full.ts on hostile values: other prototypes, getters, holes, edge numbers and strings, frozen objects, Proxies', () => {
  const { docs, built } = handWritten(EDGE_CASES, 'full-adversarial-edge');

  it.each(docs.map((doc) => [doc.name, doc] as const))('%s: every answer is the oracle\'s, loose and strict', (_name, doc) => {
    const t = tallyOf(built.builds, doc, docs, edgeValues());
    expect([...t.loose.failed, ...t.strict.failed]).toEqual([]);
    expect([t.loose.valid > 0, t.loose.invalid > 0, t.strict.valid > 0, t.strict.invalid > 0]).toEqual([true, true, true, true]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Keyword corners: where the emitter writes no code, or code of another form than the usual

const MANY = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
const CORNERS: { name: string; shape: Shape; schema: Record<string, unknown>; values: unknown[] }[] = [
  {
    // `$ref` beside other keywords (AJV checks it first among them), the same definition in two places.
    name: 'RefSiblings',
    shape: 'either',
    schema: {
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/RefObject', required: ['x'], minProperties: 2 },
        b: { $ref: '#/$defs/RefScalar', type: 'string', maxLength: 1, enum: ['x', 'yy', 3] },
        c: { type: 'array', items: { $ref: '#/$defs/RefObject' }, maxItems: 1 },
      },
      $defs: { RefObject: { type: 'object', properties: { x: { type: 'integer' } }, required: ['y'] }, RefScalar: { type: ['string', 'integer'], minimum: 2, minLength: 2 } },
    },
    values: [{ a: { x: 1, y: 2 }, b: 'x', c: [{ y: 1 }] }, { a: {}, b: 'yy', c: [{}, 1] }, { a: { x: 'z' }, b: 3, c: {} }, { a: 1, b: 1, c: [[]] }, { b: 'zzz' }],
  },
  {
    // Subschemas that never fail (no code), that always fail, and combinators of them.
    name: 'Trivial',
    shape: 'either',
    schema: {
      type: 'object',
      properties: {
        t: true, f: false, e: {}, anyTrue: { anyOf: [{ type: 'string' }, true] }, anyFalse: { anyOf: [false, { type: 'integer' }] },
        notTrue: { not: true }, notFalse: { not: false }, notEmpty: { not: {} }, allMixed: { allOf: [true, {}, { type: 'null' }] },
        items: { items: true, maxItems: 2 }, noItems: { items: false }, zeroes: { minLength: 0, minProperties: 0, minItems: 0, required: [] },
        map: { type: 'object', properties: Object.fromEntries(MANY.map((n) => [n, {}])), patternProperties: { '^x-': true } },
      },
    },
    values: [
      { t: 1, e: 2, anyTrue: 3, anyFalse: 4, notFalse: 5, allMixed: null, items: [1, 2], noItems: [], zeroes: '' },
      { f: 0, anyFalse: 'x', notTrue: 1, notEmpty: 2, allMixed: 1, items: [1, 2, 3], noItems: [1, , 2], zeroes: {}, map: { a: 1, z: 2, 'x-a': 3 } },
      { f: undefined, notTrue: undefined },
    ],
  },
  {
    // A closed object of more than 8 properties (its key test a Set), beside patterns, with a schema for other keys.
    name: 'WideClosed',
    shape: 'separate',
    schema: {
      type: 'object',
      properties: {
        wide: { type: 'object', properties: Object.fromEntries(MANY.map((n) => [n, { type: 'integer' }])), additionalProperties: false },
        map: { type: 'object', properties: Object.fromEntries(MANY.map((n) => [n, { type: 'integer' }])), patternProperties: { '^x-': { type: 'string' } }, additionalProperties: { type: 'boolean' } },
        open: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, maxProperties: 2 },
      },
    },
    values: [
      { wide: { a: 1, j: 2 }, map: { a: 1, 'x-y': 'z', other: true }, open: { k: 'v' } },
      { wide: { a: 'x', k: 1, constructor: 2 }, map: { a: 'x', 'x-y': 1, other: 2, j: true }, open: { k: '', l: 1, m: 'x' } },
      JSON.parse('{"wide":{"__proto__":1,"toString":2},"map":{"__proto__":true,"x-":"s"},"open":{"__proto__":"","":1}}'),
    ],
  },
  {
    // `format` in the number group too (a single `number` type is checked there), type lists with keywords of each group.
    name: 'GroupTypes',
    shape: 'either',
    schema: {
      type: 'object',
      properties: {
        n: { type: 'number', format: 'date', enum: [1, 2, '2020-01-01'] },
        i: { type: 'integer', format: 'date', const: 3 },
        s: { type: 'string', maximum: 3, const: 'x' },
        list: { type: ['number', 'string', 'array', 'object'], minimum: 1, minLength: 2, minItems: 1, required: ['k'], format: 'date-time' },
        one: { type: ['number'], maximum: 1 },
        both: { type: ['integer', 'number'], multipleOf: 0.5 },
      },
    },
    values: [
      { n: 1, i: 3, s: 'x', list: 2, one: 1, both: 1.5 },
      { n: '2020-01-01', i: 3.5, s: 'y', list: 'a', one: 2, both: 1.25 },
      { n: 3, i: '2020-01-01', s: 4, list: [], one: '1', both: 'x' },
      { n: NaN, i: Infinity, s: null, list: {}, one: [1], both: -0 },
      { list: '2020-01-01T00:00:00Z', n: -0 },
      { list: { k: 1 } },
      { list: null },
    ],
  },
  {
    // Enums and consts at the edges: -0 and 0, 1e21, strings a literal must escape, Sets of mixed scalars.
    name: 'EnumEdges',
    shape: 'either',
    schema: {
      type: 'object',
      properties: {
        zero: { enum: [0] },
        big: { enum: [1e21, 2 ** 53, -1e-7, 'a\u2028b', '</script>', '"', "'", '\\', null, true, false, ''] },
        quote: { const: 'a"b\u2028</script>' },
        strings: { type: 'string', enum: [...MANY, '__proto__', 'constructor'] },
      },
    },
    values: [
      { zero: -0, big: 1e21, quote: 'a"b\u2028</script>', strings: '__proto__' },
      { zero: '0', big: 1e21 + 1, quote: 'a"b', strings: 'toString' },
      { zero: false, big: 9007199254740993, strings: 'A' },
      { big: -1e-7, strings: 'constructor' },
      { big: 'a\u2028b' },
    ],
  },
  // A string enum of 10 values shared by two objects (one Set in the shared module, runtime.sharedEnums), by
  // reference and written out again inline, in both shapes.
  ...(['either', 'separate'] as const).map((shape, i) => ({
    name: `SharedLetters${i}`,
    shape,
    schema: {
      type: 'object',
      properties: { letter: { $ref: '#/$defs/Letters' }, inline: { type: 'string', enum: MANY }, list: { type: 'array', items: { $ref: '#/$defs/Letters' } } },
      required: ['letter'],
      ...(shape === 'separate' ? { additionalProperties: false } : {}),
      $defs: { Letters: { type: 'string', enum: MANY } },
    },
    values: [{ letter: 'a', inline: 'j', list: ['b', 'c'] }, { letter: 'k', inline: 'A', list: ['a', 1, '__proto__'] }, { letter: null, other: 1 }, { inline: 'toString' }],
  })),
  {
    // `format` applies to strings only: values of every other type pass it, beside any type list or none; the
    // type error of a single `number` comes in AJV's number group (format sits there too), an `integer`'s first.
    name: 'FormatAnyValue',
    shape: 'either',
    schema: {
      type: 'object',
      properties: {
        none: { format: 'date' },
        noneTime: { format: 'date-time' },
        sn: { type: ['string', 'number'], format: 'date', maximum: 3 },
        num: { type: 'number', format: 'date-time', minimum: 0 },
        int: { type: 'integer', format: 'date' },
        other: { type: ['boolean', 'null', 'object', 'array'], format: 'date', minProperties: 1, maxItems: 1 },
        list: { type: 'array', items: { format: 'date-time' } },
        either: { anyOf: [{ format: 'date' }, { type: 'integer', format: 'date-time' }] },
        never: { not: { format: 'date', type: 'string' } },
      },
    },
    values: DATE_VALUES.map((v) => ({ none: v, noneTime: v, sn: v, num: v, int: v, other: v, list: [v], either: v, never: v })),
  },
  // Definitions named as Object.prototype's members, referred to plainly and percent-encoded (adversarial-defs.ts).
  { name: 'DefNamesProto', shape: 'separate', schema: PROTO_DEFS.schema as Record<string, unknown>, values: PROTO_DEFS.values },
];

describe('full.ts on keyword corners', () => {
  const { docs, built } = handWritten(CORNERS, 'full-adversarial-corners');

  it("the shared letters' error-collecting code reads the shared module's Set", () => {
    const collecting = (slug: string): string => {
      const js = built.files.find((f) => f.path === `${slug}.js`)?.contents ?? '';
      // Our emitter's error-collecting code, after the fast validators.
      return js.slice(js.indexOf('let errs$ = [];'));
    };
    expect(['shared-letters0', 'shared-letters1'].map((slug) => collecting(slug).includes('runtime.sharedEnums["Letters"]'))).toEqual([true, true]);
  });

  it.each(CORNERS.map((c, i) => [c.name, i] as const))("%s: every answer is the oracle's, loose and strict", (_name, i) => {
    const c = CORNERS[i] as (typeof CORNERS)[number];
    const values = [...c.values, ...c.values.filter(isRecord).flatMap((v) => objectForms(v)), ...c.values.flatMap((v, k) => variants(v, 700 + k, 6)), ...COMMON];
    const t = tallyOf(built.builds, docs[i] as SchemaDocument, docs, values);
    expect([...t.loose.failed, ...t.strict.failed]).toEqual([]);
    expect([t.loose.valid > 0, t.loose.invalid > 0, t.strict.valid > 0, t.strict.invalid > 0]).toEqual([true, true, true, true]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// A getter that calls a validator of the same module while errors are being collected

const HOST_PROPERTIES = {
  name: { type: 'string' },
  g: { type: 'object' },
  later: { type: 'object', properties: { x: { type: 'integer' } } },
  status: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true },
  // Read inside an `anyOf` branch: the branch's errors are dropped or kept around the inner call.
  branch: { anyOf: [{ type: 'object', properties: { g: { type: 'object' }, y: { type: 'string' } }, required: ['y'] }, { type: 'null' }] },
};
const REENTRANT: { name: string; shape: Shape; schema: Record<string, unknown> }[] = [
  { name: 'Host', shape: 'either', schema: { type: 'object', properties: HOST_PROPERTIES, required: ['name'] } },
  { name: 'HostClosed', shape: 'separate', schema: { type: 'object', properties: HOST_PROPERTIES, required: ['name'], additionalProperties: false } },
  { name: 'Guest', shape: 'either', schema: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
];

/** Invalid in every flavour, with an unknown key and an unlisted open-enum value (errors only the strict flavour lists). */
const INNER = { name: 5, later: { x: 'no', extra: 1 }, status: 'Z' };
const GUEST = { id: 'x', extra: 1 };

/** The outer value: `g` (at the top and in an `anyOf` branch) a getter that runs `call` (and records its answer) each time a validator reads it. */
function hostValue(call: () => unknown, answers: unknown[]): Rec {
  const getter = (o: Rec): Rec => Object.defineProperty(o, 'g', { get: () => (answers.push(call()), {}), enumerable: true });
  const out: Rec = getter({ name: 7 });
  // Checked after `g`: an unknown key (listed only by the strict flavour) and an open enum's unlisted value.
  out['later'] = { x: 1.5, unknown: 1 };
  out['status'] = 'Q';
  // The first branch fails (`y`) after reading `g`, the second too: the anyOf error and both branches' lists.
  out['branch'] = getter({ y: 1 });
  return out;
}

/** The same value with `g` a plain `{}`. */
const hostTwin = (): Rec => ({ name: 7, g: {}, later: { x: 1.5, unknown: 1 }, status: 'Q', branch: { g: {}, y: 1 } });

/** What a validator of the package answers for a value, by the kind of function. */
function answerOf(api: Api, fn: string, value: unknown): unknown {
  if (fn.startsWith('safeParse')) return safeParsedOf(api, fn, value);
  if (fn.endsWith('Schema')) return (api[fn] as { '~standard': { validate: (v: unknown) => unknown } })['~standard'].validate(value);
  if (fn.startsWith('is')) return api[fn](value) as boolean;
  return thrown(api, fn, value);
}
const safeParsedOf = (api: Api, fn: string, value: unknown): unknown => api[fn](JSON.stringify(value)) as unknown;

const INNER_CALLS: [fn: string, value: unknown][] = [
  ['assertHost', INNER],
  ['assertHostStrict', INNER],
  ['HostSchema', INNER],
  ['HostStrictSchema', INNER],
  ['safeParseHostStrict', INNER],
  ['isHostStrict', INNER],
  ['assertHostClosed', INNER],
  ['assertHostClosedStrict', INNER],
  ['assertGuest', GUEST],
  ['assertGuestStrict', GUEST],
];

describe('a getter in the data calls a validator of the same module while errors are collected', () => {
  const { docs, built } = handWritten(REENTRANT, 'full-adversarial-reentrant');

  it('the values outside any getter: every answer is the oracle\'s', () => {
    for (const doc of docs) {
      const t = tallyOf(built.builds, doc, docs, [INNER, GUEST, hostTwin()]);
      expect([...t.loose.failed, ...t.strict.failed]).toEqual([]);
    }
  });

  for (const outer of ['assertHost', 'assertHostStrict', 'HostSchema', 'HostStrictSchema', 'assertHostClosed', 'assertHostClosedStrict']) {
    it(`${outer} of a value whose getter calls each validator: both lists are their own`, () => {
      for (const api of built.builds) {
        // What each call answers on its own, and the outer answer for the value without a getter.
        const alone = INNER_CALLS.map(([fn, value]) => answerOf(api, fn, value));
        const twin = answerOf(api, outer, hostTwin());
        const doc = docs.find((d) => outer.startsWith(`assert${d.name}`) || outer.startsWith(d.name)) as SchemaDocument;
        const flavour = outer.endsWith('Strict') || outer.endsWith('StrictSchema') ? 'strict' : 'loose';
        // The twin's list is the oracle's (the unknown key and the open enum's value listed by the strict flavour only).
        if (outer.startsWith('assert')) expect(twin).toEqual(issuesOf(ajvErrors(oracleOf(namedSchema(doc, docs))[flavour], hostTwin()), hostTwin()));
        for (const [i, [fn, value]] of INNER_CALLS.entries()) {
          const answers: unknown[] = [];
          const got = answerOf(api, outer, hostValue(() => answerOf(api, fn, value), answers));
          expect({ fn, outer: got }).toEqual({ fn, outer: twin });
          // Read at least by the error-collecting run, twice (the fast check may stop at `name` before it reads `g`).
          expect(answers.length).toBeGreaterThanOrEqual(2);
          expect(answers).toEqual(answers.map(() => alone[i]));
        }
      }
    });
  }

  it('a getter that checks the very value it is part of (once), with each validator, loose and strict', () => {
    const fns = ['assertHost', 'assertHostStrict', 'assertHostClosed', 'assertHostClosedStrict', 'HostSchema', 'HostStrictSchema'];
    for (const api of built.builds) {
      for (const outer of fns) {
        for (const inner of fns) {
          const answers: unknown[] = [];
          let value: Rec = {};
          let depth = 0;
          value = hostValue(() => (depth++ === 0 ? answerOf(api, inner, value) : 'nested'), answers);
          const got = answerOf(api, outer, value);
          expect({ outer, inner, got }).toEqual({ outer, inner, got: answerOf(api, outer, hostTwin()) });
          // The first read ran the inner call on the same value (whose own reads answered 'nested').
          expect(answers.filter((a) => a !== 'nested')).toEqual([answerOf(api, inner, hostTwin())]);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Values nested deeper than the call stack

const DEPTH_CASES: { name: string; shape: Shape; schema: Record<string, unknown> }[] = [
  {
    name: 'DeepTree',
    shape: 'either',
    schema: {
      type: 'object',
      properties: { code: { type: 'string', maxLength: 2 }, children: { type: 'array', items: { $ref: '#/$defs/DeepNode' } } },
      $defs: { DeepNode: { type: 'object', properties: { code: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/DeepNode' } } } } },
    },
  },
  {
    name: 'DeepTreeClosed',
    shape: 'separate',
    schema: {
      type: 'object',
      properties: { code: { type: 'string', maxLength: 2 }, children: { type: 'array', items: { $ref: '#/$defs/DeepClosedNode' } } },
      additionalProperties: false,
      $defs: { DeepClosedNode: { type: 'object', properties: { code: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/DeepClosedNode' } } } } },
    },
  },
];

/** `{ children: [{ children: [ … ] }] }` nested `depth` deep, built without recursion. */
function nested(depth: number): Rec {
  let node: Rec = { children: [] };
  for (let i = 0; i < depth; i++) node = { children: [node] };
  return node;
}

const DEEP = 200_000;
const DEPTH_ISSUE = { path: '', message: 'is nested too deeply to be checked (the validator ran out of call stack)', keyword: 'depth' };
/** Small values with errors of both flavours (an unknown key deep down, a string too long): the module must still answer them right. */
const SMALL = [{ code: 'abc', children: [{ code: 1, x: 1, children: [{ y: 2 }] }] }, { code: 'ab', children: [{ extra: 1 }] }, nested(30)];

describe('values nested deeper than the call stack', () => {
  const { docs, built } = handWritten(DEPTH_CASES, 'full-adversarial-depth');

  it.each(docs.map((doc) => [doc.name, doc] as const))('%s: assert… and parse… throw the one `depth` issue; then every answer is still the oracle\'s', (_name, doc) => {
    const deep = nested(DEEP);
    const text = '{"children":['.repeat(DEEP) + '{}' + ']}'.repeat(DEEP);
    for (const api of built.builds) {
      for (const fn of [`assert${doc.name}`, `assert${doc.name}Strict`]) {
        expect([fn, thrown(api, fn, deep)]).toEqual([fn, [DEPTH_ISSUE]]);
        // The module's state (its error list, the variant switch) is back: small values get their own lists.
        const t = tallyOf([api], doc, docs, SMALL);
        expect([...t.loose.failed, ...t.strict.failed]).toEqual([]);
      }
      for (const fn of [`parse${doc.name}`, `parse${doc.name}Strict`]) expect([fn, thrown(api, fn, text)]).toEqual([fn, [DEPTH_ISSUE]]);
      // A getter that runs into the stack's end inside another call of the module: the outer list is its own.
      const outer = { code: 'abcd', children: [] as unknown[] };
      const answers: unknown[] = [];
      Object.defineProperty(outer, 'children', { get: () => (answers.push(thrown(api, `assert${doc.name}Strict`, deep)), [{ code: 5 }]), enumerable: true });
      const twin = { code: 'abcd', children: [{ code: 5 }] };
      for (const fn of [`assert${doc.name}`, `assert${doc.name}Strict`]) expect([fn, thrown(api, fn, outer)]).toEqual([fn, thrown(api, fn, twin)]);
      expect(answers.length).toBeGreaterThanOrEqual(2);
      expect(answers).toEqual(answers.map(() => [DEPTH_ISSUE]));
    }
  });

  // safeParse… and ~standard.validate call the fast and the error-collecting validators with the same stack-overflow
  // test as `is…` and `assert…` (runtime errorsOf and passes).
  it.each(docs.map((doc) => [doc.name, doc] as const))('%s: safeParse… and ~standard.validate report the `depth` issue, and do not throw', (_name, doc) => {
    const deep = nested(DEEP);
    const text = '{"children":['.repeat(DEEP) + '{}' + ']}'.repeat(DEEP);
    for (const api of built.builds) {
      const got: unknown[] = [];
      for (const fn of [`safeParse${doc.name}`, `safeParse${doc.name}Strict`]) got.push([fn, api[fn](text)]);
      for (const schema of [`${doc.name}Schema`, `${doc.name}StrictSchema`]) {
        try {
          got.push([schema, api[schema]['~standard'].validate(deep)]);
        } catch (error) {
          got.push([schema, `threw ${String(error)}`]);
        }
      }
      expect(got).toEqual([
        [`safeParse${doc.name}`, { success: false, issues: [DEPTH_ISSUE] }],
        [`safeParse${doc.name}Strict`, { success: false, issues: [DEPTH_ISSUE] }],
        [`${doc.name}Schema`, { issues: [{ message: DEPTH_ISSUE.message, path: [] }] }],
        [`${doc.name}StrictSchema`, { issues: [{ message: DEPTH_ISSUE.message, path: [] }] }],
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Naming and the strict schema: a known difference, pinned

describe('the strict schema of the named document closes what the document\'s closes (deriveStrict, naming.ts)', () => {
  // `ab` is declared in two `anyOf` branches: as any value, and as an object of key `h`. From the document,
  // deriveStrict closes `b.ab` once with the keys of both declarations (an `allOf` entry beside the branches):
  // `AB` is unknown. Named, each branch is a definition and the second one's `ab` one more (`NamingGapBAb`, used
  // as a value); the closing entry reads that definition's keys through its `$ref`, so the first branch no longer
  // lets `{ AB: 1 }` through (it did: the keys of a definition used as a value were not followed).
  const schema = { type: 'object', properties: { b: { anyOf: [{ properties: { ab: {} } }, { properties: { ab: { properties: { h: {} } } } }] } } };
  const { docs, built } = handWritten([{ name: 'NamingGap', shape: 'either', schema }], 'full-adversarial-naming');
  const value = { b: { ab: { AB: 1 } } };
  const unknown = [{ path: 'b.ab.AB', message: 'is not a known property (strict validators reject unknown keys)', keyword: 'additionalProperties' }];

  it('the package and AJV of the document\'s and of the named strict schema all reject { b: { ab: { AB: 1 } } }, and accept { b: { ab: { h: 1 } } }', () => {
    const doc = docs[0] as SchemaDocument;
    expect(issuesOf(ajvErrors(oracleOf(doc.schema).strict, value), value)).toEqual(unknown);
    const named = issuesOf(ajvErrors(oracleOf(namedSchema(doc, docs)).strict, value), value);
    expect(named.filter((issue) => issue.keyword === 'additionalProperties')).toEqual(unknown);
    for (const api of built.builds) {
      expect(api['isNamingGapStrict'](value)).toBe(false);
      expect(thrown(api, 'assertNamingGapStrict', value)).toEqual(named);
      expect([api['isNamingGapStrict']({ b: { ab: { h: 1 } } }), api['isNamingGap'](value)]).toEqual([true, true]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Where AJV is wrong: our answers, pinned

/** What AJV's compiled code throws for `patternProperties` beside a `oneOf` two branches pass (allErrors, evaluated keys). */
const AJV_CRASH = 'TypeError: Cannot set properties of undefined';

describe('where ajv.compile is wrong, our answers', () => {
  const cases = [
    { name: 'AjvPatternOneOf', shape: 'separate' as const, schema: { type: 'object', patternProperties: { '^x$': {} }, oneOf: [{}, { additionalProperties: {} }] } },
    { name: 'AjvNotEmptyName', shape: 'either' as const, schema: { type: 'object', properties: { k: { not: { required: [''] } } } } },
  ];
  const { docs, built } = handWritten(cases, 'full-adversarial-ajv');
  const ONE_OF = { path: '', message: 'must match exactly one schema in oneOf (got an object)', keyword: 'oneOf' };

  it('AjvPatternOneOf: AJV (allErrors) throws on { x: "x" }; the one error is `oneOf` (both branches pass), as AJV\'s fail-fast code says', () => {
    const { loose, strict } = validatedSchemas(asBuilt(namedSchema(docs[0] as SchemaDocument, docs)));
    for (const schema of [loose, strict]) {
      const value = { x: 'x' };
      expect(() => exactAjv({ allErrors: true }).compile(schema)(value)).toThrow(new TypeError("Cannot set properties of undefined (setting 'x')"));
      const failFast = exactAjv({ allErrors: false }).compile(schema);
      expect([failFast(value), issuesOf(failFast.errors ?? [], value)]).toEqual([false, [ONE_OF]]);
    }
    for (const api of built.builds) {
      for (const fn of ['assertAjvPatternOneOf', 'assertAjvPatternOneOfStrict']) expect([fn, thrown(api, fn, { x: 'x' })]).toEqual([fn, [ONE_OF]]);
      expect(api['safeParseAjvPatternOneOf']('{"x":"x"}')).toEqual({ success: false, issues: [ONE_OF] });
    }
  });

  it('AjvNotEmptyName: `not: { required: [""] }` passes an object without "" (AJV\'s fail-fast code inside `not` skips "" and says it fails)', () => {
    const { loose } = validatedSchemas(asBuilt(namedSchema(docs[1] as SchemaDocument, docs)));
    const ajv = exactAjv({ allErrors: true }).compile(loose);
    expect([ajv({ k: {} }), issuesOf(ajv.errors ?? [], { k: {} })]).toEqual([false, [{ path: 'k', message: 'must NOT be valid (got an object)', keyword: 'not' }]]);
    for (const api of built.builds) {
      for (const fn of ['assertAjvNotEmptyName', 'assertAjvNotEmptyNameStrict']) {
        expect([fn, thrown(api, fn, { k: {} }), thrown(api, fn, JSON.parse('{"k":{"":1}}'))]).toEqual([fn, [], [{ path: 'k', message: 'must NOT be valid (got an object)', keyword: 'not' }]]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Definitions named anything, `format` on any value: schemas built one at a time (adversarial-defs.ts)

const DEFS_SCHEMAS = 30;
const DEFS_VALUES = 24;

describe(`full.ts on ${DEFS_SCHEMAS} seeded schemas with definitions of any name and formats on any value, against ajv.compile`, () => {
  const cases = Array.from({ length: DEFS_SCHEMAS }, (_, seed) => {
    const r = random(seed + 7000);
    const schema = defsSchema(r);
    const values: unknown[] = [];
    for (let i = 0; i < DEFS_VALUES; i++) values.push(...variants(defsValue(r, schema, schema as Rec), seed * 100 + i, 2));
    return { name: `Defs${seed}`, schema, values: [...values, ...some(r, COMMON, 12)] };
  });
  const apis = new Map<string, Api>();
  const tallies = new Map<string, Record<Flavour, Tally>>();
  beforeAll(async () => {
    for (const c of cases) apis.set(c.name, await directApi(c.name, c.schema));
  }, 60_000);
  const tally = (c: (typeof cases)[number]): Record<Flavour, Tally> => {
    let t = tallies.get(c.name);
    if (t === undefined) {
      const oracle = oracleOf(c.schema);
      t = { loose: newTally(), strict: newTally() };
      for (const flavour of ['loose', 'strict'] as const) for (const [i, value] of c.values.entries()) compare(apis.get(c.name) as Api, c.name, oracle, flavour, value, `value ${i}`, t[flavour]);
      tallies.set(c.name, t);
    }
    return t;
  };

  it('full.ts builds every schema but those referring to the definition named "" (`#/$defs/`: AJV\'s code)', () => {
    const refersToEmpty = (c: (typeof cases)[number]): boolean => JSON.stringify(c.schema).includes('"#/$defs/"');
    const unsupported = (c: (typeof cases)[number]): string | null => {
      const { loose, strict } = validatedSchemas(protoAsPattern(c.schema));
      return fullUnsupported(loose) ?? fullUnsupported(strict) ?? null;
    };
    expect(cases.map((c) => [c.name, unsupported(c)])).toEqual(
      cases.map((c) => [c.name, refersToEmpty(c) ? expect.stringMatching(/^\$ref "#\/\$defs\/" at /) : null]),
    );
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: is…, assert…, ~standard, safeParse… and parse… give ajv.compile\'s answers and issues, loose and strict', (_name, c) => {
    const t = tally(c);
    expect([...t.loose.failed, ...t.strict.failed, ...t.loose.oracleThrew, ...t.strict.oracleThrew]).toEqual([]);
    // `is…` too: assert… asks it first, and a wrong `false` there would show as an empty list.
    const api = apis.get(c.name) as Api;
    const { loose, strict } = validatedSchemas(protoAsPattern(c.schema));
    const wrong = (['loose', 'strict'] as const).flatMap((flavour) => {
      const reference = exactReference(flavour === 'loose' ? loose : strict);
      const fn = `is${c.name}${flavour === 'strict' ? 'Strict' : ''}`;
      return c.values.filter((v) => api[fn](v) !== reference(v)).map((v) => ({ fn, value: show(v) }));
    });
    expect(wrong).toEqual([]);
  });

  it('the sweep reaches valid and invalid values, and the keywords of the definitions and formats', () => {
    const all = cases.map(tally);
    const sum = (f: (t: Tally) => number): number => all.reduce((n, t) => n + f(t.loose) + f(t.strict), 0);
    expect(all.filter((t) => t.loose.invalid === 0 || t.strict.invalid === 0)).toEqual([]);
    expect(all.filter((t) => t.loose.valid > 0).length).toBeGreaterThanOrEqual(DEFS_SCHEMAS / 3);
    const keywords = new Set(all.flatMap((t) => [...t.loose.keywords, ...t.strict.keywords]));
    expect(['format', 'type', 'required', 'additionalProperties', 'anyOf', 'not', 'enum', 'multipleOf'].filter((k) => !keywords.has(k))).toEqual([]);
    console.log(`full-adversarial definitions sweep: ${cases.length} schemas, ${sum((t) => t.values)} values checked, ${sum((t) => t.invalid)} invalid, ${sum((t) => t.comparisons)} comparisons`);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Outside the keyword table: AJV's code calling our run-time equality, and reading keys and items (adversarial-defs.ts)

describe('AJV\'s error-collecting code for const and enum of objects and arrays, uniqueItems, and keywords on keys and items outside the table', () => {
  const cases = [...EQUALITY_CASES, ...OUTSIDE_CASES];
  const docs = cases.map((c) => documentOf(c.name, c.schema));
  const built = packageOf(docs, 'full-adversarial-equality');

  it('AJV builds each (outside full.ts\'s table)', () => {
    expect(docs.map((doc) => builtBy(doc, built.files, docs))).toEqual(
      docs.map((doc) => [doc.name, expect.stringMatching(/^(const|enum|uniqueItems|propertyNames|contains|prefixItems) at \//), 'ajv']),
    );
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s: every answer is the oracle\'s, loose and strict', (_name, i) => {
    const c = cases[i] as (typeof cases)[number];
    const t = tallyOf(built.builds, docs[i] as SchemaDocument, docs, [...c.values, ...c.values.flatMap((v, k) => variants(v, 900 + k, 3)), ...COMMON]);
    expect([...t.loose.failed, ...t.strict.failed, ...t.loose.oracleThrew, ...t.strict.oracleThrew]).toEqual([]);
    expect([t.loose.valid > 0, t.loose.invalid > 0, t.strict.valid > 0, t.strict.invalid > 0]).toEqual([true, true, true, true]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Where AJV is wrong: unevaluatedProperties and keys named as Object.prototype's members, our lists pinned

describe('unevaluatedProperties: a key named as an Object.prototype member gets its error (AJV lists none)', () => {
  const docs = UNEVALUATED_CASES.map((c) => documentOf(c.name, c.schema));
  const built = packageOf(docs, 'full-adversarial-unevaluated');

  it.each(docs.map((doc, i) => [doc.name, i] as const))('%s', (name, i) => {
    const doc = docs[i] as SchemaDocument;
    // Values without such keys: every answer is the oracle's.
    const others = [{ a: 1, b: 'x' }, { a: 'x', c: 1, zzz: 1 }, { d: true, c: 'y' }, { a: 1, b: 'x', d: false }, { a: 1, b: 2 }, { c: 'y', e: 1 }, { a: [], c: 'z', d: 'x' }, { b: 'x', c: 'y', d: true }];
    const t = tallyOf(built.builds, doc, docs, [...others, ...COMMON]);
    expect([...t.loose.failed, ...t.strict.failed]).toEqual([]);
    const oracle = oracleOf(namedSchema(doc, docs)).loose;
    const unevaluated = (key: string, value: unknown): unknown => issuesOf([{ instancePath: '', keyword: 'unevaluatedProperties', params: { unevaluatedProperty: key } }], value);
    // The spec's list, which is AJV's for an ordinary name.
    expect(issuesOf(ajvErrors(oracle, withUnevaluated('zzz')), withUnevaluated('zzz'))).toEqual(unevaluated('zzz', withUnevaluated('zzz')));
    for (const api of built.builds) {
      for (const key of UNEVALUATED_KEYS) {
        const value = withUnevaluated(key);
        const lists = [`assert${name}`, `assert${name}Strict`].map((fn) => thrown(api, fn, value));
        expect([key, ...lists]).toEqual([key, unevaluated(key, value), unevaluated(key, value)]);
        if (key !== 'zzz') expect([key, ajvErrors(oracle, value)]).toEqual([key, []]);
      }
    }
  });
});
