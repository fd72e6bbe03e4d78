/**
 * The keywords our own fast (boolean) validator emitter builds, one entry each: what value of it the emitter
 * supports (anything else and the object's fast flavours stay AJV's, see fastSupport in fast.ts) and the
 * code that checks it. A keyword applies to one kind of value (`group`): the emitter puts a group's checks
 * behind one test of the value's type, as JSON Schema (and AJV) skips them for other types.
 *
 * The answers are AJV's with our options (strictNumbers: NaN and ±Infinity are not numbers; `ownProperties`;
 * patterns with the `u` flag) and our keywords: `multipleOf` exact on decimals (`runtime.isMultipleOf`),
 * lengths in code points (`runtime.codePointLength`).
 */
import { jsString } from '../escape.js';
import { isPlainObject as isObject } from '../conforms.js';
import type { JsonSchema } from '../types.js';

/** Which values a keyword applies to; `any` for all. */
export type Group = 'any' | 'string' | 'number' | 'object' | 'array';

/** What the emitter gives a keyword's code. */
export interface KeywordContext {
  /** The schema object holding the keyword. */
  node: JsonSchema;
  /** The checked value: an identifier, read once. */
  v: string;
  /** The statement that ends the check as failed (`return false;`, or `break label;` inside a combinator). */
  fail: string;
  /** The checks of a subschema on the value `v`, failing with `fail`. */
  check: (schema: unknown, v: string, fail: string) => string[];
  /** A module-level constant with this value, under a name made from `base` (the same value: the same name). */
  hoist: (base: string, init: string) => string;
  /** A local name unique in the function being written. */
  local: (base: string) => string;
  /** The shared module's helper of that name (`codePointLength`, `isMultipleOf`, …), as a module constant. */
  helper: (name: string) => string;
  /** A module-level constant every function may share, named `name` (the same value: the same name). */
  shared: (name: string, init: string) => string;
  /** A label unique in the function being written. */
  label: (base: string) => string;
  /** The named function checking a `$ref` target, or undefined when it is not one this emitter builds. */
  refFunction: (ref: string) => string | undefined;
  /** The Set of a string enum: a shared one (`runtime.sharedEnums`) when its list is that definition's. */
  enumSet: (values: string[]) => string;
  /**
   * A module function checking one property's value, shared by every property with the same checks (`(value)
   * => …`, true when valid; `optional`: undefined passes), or undefined when the checks are more than a list of
   * single tests (`none` when there is nothing to check); `name`, the property's, names what it hoists.
   */
  leaf: (schema: unknown, optional: boolean, name: string) => string | undefined;
  /**
   * The line that fails (`cx.fail`) when `condition` holds; none for `false`. The emitter keeps each such line's
   * condition, so it can reuse the checks of a property as one shared test without reading code back
   * (`call`: the condition is a call of a named type's function).
   */
  failIf: (condition: string, call?: boolean) => string[];
}

export interface FastKeyword {
  group: Group;
  /** Whether the emitter builds this value of the keyword (`root`: the keyword sits on the schema's root). */
  supports: (value: unknown, root: boolean) => boolean;
  /** The checks, as lines of code; absent when a sibling's code checks it too (`maxLength` with `minLength`). */
  code?: (cx: KeywordContext) => string[];
}

/** The formats the shared module implements (validators.ts FORMAT_FUNCTIONS); a format AJV knows no more of falls back. */
const FORMATS = new Set(['date', 'date-time']);

/** String enums of this many values or more are checked with a Set (validators.ts SET_ENUM_MIN). */
export const FAST_SET_ENUM_MIN = 9;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);

/** Names `Object.prototype` has: a plain object answers `!== undefined` for them without owning them. */
export const PROTOTYPE_KEYS = new Set([
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'hasOwnProperty',
  '__lookupGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'valueOf',
  '__proto__',
  'toLocaleString',
]);

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isSchema = (v: unknown): boolean => typeof v === 'boolean' || isObject(v);
const isSchemaList = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(isSchema);
/** A JSON scalar as a literal (the same `===` answers: -0 and 0 are equal anyway). */
export const literal = (value: unknown): string => (typeof value === 'string' ? jsString(value) : JSON.stringify(value));

