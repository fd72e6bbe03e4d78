/**
 * Schemas whose `$defs` are named anything, and `format` on values of every type, for the adversarial tests of
 * our own validator emitters (fast-adversarial.test.ts, full-adversarial.test.ts).
 *
 * A package's definitions become exported types, so code.ts refuses names that are no identifiers (`a/b`, `é`):
 * these schemas are built one at a time with buildValidators, the validators' own entry, and its code is run
 * with the run-time helpers of generators/runtime/ in the shape the package templates give them
 * (`is…`, `assert…`, `parse…`, `safeParse…`, `…Schema`; templates/partials/code-api-js.hbs, code-interop-js.hbs).
 * Names a JSON pointer escapes (`~`, `/`), that a URI percent-encodes (`%`, space, quotes, non-ASCII), names of
 * Object.prototype members, names like the generated code's own (`data`, `runtime`, the root's), names that end a
 * comment or a script, and the empty name; each `$ref` to one written in one of the forms a URI allows (escaped
 * token, percent-encoded, every character percent-encoded, or as it is), from several places and recursively, and
 * `#` (the root) below a property. And schemas outside the emitters' keyword table whose AJV code calls our
 * run-time equality (`const` and `enum` of objects and arrays, `uniqueItems`), with values whose keys are
 * Object.prototype's members.
 */
import { buildValidators } from '../../generators/emit/validators.js';
import * as validation from '../../generators/runtime/validation.js';
import * as values from '../../generators/runtime/values.js';
import * as interop from '../../generators/runtime/interop.js';
import { isDate, isDateTime } from '../../generators/runtime/formats.js';
import type { JsonSchema } from '../../generators/types.js';
import type { Api } from './code-helpers.js';
import { COMMON, pick, some } from './adversarial-values.js';

type Rec = Record<string, unknown>;

/** The run-time module as the shared module gives it to the validator code (`runtime.*`). */
const RUNTIME = { ...validation, ...values, ...interop, formats: { date: isDate, 'date-time': isDateTime }, sharedEnums: {} };

/**
 * The validators of one schema as a package exports them for an object called `name`, built by
 * buildValidators and run with the run-time helpers.
 */
export async function directApi(name: string, schema: JsonSchema): Promise<Api> {
  const out = await buildValidators(schema, new Set(), `schemas/${name}.json`);
  const made = new Function('runtime', `${out.code}\nreturn { fast, fastStrict, full, fullStrict };`)(RUNTIME) as Record<'fast' | 'fastStrict' | 'full' | 'fullStrict', validation.CompiledValidator>;
  const api: Api = {};
  const variants = [
    ['', made.fast, made.full, out.looseFromStrict],
    ['Strict', made.fastStrict, made.fullStrict, false],
  ] as const;
  for (const [suffix, fast, full, allowUnknownKeys] of variants) {
    const is = (value: unknown): boolean => {
      try {
        return fast(value);
      } catch (error) {
        return validation.notValidWhenTooDeep(error);
      }
    };
    const assert = (value: unknown): void => {
      if (!is(value)) validation.fail(full, value, allowUnknownKeys);
    };
    api[`is${name}${suffix}`] = is;
    api[`assert${name}${suffix}`] = assert;
    api[`parse${name}${suffix}`] = (json: string): unknown => {
      const value = validation.parseJson(json);
      assert(value);
      return value;
    };
    api[`safeParse${name}${suffix}`] = (json: string): unknown => interop.safeParse(json, fast, full, allowUnknownKeys);
    api[`${name}${suffix}Schema`] = interop.standardSchema(fast, full, allowUnknownKeys);
  }
  return api;
}

// ---------------------------------------------------------------------------------------------------------
// Definitions named anything