/** The test that `v` is of a JSON Schema type, as AJV writes it under strictNumbers. */
export function typeFails(types: string[], v: string): string {
  if (types.length !== 1) return `!(${types.map((t) => typeTest(t, v)).join(' || ')})`;
  switch (types[0]) {
    case 'string':
    case 'boolean':
      return `typeof ${v} !== "${types[0]}"`;
    case 'null':
      return `${v} !== null`;
    case 'object':
      return `typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})`;
    case 'array':
      return `!Array.isArray(${v})`;
    default:
      return `!${typeTest(types[0] as string, v)}`;
  }
}

export function typeTest(type: string, v: string): string {
  switch (type) {
    case 'string':
      return `typeof ${v} === "string"`;
    case 'number':
      return `(typeof ${v} === "number" && isFinite(${v}))`;
    case 'integer':
      return `(typeof ${v} === "number" && Number.isInteger(${v}))`;
    case 'boolean':
      return `typeof ${v} === "boolean"`;
    case 'null':
      return `${v} === null`;
    case 'object':
      return `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}))`;
    default:
      return `Array.isArray(${v})`;
  }
}

/** `v` is one of these scalars. */
export function oneOf(values: unknown[], v: string, cx: Pick<KeywordContext, 'enumSet' | 'hoist'>): string {
  if (values.length >= FAST_SET_ENUM_MIN && values.every((x) => typeof x === 'string')) return `${cx.enumSet(values as string[])}.has(${v})`;
  if (values.length >= FAST_SET_ENUM_MIN) return `${cx.hoist('values', `new Set([${values.map(literal).join(', ')}])`)}.has(${v})`;
  return values.length === 0 ? 'false' : values.map((x) => `${v} === ${literal(x)}`).join(' || ');
}


/** k when `step` is 10^-k (1, 0.1, 0.0001, 1e-7; k ≤ 15, so 10^k is exact), else undefined. */
export function decimalPlaces(step: number): number | undefined {
  for (let k = 0; k <= 15; k++) if (String(step) === (k === 0 ? '1' : k < 7 ? `0.${'0'.repeat(k - 1)}1` : `1e-${k}`)) return k;
  return undefined;
}


/** The labelled block of one branch: its checks break out of it; undefined when it checks nothing. */
function branch(cx: KeywordContext, schema: unknown, base: string, passed: string[]): string[] {
  const label = cx.label(base);
  const body = cx.check(schema, cx.v, `break ${label};`);
  if (!body.some((line) => line.includes(`break ${label};`))) return [...body, ...passed];
  return [`${label}: {`, ...indent([...body, ...passed]), '}'];
}

export function indent(lines: string[]): string[] {
  return lines.map((line) => (line === '' ? line : `  ${line}`));
}

/**
 * `minLength`/`maxLength` in code points, as a test that is true when the length is outside: one module
 * function, whose UTF-16 `.length` decides most strings without counting (code points ∈ [ceil(len/2), len]).
 * With min 0 or 1 the length alone decides every string of at most max units, so the test is written inline
 * and calls the function only above max: no call for most strings. With a larger min the function is called
 * (inline tests for it too saved no measurable time on the Payment object and cost bytes).
 */
function lengthOutside(cx: KeywordContext, min: number, max: number | undefined): string {
  if (min === 0 && max === undefined) return 'false';
  const count = cx.helper('codePointLength');
  // Without a high surrogate every unit is a code point: the test is several times quicker than the count.
  const high = cx.shared('highSurrogate', '/[\\uD800-\\uDBFF]/');
  const fn = cx.shared(
    'badLength',
    '(text, min, max) => {\n' +
      '  const n = text.length;\n' +
      '  if (n < min || n > 2 * max) return true;\n' +
      '  if (n <= max && n >= 2 * min - 1) return false;\n' +
      `  if (!${high}.test(text)) return n < min || n > max;\n` +
      `  const c = ${count}(text);\n` +
      '  return c < min || c > max;\n' +
      '}',
  );
  const call = `${fn}(${cx.v}, ${min}, ${max ?? 'Infinity'})`;
  if (min >= 2) return call;
  const tests = [...(min === 1 ? [`${cx.v}.length < 1`] : []), ...(max !== undefined ? [`${cx.v}.length > ${max} && ${call}`] : [])];
  return tests.length === 1 ? (tests[0] as string) : `(${tests.join(' || ')})`;
}

/**
 * The reconciled "bounded string, or "" for absent (or null)" field: `anyOf: [{ type: string|[string, null],
 * minLength, maxLength }, { const: "" }, { type: "null" }?]`; as one check (validators.ts emptyOrLength).
 */
export function emptyOrLength(node: JsonSchema): { nullable: boolean; min: number; max: number | undefined } | undefined {
  const options = node.anyOf;
  if (!Array.isArray(options) || options.length < 2 || options.length > 3) return undefined;
  const [bounded, empty, nothing] = options as unknown[];
  if (!isObject(bounded) || !isObject(empty) || Object.keys(empty).length !== 1 || empty['const'] !== '') return undefined;
  if (nothing !== undefined && !(isObject(nothing) && Object.keys(nothing).length === 1 && nothing['type'] === 'null')) return undefined;
  if (!Object.keys(bounded).every((k) => k === 'type' || k === 'minLength' || k === 'maxLength')) return undefined;
  const types = typeof bounded['type'] === 'string' ? [bounded['type']] : Array.isArray(bounded['type']) ? (bounded['type'] as unknown[]) : [];
  if (!types.includes('string') || !types.every((t) => t === 'string' || t === 'null')) return undefined;
  const min = bounded['minLength'];
  const max = bounded['maxLength'];
  if ((min !== undefined && !isCount(min)) || (max !== undefined && !isCount(max))) return undefined;
  return { nullable: nothing !== undefined || types.includes('null'), min: (min as number | undefined) ?? 0, max: max as number | undefined };
}

/** The keywords this emitter builds, in the order their checks are written. */
export const FAST_KEYWORDS: Record<string, FastKeyword> = {
  // Written by the emitter itself (the type test narrows every group after it; $defs become functions).
  type: { group: 'any', supports: (v) => (typeof v === 'string' ? TYPES.has(v) : Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'string' && TYPES.has(t))) },
  $defs: { group: 'any', supports: (v, root) => root && isObject(v) && Object.values(v).every(isSchema) },
  $ref: {
    group: 'any',
    supports: (v) => typeof v === 'string',
    code: (cx) => {
      const fn = cx.refFunction(cx.node.$ref as string) as string;
      return cx.failIf(`!${fn}(${cx.v})`, true);
    },
  },
  const: { group: 'any', supports: isScalar, code: (cx) => cx.failIf(`${cx.v} !== ${literal(cx.node.const)}`) },
  enum: { group: 'any', supports: (v) => Array.isArray(v) && v.every(isScalar), code: (cx) => cx.failIf(`!(${oneOf(cx.node.enum as unknown[], cx.v, cx)})`) },
  minLength: {
    group: 'string',
    supports: isCount,
    code: (cx) => cx.failIf(lengthOutside(cx, cx.node.minLength as number, cx.node.maxLength as number | undefined)),
  },
  maxLength: {
    group: 'string',
    supports: isCount,
    code: (cx) => (cx.node.minLength === undefined ? cx.failIf(lengthOutside(cx, 0, cx.node.maxLength as number)) : []),
  },
  format: {
    group: 'string',
    supports: (v) => typeof v === 'string' && FORMATS.has(v),
    code: (cx) => {
      const format = cx.node.format as string;
      const name = `format${format.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
      return cx.failIf(`!${cx.shared(name, `runtime.formats[${jsString(format)}]`)}(${cx.v})`);
    },
  },
  pattern: {
    group: 'string',
    supports: (v) => {
      if (typeof v !== 'string') return false;
      try {
        new RegExp(v, 'u');
        return true;
      } catch {
        return false;
      }
    },
    code: (cx) => cx.failIf(`!${cx.hoist('pattern', `new RegExp(${jsString(cx.node.pattern)}, "u")`)}.test(${cx.v})`),
  },
  minimum: { group: 'number', supports: isNumber, code: (cx) => cx.failIf(`${cx.v} < ${literal(cx.node.minimum)}`) },
  maximum: { group: 'number', supports: isNumber, code: (cx) => cx.failIf(`${cx.v} > ${literal(cx.node.maximum)}`) },
  exclusiveMinimum: { group: 'number', supports: isNumber, code: (cx) => cx.failIf(`${cx.v} <= ${literal(cx.node.exclusiveMinimum)}`) },
  exclusiveMaximum: { group: 'number', supports: isNumber, code: (cx) => cx.failIf(`${cx.v} >= ${literal(cx.node.exclusiveMaximum)}`) },
  multipleOf: {
    group: 'number',
    supports: (v) => isNumber(v) && (v as number) > 0,
    code: (cx) => {
      const step = cx.node.multipleOf as number;
      const exact = `${cx.helper('isMultipleOf')}(${cx.v}, ${literal(step)})`;
      const places = decimalPlaces(step);
      if (places === undefined) return cx.failIf(`!${exact}`);
      // A power of ten, 10^-k: a multiple when the value writes at most k decimals, which rounding to k
      // decimals keeps exactly while |value| × 10^k < 2^51 (then the error of each step stays below 1/2).
      const scale = 10 ** places;
      return cx.failIf(`Math.abs(${cx.v}) < ${2 ** 51 / scale} ? Math.round(${cx.v} * ${scale}) / ${scale} !== ${cx.v} : !${exact}`);
    },
  },
  // properties, required, patternProperties, additionalProperties: written together by the emitter (objectCode).
  properties: { group: 'object', supports: (v) => isObject(v) && Object.values(v).every(isSchema) },
  required: { group: 'object', supports: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string') },
  patternProperties: { group: 'object', supports: (v) => isObject(v) && Object.values(v).every(isSchema) && Object.keys(v).every((p) => FAST_KEYWORDS['pattern']?.supports(p, false)) },
  additionalProperties: { group: 'object', supports: isSchema },
  minProperties: {
    group: 'object',
    supports: isCount,
    code: (cx) => {
      const min = cx.node.minProperties as number;
      if (min === 0) return [];
      // Object.keys's own enumerable keys, counted only as far as `min` (no array built).
      const hasOwn = cx.helper('hasOwn');
      const fn = cx.shared('fewerKeys', `(o, min) => {\n  let n = 0;\n  for (const key in o) if (${hasOwn}.call(o, key) && ++n >= min) return false;\n  return true;\n}`);
      return cx.failIf(`${fn}(${cx.v}, ${min})`);
    },
  },
  maxProperties: { group: 'object', supports: isCount, code: (cx) => cx.failIf(`Object.keys(${cx.v}).length > ${cx.node.maxProperties}`) },
  minItems: { group: 'array', supports: isCount, code: (cx) => cx.failIf(`${cx.v}.length < ${cx.node.minItems}`) },
  maxItems: { group: 'array', supports: isCount, code: (cx) => cx.failIf(`${cx.v}.length > ${cx.node.maxItems}`) },
  items: {
    group: 'array',
    supports: isSchema,
    code: (cx) => {
      const i = cx.local('i');
      const item = cx.local(`${cx.v.replace(/\$$/, '')}Item`);
      const body = cx.check(cx.node.items, item, cx.fail);
      if (body.length === 0) return [];
      return [`for (let ${i} = 0; ${i} < ${cx.v}.length; ${i}++) {`, ...indent([`const ${item} = ${cx.v}[${i}];`, ...body]), '}'];
    },
  },
  allOf: { group: 'any', supports: isSchemaList, code: (cx) => (cx.node.allOf as unknown[]).flatMap((s) => cx.check(s, cx.v, cx.fail)) },
  anyOf: {
    group: 'any',
    supports: isSchemaList,
    code: (cx) => {
      const short = emptyOrLength(cx.node);
      if (short !== undefined) {
        // "" is allowed, and with min 0 or 1 and no max it is the only string the bounds could refuse.
        const outside = short.min <= 1 && short.max === undefined ? 'false' : lengthOutside(cx, short.min, short.max);
        const string = outside === 'false' ? 'false' : `${cx.v} !== "" && ${outside}`;
        return cx.failIf(`typeof ${cx.v} === "string" ? ${string} : ${short.nullable ? `${cx.v} !== null` : 'true'}`);
      }
      const done = cx.label('anyOf');
      const branches = (cx.node.anyOf as unknown[]).map((s) => branch(cx, s, 'option', [`break ${done};`]));
      return [`${done}: {`, ...indent([...branches.flat(), cx.fail]), '}'];
    },
  },
  oneOf: {
    group: 'any',
    supports: isSchemaList,
    code: (cx) => {
      const passed = cx.local('passed');
      const branches = (cx.node.oneOf as unknown[]).map((s) => branch(cx, s, 'option', [`if (++${passed} > 1) ${cx.fail}`]));
      return [`let ${passed} = 0;`, ...branches.flat(), ...cx.failIf(`${passed} !== 1`)];
    },
  },
  not: {
    group: 'any',
    supports: isSchema,
    code: (cx) => branch(cx, cx.node.not, 'not', [cx.fail]),
  },
};