/** Definition names: escaped by a JSON pointer, percent-encoded in a URI, Object.prototype's, the code's own, hostile text, empty. */
export const DEF_NAMES = [
  'a/b', 'a~b', '~1', '~0~1/', 'a%b', '%25', '%', 'a b', ' ', 'é', 'Ωμέγα', '\u{1F600}', 'a"b', "it's", 'a\\b', 'a#b', 'a?b&c=d', '{{x}}', '`${x}`',
  '*/', '</script>', 'a\u2028b', '1st', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '$', 'data', 'value', 'runtime', 'path',
  'errs$', 'Root', 'validateRoot', '',
];

/** A JSON pointer token for a key (RFC 6901: `~` → `~0`, `/` → `~1`). */
const token = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every UTF-8 byte of a text percent-encoded. */
const allEncoded = (text: string): string => [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** The characters a URI fragment may hold as they are (RFC 3986: pchar, `/`, `?`). */
const FRAGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

/** A `$ref` to a definition, in one of the forms a URI fragment allows: percent-encoded as needed or throughout, or as it is. */
export function refTo(r: () => number, name: string): string {
  const t = token(name);
  const forms = [encodeURIComponent(t), allEncoded(t), ...(FRAGMENT.test(t) ? [t] : [])];
  return `#/$defs/${pick(r, forms)}`;
}

const DATES = ['2020-02-29', '2021-02-29', '1999-12-31', '2020-1-01', '2016-12-31T23:59:60Z', '2020-01-01T00:00:00+05:30', '2020-01-01t00:00:00z', '2020-01-01T00:00:00', '2020-01-01 00:00:00Z'];
/** Type lists a `format` may stand beside: none, strings and others, others only. */
const FORMAT_TYPES: (string | string[] | undefined)[] = [undefined, undefined, ['string', 'number'], ['string', 'null'], ['number', 'integer'], 'number', 'integer', 'boolean', 'null', 'object', 'array', ['object', 'array', 'string'], ['boolean', 'null', 'integer']];

interface DefsGen {
  r: () => number;
  /** The definition names a `$ref` below a property or an item may use. */
  names: string[];
  /** Those a `$ref` in place (a branch, `not`, the schema itself) may use: no definition reaches itself without going down the value. */
  open: string[];
}

/** A leaf: a `format` on any type (or none), a bounded string, a number, an enum. */
function leaf(g: DefsGen): Rec {
  const kind = pick(g.r, ['format', 'format', 'format', 'string', 'number', 'enum']);
  if (kind === 'format') {
    const type = pick(g.r, FORMAT_TYPES);
    const out: Rec = { format: pick(g.r, ['date', 'date-time']) };
    if (type !== undefined) out['type'] = type;
    // Keywords of other groups beside it: each checked only for its type.
    if (g.r() < 0.3) out['maximum'] = 3;
    if (g.r() < 0.2) out['maxLength'] = 10;
    if (g.r() < 0.2) out['minProperties'] = 1;
    return out;
  }
  if (kind === 'string') return { type: 'string', minLength: 1, maxLength: 3 };
  if (kind === 'number') return { type: 'number', multipleOf: 0.5 };
  return { enum: ['x', 1, null, '2020-02-29'] };
}

/** A schema referring to definitions from any place: a property, items, branches, `not`, other keys, patterns. */
function node(g: DefsGen, depth: number): Rec {
  const down: DefsGen = { ...g, open: g.names };
  const ref = (): Rec => ({ $ref: refTo(g.r, pick(g.r, g.open)) });
  const kinds = depth > 2 ? ['leaf', 'ref'] : ['leaf', 'ref', 'ref', 'object', 'object', 'array', 'anyOf', 'allOf', 'not', 'root'];
  switch (pick(g.r, g.open.length > 0 ? kinds : kinds.filter((k) => k !== 'ref'))) {
    case 'leaf':
      return leaf(g);
    case 'ref':
      return ref();
    case 'object': {
      const names = some(g.r, ['a', 'b', 'c', 'constructor', '__proto__', 'a/b', ''], 3);
      const out: Rec = { type: 'object', properties: Object.fromEntries(names.map((n) => [n, node(down, depth + 1)])) };
      const refDown = (): Rec => ({ $ref: refTo(g.r, pick(g.r, g.names)) });
      if (names.length > 0 && g.r() < 0.4) out['required'] = [pick(g.r, names)];
      if (g.r() < 0.25) out['additionalProperties'] = g.r() < 0.6 ? refDown() : false;
      if (g.r() < 0.2) out['patternProperties'] = { '^x-': g.r() < 0.7 ? refDown() : leaf(g) };
      return out;
    }
    case 'array':
      return { type: 'array', items: node(down, depth + 1), ...(g.r() < 0.3 ? { maxItems: 3 } : {}) };
    case 'anyOf':
    case 'allOf':
      return { [pick(g.r, ['anyOf', 'allOf'])]: [node(g, depth + 1), node(g, depth + 1)] };
    case 'not':
      return { not: node(g, depth + 1) };
    default:
      // The root itself, below a property (recursion through `#`).
      return { type: 'object', properties: { up: { $ref: '#' } } };
  }
}

/** A seeded schema with two to four definitions of odd names, each maybe recursive, referred to from many places. */
export function defsSchema(r: () => number): JsonSchema {
  const names = some(r, DEF_NAMES, 3).slice(0, 4);
  if (names.length < 2) names.push(...['a/b', '%25'].filter((n) => !names.includes(n)).slice(0, 2 - names.length));
  const defs: Rec = {};
  for (const [i, name] of names.entries()) {
    // In place, a definition refers only to those listed before it.
    const g: DefsGen = { r, names, open: names.slice(0, i) };
    const body = r() < 0.4 ? { type: 'object', properties: { self: { $ref: refTo(r, name) }, v: node({ ...g, open: names }, 2) }, required: r() < 0.5 ? ['v'] : [] } : node(g, 1);
    // Own data properties, as JSON.parse makes them (an assignment to `__proto__` would set the prototype).
    Object.defineProperty(defs, name, { value: body, enumerable: true, writable: true, configurable: true });
  }
  const root = node({ r, names, open: names }, 0);
  const properties = { ...(root['properties'] as Rec | undefined) };
  // Every definition referred to at least once, from a property of the root.
  for (const [i, name] of names.entries()) properties[`d${i}`] = { $ref: refTo(r, name) };
  return { ...root, type: 'object', properties, $defs: defs } as JsonSchema;
}

/** The definition a `$ref` of these schemas names ('' for `#`). */
function target(ref: string): string {
  return ref === '#' ? '' : decodeURIComponent(ref.slice('#/$defs/'.length)).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A value meant to pass `schema` (often it does not), with odd values of any type at times. */
export function defsValue(r: () => number, schema: unknown, root: Rec, depth = 0): unknown {
  if (depth > 7 || schema === null || typeof schema !== 'object' || r() < 0.06) return pick(r, COMMON);
  const s = schema as Rec;
  if (typeof s['$ref'] === 'string') {
    const name = target(s['$ref']);
    return defsValue(r, name === '' ? root : (root['$defs'] as Rec)[name], root, depth + 1);
  }
  if (Array.isArray(s['enum'])) return pick(r, s['enum']);
  for (const key of ['anyOf', 'allOf']) if (Array.isArray(s[key])) return defsValue(r, pick(r, s[key] as unknown[]), root, depth + 1);
  if (s['not'] !== undefined) return pick(r, COMMON);
  if (s['format'] !== undefined) return r() < 0.6 ? pick(r, DATES) : pick(r, [1, 2.5, 4, -0, true, false, null, {}, { a: 1 }, [], ['2020-02-29'], '']);
  const type = Array.isArray(s['type']) ? pick(r, s['type'] as string[]) : s['type'];
  if (type === 'string') return pick(r, ['a', 'ab', 'abcd', '', '\u{1F600}']);
  if (type === 'number') return pick(r, [1, 1.5, 1.25, -0, 3]);
  if (type === 'array') return Array.from({ length: Math.floor(r() * 3) }, () => defsValue(r, s['items'], root, depth + 1));
  if (type === 'object') {
    const out: Rec = {};
    const set = (key: string, value: unknown): void => void Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    for (const [name, sub] of Object.entries((s['properties'] ?? {}) as Rec)) if (r() < 0.7) set(name, defsValue(r, sub, root, depth + 1));
    if (r() < 0.25) set(pick(r, ['x-a', 'extra', 'a/b']), defsValue(r, s['additionalProperties'] ?? s['patternProperties'] ?? true, root, depth + 1));
    return out;
  }
  return pick(r, COMMON);
}

// ---------------------------------------------------------------------------------------------------------
// Cases for a package (its definitions are types: identifiers only)

/** Dates, date-times and their near misses, and values of every other type (which any `format` lets pass). */
export const DATE_VALUES: unknown[] = [
  '2020-02-29', '2021-02-29', '2020-01-01T00:00:00Z', '2016-12-31T23:59:60Z', '2020-01-01T12:00:00', 'x', '', 20200229, 1.5, -0, true, false, null, {}, { date: '2020-02-29' },
  [], ['2020-02-29'], new Date(0),
];

/**
 * Definitions named as Object.prototype's members (and `$x`), referred to plainly and percent-encoded, from a
 * property, items, a branch, `not`, other keys and a property named `__proto__`; recursive. JSON text, so
 * `__proto__` is an own key.
 */
export const PROTO_DEFS: { schema: JsonSchema; values: unknown[] } = {
  schema: JSON.parse(`{
      "type": "object",
      "properties": {
        "one": { "$ref": "#/$defs/__proto__" },
        "two": { "$ref": "#/$defs/%5F%5Fproto%5F%5F" },
        "three": { "type": "array", "items": { "$ref": "#/$defs/constructor" } },
        "four": { "anyOf": [{ "$ref": "#/$defs/toString" }, { "$ref": "#/$defs/%24x" }] },
        "five": { "not": { "$ref": "#/$defs/hasOwnProperty" } },
        "__proto__": { "$ref": "#/$defs/co%6Estructor" }
      },
      "additionalProperties": { "$ref": "#/$defs/toString" },
      "$defs": {
        "__proto__": { "type": "object", "properties": { "p": { "$ref": "#/$defs/__proto__" }, "q": { "type": "boolean" }, "d": { "format": "date" } }, "required": ["q"] },
        "constructor": { "type": "number", "multipleOf": 0.01 },
        "toString": { "type": ["string", "integer"], "format": "date" },
        "$x": { "enum": ["x", 1] },
        "hasOwnProperty": { "type": "string", "minLength": 2 }
      }
    }`) as JsonSchema,
  values: JSON.parse(`[
      { "one": { "q": true, "p": { "q": false, "p": { "q": true, "d": 5 } } }, "two": { "q": false, "d": "2020-02-29" }, "three": [1.01, 2], "four": "2020-02-29", "five": "a", "__proto__": 0.5 },
      { "one": { "q": true, "p": { "q": 1 } } }, { "two": { "d": "2021-02-29", "q": true } }, { "three": [1.001] }, { "four": "x" }, { "four": 1 }, { "four": 2 },
      { "four": "2021-02-29" }, { "five": "ab" }, { "five": 1 }, { "__proto__": 1.001 }, { "__proto__": "x" }, { "other": "2020-02-29" }, { "other": 7 },
      { "other": "2020-02-30" }, { "other": null }, { "one": { "q": true, "p": { "q": true, "constructor": 1 } } }, { "one": {} }, { "one": [] }
    ]`) as unknown[],
};

// ---------------------------------------------------------------------------------------------------------
// Outside the keyword table: AJV's code, with our run-time equality (generators/runtime/values.ts deepEqual)

/** Objects and arrays as JSON.parse makes them: keys named as Object.prototype's members are own data. */
const EQUALITY_VALUES: unknown[] = JSON.parse(`[
  {"valueOf": 1}, {"toString": "x"}, {"constructor": {}}, {"constructor": 1}, {"__proto__": 1}, {"a": 1, "valueOf": 1}, {"a": 1}, {"a": 1.0, "b": [1, 2]},
  {"b": [1, 2], "a": 1}, {"a": 1, "b": [2, 1]}, {"a": -0}, {"a": 0}, [0], [-0], [1, "1"], [], {}, [{}], [[]], {"x": null}, {"x": null, "y": null}
]`);

/** [name, schema, values]: `const`/`enum` of objects and arrays, `uniqueItems` of scalar and of any items. */
export const EQUALITY_CASES: { name: string; schema: Record<string, unknown>; values: unknown[] }[] = [
  { name: 'ConstObject', schema: { const: { a: 1, b: [1, 2] } }, values: EQUALITY_VALUES },
  { name: 'ConstProtoKeys', schema: JSON.parse('{"const": {"constructor": {}, "valueOf": 1, "toString": "x"}}'), values: [...EQUALITY_VALUES, ...JSON.parse('[{"constructor": {}, "valueOf": 1, "toString": "x"}, {"toString": "x", "valueOf": 1, "constructor": {}}, {"constructor": {"a": 1}, "valueOf": 1, "toString": "x"}]')] },
  { name: 'EnumMixed', schema: JSON.parse('{"enum": [[0], {"x": null}, {"valueOf": 1}, {"constructor": 1}, "a", 0, null]}'), values: [...EQUALITY_VALUES, 'a', 0, -0, null, false] },
  {
    name: 'UniqueItems',
    schema: {
      type: 'object',
      properties: {
        strings: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        scalars: { type: 'array', items: { type: ['string', 'number', 'null', 'boolean'] }, uniqueItems: true },
        any: { type: 'array', uniqueItems: true },
      },
    },
    values: JSON.parse(`[
      {"strings": ["__proto__", "__proto__"]}, {"strings": ["__proto__", "a", "__proto__"]}, {"strings": ["constructor", "constructor"]}, {"strings": ["toString", "x", "toString"]},
      {"strings": ["a", "b", 1, 1]}, {"scalars": ["__proto__", 1, "__proto__"]}, {"scalars": ["1", 1]}, {"scalars": [1, 1.0]}, {"scalars": [0, -0]}, {"scalars": ["null", null, "null"]},
      {"scalars": [true, "true", true]}, {"any": [{"valueOf": 1}, {"valueOf": 1}]}, {"any": [{"constructor": {}}, {"constructor": {}}]}, {"any": [{"toString": "x"}, {"toString": "y"}]},
      {"any": [[1], [1.0]]}, {"any": [{"a": 1, "b": 2}, {"b": 2, "a": 1}]}, {"any": [0, -0]}, {"any": [{}, []]}, {"any": ["__proto__", "__proto__"]}, {"strings": ["a", "b"], "any": [1, "1"]}
    ]`),
  },
];

/**
 * `unevaluatedProperties: false` after applicators whose evaluated keys are known only at run time (an `anyOf`,
 * a `$ref`'d definition with one): keys named as Object.prototype's members are unevaluated like any other.
 * AJV (compiled and standalone) took them for evaluated (its lookup object's prototype answered for them).
 */
export const UNEVALUATED_CASES: { name: string; schema: Record<string, unknown> }[] = [
  {
    name: 'Unevaluated',
    schema: { type: 'object', properties: { a: { type: 'integer' } }, anyOf: [{ properties: { b: { type: 'string' } } }, { properties: { c: { type: 'string' } } }], unevaluatedProperties: false },
  },
  {
    name: 'UnevaluatedRef',
    schema: {
      type: 'object',
      allOf: [{ $ref: '#/$defs/UnevaluatedBase' }],
      properties: { d: { type: 'boolean' } },
      unevaluatedProperties: false,
      $defs: { UnevaluatedBase: { properties: { a: { type: 'integer' } }, anyOf: [{ properties: { b: { type: 'string' } } }, { required: ['c'], properties: { c: { type: 'string' } } }] } },
    },
  },
];

/** Keys each case leaves unevaluated (the spec's answer: invalid), beside a valid value `a`, `b`. */
export const UNEVALUATED_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'zzz'];

/** `{ a: 1, b: "x", [key]: 1 }` with `key` an own data property, as JSON.parse makes it. */
export function withUnevaluated(key: string): Record<string, unknown> {
  return JSON.parse(`{"a": 1, "b": "x", ${JSON.stringify(key)}: 1}`) as Record<string, unknown>;
}

/**
 * Keywords outside the table that read an object's keys or an array's items (AJV's code): property names,
 * dependencies and conditions on names of Object.prototype's members, `contains` with bounds, tuples.
 */
export const OUTSIDE_CASES: { name: string; schema: Record<string, unknown>; values: unknown[] }[] = [
  {
    name: 'OutsideKeys',
    schema: JSON.parse(`{ "type": "object", "properties": {
      "pn": { "type": "object", "propertyNames": { "pattern": "^[a-z_]+$", "maxLength": 9, "not": { "const": "constructor" } } },
      "dr": { "type": "object", "dependentRequired": { "__proto__": ["constructor"], "constructor": ["toString"], "a": ["", "valueOf"] } },
      "ds": { "type": "object", "dependentSchemas": { "constructor": { "required": ["hasOwnProperty"] }, "__proto__": { "maxProperties": 1 } } },
      "ite": { "if": { "properties": { "constructor": { "const": 1 } }, "required": ["constructor"] }, "then": { "required": ["valueOf"] }, "else": { "maxProperties": 2 } }
    } }`),
    values: JSON.parse(`[
      { "pn": { "__proto__": 1 } }, { "pn": { "constructor": 1 } }, { "pn": { "toString": 1, "a_b": 2 } }, { "pn": { "ABC": 1, "": 2 } }, { "pn": { "ok": 1 } },
      { "dr": { "__proto__": 1 } }, { "dr": { "__proto__": 1, "constructor": 2 } }, { "dr": { "constructor": 1 } }, { "dr": { "constructor": 1, "toString": 2 } },
      { "dr": { "a": 1 } }, { "dr": { "a": 1, "": 1, "valueOf": 2 } }, { "dr": {} }, { "ds": { "constructor": 1 } }, { "ds": { "constructor": 1, "hasOwnProperty": 2 } },
      { "ds": { "__proto__": 1, "x": 2 } }, { "ds": { "__proto__": 1 } }, { "ds": {} }, { "ite": { "constructor": 1 } }, { "ite": { "constructor": 1, "valueOf": 2 } },
      { "ite": { "constructor": 2, "a": 1, "b": 2 } }, { "ite": {} }
    ]`),
  },
  {
    name: 'OutsideItems',
    schema: {
      type: 'object',
      properties: {
        ct: { type: 'array', contains: { type: 'integer', minimum: 3 }, minContains: 2, maxContains: 3 },
        pre: { type: 'array', prefixItems: [{ type: 'string' }, { format: 'date' }], items: false, minItems: 2 },
      },
    },
    values: [
      { ct: [3, 4] }, { ct: [3] }, { ct: [3, 4, 5, 6] }, { ct: [1, 2, 3.5, 4, 5] }, { ct: [] }, { pre: ['a', '2020-02-29'] }, { pre: ['a', '2020-02-30'] }, { pre: ['a', 5] },
      { pre: ['a', 5, 6] }, { pre: [1] }, { pre: ['__proto__', 'constructor'] },
    ],
  },
];
