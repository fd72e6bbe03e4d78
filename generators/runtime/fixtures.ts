/**
 * The fixtures' run-time module (`fixtures/runtime` of a generated package): test data from a schema,
 * arbitrary valid values and values that break exactly one rule, the same for the same seed on every
 * machine and Node version (integer arithmetic only: no Math.random, no floating point in the random
 * choices, numbers written as exact decimals). Compiled into each shipped form by emit/runtime-build.ts.
 */

/** A schema as the fixtures read it: the strict validator's schema, open lists marked `x-open`, objects the page closes `x-closed`. */
export type FixtureSchema = { [keyword: string]: any };

/** A value that breaks exactly one rule of the strict validator, and which rule. */
export interface InvalidValue {
  /** The value: a JSON value (plain objects and arrays). */
  value: unknown;
  /** The JSON Schema keyword whose rule it breaks: `type`, `required`, `maxLength`, `anyOf`, … */
  keyword: string;
  /** Where, as ValidationError paths read (`transactions[0].amount`); a missing or unknown key's own path. */
  path: string;
  /** The same place as a JSON pointer (`/transactions/0/amount`). */
  pointer: string;
  /** Only the `…Strict` validators check this rule (an unknown key, a value outside an open list): `is…` accepts the value. */
  strictOnly: boolean;
}

/** One example of an object: where it comes from (the page, or an API operation's 2xx example) and the value. */
export interface Example<T> {
  source: string;
  value: T;
}

interface Random {
  root: FixtureSchema;
  next: () => number;
}

interface Site {
  keyword: string;
  pointer: string;
  strictOnly: boolean;
  apply: () => void;
}

const U32 = 4294967296;
const U53 = 9007199254740992;
/** Below this depth every optional field may appear; deeper, only what the schema requires. */
const DEEP = 12;
/** Deeper than this a schema has no finite value (a definition that requires itself). */
const DEEPEST = 64;

/** A 32-bit integer mixer (each bit of the input moves about half of the output's). */
function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The random source of one value: 32-bit outputs of a counter through the mixer, from the seed's two halves. */
function randomOf(root: FixtureSchema, seed: number): Random {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`the seed must be a whole number (got ${String(seed)})`);
  let state = mix((seed % U32 >>> 0) ^ mix((Math.floor(seed / U32) >>> 0) ^ 0x5bd1e995));
  return {
    root,
    next: () => {
      state = (state + 0x9e3779b9) | 0;
      return mix(state);
    },
  };
}

/** A whole number from 0 to n - 1 (n up to 2^53), every one equally likely. */
function below(g: Random, n: number): number {
  if (n <= U32) {
    const limit = U32 - (U32 % n);
    for (;;) {
      const r = g.next();
      if (r < limit) return r % n;
    }
  }
  const limit = U53 - (U53 % n);
  for (;;) {
    const r = (g.next() >>> 11) * U32 + g.next();
    if (r < limit) return r % n;
  }
}

function between(g: Random, lo: number, hi: number): number {
  return lo + below(g, hi - lo + 1);
}

/** True one time in n. */
function oneIn(g: Random, n: number): boolean {
  return below(g, n) === 0;
}

function pick<T>(g: Random, list: readonly T[]): T {
  return list[below(g, list.length)] as T;
}

// ---------------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

/**
 * The schema a (chain of) local `$ref` leads to; `true` and an absent schema allow anything. Keywords
 * beside a `$ref` (the strict schema closes a shared definition where it is used: `properties` of `true`
 * and `additionalProperties: false`) are merged under the definition's own.
 */
function deref(root: FixtureSchema, raw: unknown): FixtureSchema | boolean {
  let node: unknown = raw === undefined ? true : raw;
  let beside: FixtureSchema | undefined;
  for (let hops = 0; isRecord(node) && typeof node['$ref'] === 'string'; hops++) {
    if (hops > 100) throw new RangeError(`the $ref chain at ${node['$ref']} does not end`);
    const { $ref: ref, ...rest } = node;
    if (Object.keys(rest).length > 0) beside = { ...rest, ...beside, ...(rest['additionalProperties'] === false || beside?.['additionalProperties'] === false ? { additionalProperties: false, 'x-closers': closersOf(beside) + closersOf(rest) } : {}) };
    node = resolve(root, ref);
  }
  if (typeof node === 'boolean') return beside === undefined || node === false ? node : beside;
  if (!isRecord(node)) throw new Error('a schema must be an object or a boolean');
  if (beside === undefined) return node;
  const merged = { ...beside, ...node };
  if (beside['additionalProperties'] === false) {
    merged['additionalProperties'] = false;
    merged['x-closers'] = closersOf(beside) + closersOf(node);
  }
  return merged;
}

/** How many schemas close the object (each reports an unknown key on its own). */
function closersOf(s: FixtureSchema | undefined): number {
  if (s === undefined) return 0;
  if (typeof s['x-closers'] === 'number') return s['x-closers'];
  return s['additionalProperties'] === false ? 1 : 0;
}

/** A local `$ref` (`#`, `#/$defs/Name`, any JSON pointer into the schema). */
function resolve(root: FixtureSchema, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`only local $refs are followed (got ${ref})`);
  let node: unknown = root;
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === '') return node;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) || Array.isArray(node) ? (node as { [key: string]: unknown })[key] : undefined;
  }
  if (node === undefined) throw new Error(`the $ref ${ref} leads nowhere`);
  return node;
}

const ANY_TYPES = ['string', 'integer', 'boolean', 'null'];

/** The JSON types a schema allows: its `type`, else what its keywords are about, else any scalar. */
function typesOf(s: FixtureSchema): string[] {
  if (Array.isArray(s['type'])) return s['type'];
  if (typeof s['type'] === 'string') return [s['type']];
  if (['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'].some((k) => k in s)) return ['object'];
  if (['items', 'minItems', 'maxItems'].some((k) => k in s)) return ['array'];
  if (['minLength', 'maxLength', 'format'].some((k) => k in s)) return ['string'];
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in s)) return ['number'];
  return ANY_TYPES;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/** Length in code points, as JSON Schema counts it. */
function lengthOf(text: string): number {
  return Array.from(text).length;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

function copy<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** Set a key as an own data property (a key named `__proto__` stays a key). */
function put(target: { [key: string]: unknown } | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------------

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
// Characters that trip code: quotes, a backslash, accents, CJK, a line separator, two outside the BMP (two UTF-16 units, one code point).
const SPECIAL = [' ', '-', '_', '.', '@', '"', '\\', '/', '\u00e9', '\u00f1', '\u00df', '\u4e2d', '\u20ac', '\u2028', '\ud83d\ude00', '\ud834\udd1e'];

/** `length` code points, mostly letters and digits. */
function text(g: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += oneIn(g, 8) ? pick(g, SPECIAL) : PLAIN.charAt(below(g, PLAIN.length));
  return out;
}

/** `length` ASCII letters: never a date or a date-time. */
function letters(g: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PLAIN.charAt(below(g, 52));
  return out;
}

/** A length from min to max, the bounds themselves often. */
function lengthIn(g: Random, min: number, max: number): number {
  const top = Math.min(max, min + 40);
  if (max > top && max - min <= 1000 && oneIn(g, 32)) return max;
  const r = below(g, 8);
  if (r === 0) return min;
  if (r === 1) return top;
  return between(g, min, top);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar date, `YYYY-MM-DD`; now and then a 29 February. */
function date(g: Random): string {
  if (oneIn(g, 16)) return `${pick(g, [1904, 1996, 2000, 2024, 2028])}-02-29`;
  const year = between(g, 1970, 2099);
  const month = between(g, 1, 12);
  return `${year}-${pad(month, 2)}-${pad(between(g, 1, daysIn(year, month)), 2)}`;
}

/** An RFC 3339 date-time of exactly `length` characters (20, or 22 and more), or undefined when there is none. */
function dateTime(g: Random, length: number): string | undefined {
  // [fraction digits, zone length]: `Z` is 1, `+hh:mm` 6; a fraction is a point and at least one digit.
  const shapes: [number, number][] = [];
  if (length === 20) shapes.push([0, 1]);
  if (length >= 22) shapes.push([length - 21, 1]);
  if (length === 25) shapes.push([0, 6]);
  if (length >= 27) shapes.push([length - 26, 6]);
  if (shapes.length === 0) return undefined;
  const [digits, zone] = pick(g, shapes);
  let out = `${date(g)}T${pad(between(g, 0, 23), 2)}:${pad(between(g, 0, 59), 2)}:${pad(between(g, 0, 59), 2)}`;
  if (digits > 0) {
    out += '.';
    for (let i = 0; i < digits; i++) out += String(below(g, 10));
  }
  return out + (zone === 1 ? 'Z' : `${oneIn(g, 2) ? '+' : '-'}${pad(between(g, 0, 23), 2)}:${pad(between(g, 0, 59), 2)}`);
}

/** A string of exactly `length` code points that the schema's format accepts, or undefined when there is none. */
function stringOfLength(g: Random, s: FixtureSchema, length: number): string | undefined {
  if (s['format'] === 'date') return length === 10 ? date(g) : undefined;
  if (s['format'] === 'date-time') return dateTime(g, length);
  return text(g, length);
}

function stringFor(g: Random, s: FixtureSchema): string {
  const min = typeof s['minLength'] === 'number' ? s['minLength'] : 0;
  const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : Infinity;
  if (s['format'] === 'date-time') {
    const lo = Math.max(min, 20);
    const hi = Math.min(max, lo + 12);
    for (let tries = 0; tries < 8 && lo <= hi; tries++) {
      const found = dateTime(g, between(g, lo, hi));
      if (found !== undefined) return found;
    }
  }
  if (s['format'] === 'date' && min <= 10 && max >= 10) return date(g);
  // A length no string of the format has: the schema accepts nothing, and this value shows it.
  if (s['format'] === 'date' || s['format'] === 'date-time') return text(g, min);
  return text(g, lengthIn(g, min, max));
}

// ---------------------------------------------------------------------------------------------------
// Numbers: k × step, written as the exact decimal (k × digits)e(exponent), so `multipleOf` holds exactly
// ---------------------------------------------------------------------------------------------------

/** A finite number's shortest form as an exact decimal: digits × 10^exponent. */
function decimal(n: number): { digits: bigint; exponent: number } {
  const written = String(n);
  const e = written.indexOf('e');
  const mantissa = e < 0 ? written : written.slice(0, e);
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? '' : mantissa.slice(dot + 1);
  return { digits: BigInt(dot < 0 ? mantissa : mantissa.slice(0, dot) + fraction), exponent: (e < 0 ? 0 : Number(written.slice(e + 1))) - fraction.length };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== BigInt(0)) [a, b] = [b, a % b];
  return a;
}

/** The spacing of the numbers a schema allows: `multipleOf` (for integers, its smallest whole multiple), else 1 or a power of ten. */
function stepOf(g: Random | undefined, s: FixtureSchema, integer: boolean): { digits: bigint; exponent: number } {
  if (typeof s['multipleOf'] === 'number') {
    const m = decimal(s['multipleOf']);
    if (!integer) return m;
    if (m.exponent >= 0) return { digits: m.digits * BigInt(10) ** BigInt(m.exponent), exponent: 0 };
    return { digits: m.digits / gcd(m.digits, BigInt(10) ** BigInt(-m.exponent)), exponent: 0 };
  }
  if (integer || g === undefined) return { digits: BigInt(1), exponent: 0 };
  return { digits: BigInt(1), exponent: -pick(g, [0, 0, 1, 2, 2, 3, 4, 6]) };
}

function numberAt(k: number | bigint, step: { digits: bigint; exponent: number }): number {
  return Number(`${BigInt(k) * step.digits}e${step.exponent}`);
}

/** Keeps every number within 15 significant digits, where its shortest form is the decimal it was written as. */
const DIGITS_15 = 999999999999999;

interface Bounds {
  lo?: number | undefined;
  loOpen?: boolean | undefined;
  hi?: number | undefined;
  hiOpen?: boolean | undefined;
}

function boundsOf(s: FixtureSchema): Bounds {
  const b: Bounds = {};
  if (typeof s['minimum'] === 'number') b.lo = s['minimum'];
  if (typeof s['exclusiveMinimum'] === 'number' && (b.lo === undefined || s['exclusiveMinimum'] >= b.lo)) {
    b.lo = s['exclusiveMinimum'];
    b.loOpen = true;
  }
  if (typeof s['maximum'] === 'number') b.hi = s['maximum'];
  if (typeof s['exclusiveMaximum'] === 'number' && (b.hi === undefined || s['exclusiveMaximum'] <= b.hi)) {
    b.hi = s['exclusiveMaximum'];
    b.hiOpen = true;
  }
  return b;
}

function within(n: number, b: Bounds): boolean {
  if (!Number.isFinite(n)) return false;
  if (b.lo !== undefined && (b.loOpen ? n <= b.lo : n < b.lo)) return false;
  return !(b.hi !== undefined && (b.hiOpen ? n >= b.hi : n > b.hi));
}

/** The smallest k whose number is within the lower bound (or the largest within the upper one, `up` false). */
function edge(b: Bounds, step: { digits: bigint; exponent: number }, up: boolean, cap: number): number | undefined {
  const bound = up ? b.lo : b.hi;
  if (bound === undefined) return undefined;
  const unit = numberAt(1, step);
  let k = Math.max(-cap, Math.min(cap, up ? Math.ceil(bound / unit) : Math.floor(bound / unit)));
  // The division is in floating point: walk to the exact edge.
  const side: Bounds = up ? { lo: b.lo, loOpen: b.loOpen } : { hi: b.hi, hiOpen: b.hiOpen };
  for (let i = 0; i < 4 && !within(numberAt(k, step), side); i++) k += up ? 1 : -1;
  for (let i = 0; i < 4 && within(numberAt(k + (up ? -1 : 1), step), side) && Math.abs(k) < cap; i++) k += up ? -1 : 1;
  return k;
}

function numberFor(g: Random, s: FixtureSchema, integer: boolean): number {
  const step = stepOf(g, s, integer);
  const b = boundsOf(s);
  const cap = Math.floor(DIGITS_15 / Number(step.digits));
  const unit = numberAt(1, step);
  const span = Math.max(1, Math.min(cap, Math.round(pick(g, [10, 1000, 1000000, 1000000000]) / unit)));
  const lo = edge(b, step, true, cap);
  const hi = edge(b, step, false, cap);
  const from = lo !== undefined ? lo : hi !== undefined ? Math.max(-cap, hi - span) : -span;
  const to = hi !== undefined ? hi : lo !== undefined ? Math.min(cap, lo + span) : span;
  if (from > to) return numberAt(from, step);
  const r = below(g, 8);
  const k = r === 0 ? from : r === 1 ? to : r === 2 && from <= 0 && to >= 0 ? 0 : between(g, from, to);
  return numberAt(k, step);
}

// ---------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------

/** A value the schema accepts (with `…Strict`'s answers: closed objects, listed values only). */
function valueFor(g: Random, raw: unknown, depth: number): unknown {
  if (depth > DEEPEST) throw new RangeError(`no finite value: the schema requires itself more than ${DEEPEST} levels deep`);
  const s = deref(g.root, raw);
  if (s === true) return pick(g, [text(g, between(g, 0, 8)), between(g, -1000, 1000), oneIn(g, 2), null]);
  if (s === false) throw new Error('a schema that allows nothing (false) has no value');
  if (Array.isArray(s['anyOf'])) {
    let options = s['anyOf'];
    // Deep down, an alternative that ends (null, a constant, a scalar) before one that goes on.
    if (depth >= DEEP) {
      const ends = options.filter((alt: unknown) => {
        const a = deref(g.root, alt);
        return a !== true && a !== false && !typesOf(a).some((t) => t === 'object' || t === 'array');
      });
      if (ends.length > 0) options = ends;
    }
    return valueFor(g, pick(g, options), depth + 1);
  }
  if ('const' in s) return copy(s['const']);
  if (Array.isArray(s['enum'])) {
    const fitting = s['enum'].filter((v: unknown) => typesOf(s).some((t) => hasType(v, t) || (t === 'number' && hasType(v, 'integer'))) && lengthFits(v, s));
    return copy(fitting.length > 0 ? pick(g, fitting) : s['enum'][0]);
  }
  const types = typesOf(s);
  const type = depth >= DEEP && types.includes('null') ? 'null' : pick(g, types);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return oneIn(g, 2);
    case 'integer':
    case 'number':
      return numberFor(g, s, type === 'integer');
    case 'string':
      return stringFor(g, s);
    case 'array':
      return arrayFor(g, s, depth);
    case 'object':
      return objectFor(g, s, depth);
    default:
      throw new Error(`unknown type ${String(type)}`);
  }
}

function lengthFits(v: unknown, s: FixtureSchema): boolean {
  if (typeof v !== 'string') return true;
  const n = lengthOf(v);
  return !(typeof s['minLength'] === 'number' && n < s['minLength']) && !(typeof s['maxLength'] === 'number' && n > s['maxLength']);
}

function arrayFor(g: Random, s: FixtureSchema, depth: number): unknown[] {
  const min = typeof s['minItems'] === 'number' ? s['minItems'] : 0;
  const max = typeof s['maxItems'] === 'number' ? s['maxItems'] : Infinity;
  const count = depth >= DEEP || oneIn(g, 4) ? min : between(g, min, Math.min(max, min + 3));
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(valueFor(g, s['items'], depth + 1));
  return out;
}

function objectFor(g: Random, s: FixtureSchema, depth: number): { [key: string]: unknown } {
  const properties: { [key: string]: unknown } = isRecord(s['properties']) ? s['properties'] : {};
  const required = new Set<string>(Array.isArray(s['required']) ? s['required'] : []);
  const names = Object.keys(properties).filter((name) => properties[name] !== false);
  // Now and then only the required fields, or every field; otherwise each optional one half the time.
  const mode = below(g, 8);
  const chosen = new Set(names.filter((name) => required.has(name) || (depth < DEEP && mode !== 0 && (mode === 1 || oneIn(g, 2)))));
  const min = typeof s['minProperties'] === 'number' ? s['minProperties'] : 0;
  const max = typeof s['maxProperties'] === 'number' ? s['maxProperties'] : Infinity;
  for (const name of names) if (chosen.size < min) chosen.add(name);
  for (const name of [...names].reverse()) if (chosen.size > max && !required.has(name)) chosen.delete(name);
  const out: { [key: string]: unknown } = {};
  for (const name of names) if (chosen.has(name)) put(out, name, valueFor(g, properties[name], depth + 1));
  const extra = isRecord(s['additionalProperties']) || s['additionalProperties'] === true ? s['additionalProperties'] : undefined;
  // A required key the schema lists nowhere else: a value of its additional properties' schema.
  for (const name of required) if (!hasOwn(out, name)) put(out, name, valueFor(g, extra ?? true, depth + 1));
  if (extra !== undefined && names.length === 0 && depth < DEEP) {
    const count = Math.min(max - Object.keys(out).length, below(g, 3));
    for (let i = 0; i < count; i++) put(out, `key_${letters(g, 4)}`, valueFor(g, extra, depth + 1));
  }
  return out;
}

/** An arbitrary value the schema accepts, the same for the same seed. */
export function arbitrary(root: FixtureSchema, seed: number): unknown {
  return valueFor(randomOf(root, seed), root, 0);
}

// ---------------------------------------------------------------------------------------------------
// Invalid values: an arbitrary value, then one rule broken at one place
// ---------------------------------------------------------------------------------------------------

/** Values of each JSON type, to put where another type is expected. */
const WRONG: unknown[] = [null, true, 'text', 7, 0.5, {}, []];

/** Does the schema reject the value whatever else holds (by its type, constant or closed list)? Open lists count as open. */
function rejects(root: FixtureSchema, raw: unknown, value: unknown, depth: number): boolean {
  const s = deref(root, raw);
  if (s === true || depth > 16) return false;
  if (s === false) return true;
  if (Array.isArray(s['anyOf']) && s['anyOf'].every((alt: unknown) => rejects(root, alt, value, depth + 1))) return true;
  if ('const' in s && !sameJson(s['const'], value)) return true;
  if (Array.isArray(s['enum']) && s['x-open'] !== true && !s['enum'].some((v: unknown) => sameJson(v, value))) return true;
  const types = Array.isArray(s['type']) ? s['type'] : typeof s['type'] === 'string' ? [s['type']] : undefined;
  return types !== undefined && !types.some((t: string) => hasType(value, t));
}

const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const STRING_KEYWORDS = ['minLength', 'maxLength', 'format', 'pattern'];
const OBJECT_KEYWORDS = ['required', 'minProperties', 'maxProperties'];
const ARRAY_KEYWORDS = ['minItems', 'maxItems'];

/** Every way to break one rule at this place and below. */
function sitesOf(g: Random, holder: { [key: string]: unknown } | unknown[], key: string | number, raw: unknown, pointer: string, sites: Site[]): void {
  const value = (holder as { [key: string]: unknown })[key as string];
  const s = deref(g.root, raw);
  if (s === true || s === false) return;
  const add = (keyword: string, at: string, apply: () => void, strictOnly = false) => void sites.push({ keyword, pointer: at, strictOnly, apply });
  const replace = (make: () => unknown) => () => put(holder, key, make());
  if (Array.isArray(s['anyOf'])) {
    // A value of a type no alternative takes: each alternative's reasons are then all about this place.
    const wrong = WRONG.filter((v) => s['anyOf'].every((alt: unknown) => rejects(g.root, alt, v, 0)));
    if (wrong.length > 0) add('anyOf', pointer, replace(() => copy(pick(g, wrong))));
    return;
  }
  const types = Array.isArray(s['type']) ? s['type'] : typeof s['type'] === 'string' ? [s['type']] : undefined;
  const listed = Array.isArray(s['enum']) || 'const' in s;
  const about = (keywords: string[]) => keywords.some((k) => k in s);
  if (types !== undefined && !listed) {
    // A value of another type, which no keyword about its own type then checks.
    const checked = (v: unknown) =>
      (typeof v === 'number' && about(NUMBER_KEYWORDS)) ||
      (typeof v === 'string' && about(STRING_KEYWORDS)) ||
      (isRecord(v) && about(OBJECT_KEYWORDS)) ||
      (Array.isArray(v) && about(ARRAY_KEYWORDS));
    const wrong = WRONG.filter((v) => !types.some((t: string) => hasType(v, t)) && !checked(v));
    if (wrong.length > 0) add('type', pointer, replace(() => copy(pick(g, wrong))));
  }
  const allows = (type: string) => types === undefined || types.includes(type);
  if (typeof value === 'string' && allows('string')) {
    const min = typeof s['minLength'] === 'number' ? s['minLength'] : 0;
    const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : undefined;
    if (!listed) {
      const short = min > 0 ? stringOfLength(g, s, min - 1) : undefined;
      if (short !== undefined) add('minLength', pointer, replace(() => short));
      const long = max !== undefined ? stringOfLength(g, s, max + 1) : undefined;
      if (long !== undefined) add('maxLength', pointer, replace(() => long));
      if (s['format'] === 'date' || s['format'] === 'date-time') add('format', pointer, replace(() => letters(g, lengthIn(g, min, max ?? min + 30))));
    } else if (Array.isArray(s['enum']) && !('const' in s) && s['format'] === undefined) {
      const listedValues = s['enum'];
      const other = (): string => {
        for (let tries = 0; tries < 1000; tries++) {
          const candidate = text(g, lengthIn(g, min, max ?? min + 12));
          if (!listedValues.includes(candidate)) return candidate;
        }
        throw new Error('every string of the allowed lengths is listed');
      };
      if (max === undefined || max > 0 || !listedValues.includes('')) add('enum', pointer, replace(other), s['x-open'] === true);
    } else if (typeof s['const'] === 'string' && !Array.isArray(s['enum']) && min === 0 && max === undefined && s['format'] === undefined) {
      add('const', pointer, replace(() => `${s['const']}x`));
    }
  }
  if (typeof value === 'number' && (allows('number') || allows('integer')) && !listed) numberSites(s, types, value, pointer, add, replace);
  if (isRecord(value) && allows('object')) {
    const properties: { [key: string]: unknown } = isRecord(s['properties']) ? s['properties'] : {};
    const count = Object.keys(value).length;
    const min = typeof s['minProperties'] === 'number' ? s['minProperties'] : 0;
    const max = typeof s['maxProperties'] === 'number' ? s['maxProperties'] : Infinity;
    const required: string[] = Array.isArray(s['required']) ? s['required'] : [];
    for (const name of required) {
      if (hasOwn(value, name) && count - 1 >= min) add('required', `${pointer}/${escapeToken(name)}`, () => void delete value[name]);
    }
    if (s['additionalProperties'] === false && closersOf(s) === 1 && count + 1 <= max) {
      let name = 'unknown';
      for (let i = 2; hasOwn(properties, name) || hasOwn(value, name); i++) name = `unknown${i}`;
      add('additionalProperties', `${pointer}/${escapeToken(name)}`, () => put(value, name, null), s['x-closed'] !== true);
    }
    if (min > 0 && required.length === 0) add('minProperties', pointer, replace(() => ({})));
    for (const name of Object.keys(value)) {
      if (hasOwn(properties, name)) sitesOf(g, value, name, properties[name], `${pointer}/${escapeToken(name)}`, sites);
    }
  }
  if (Array.isArray(value) && allows('array')) {
    const min = typeof s['minItems'] === 'number' ? s['minItems'] : 0;
    if (min > 0) add('minItems', pointer, () => void (value.length = min - 1));
    if (typeof s['maxItems'] === 'number') {
      const max = s['maxItems'];
      add('maxItems', pointer, () => {
        while (value.length <= max) value.push(valueFor(g, s['items'], 1));
      });
    }
    for (let i = 0; i < value.length; i++) sitesOf(g, value, i, s['items'], `${pointer}/${i}`, sites);
  }
}

/** Numbers just outside the bounds, and off the `multipleOf` grid, of the allowed type. */
function numberSites(
  s: FixtureSchema,
  types: string[] | undefined,
  value: number,
  pointer: string,
  add: (keyword: string, at: string, apply: () => void) => void,
  replace: (make: () => unknown) => () => void,
): void {
  const integer = types !== undefined && types.includes('integer') && !types.includes('number');
  const step = stepOf(undefined, s, integer);
  const b = boundsOf(s);
  const cap = Math.floor(DIGITS_15 / Number(step.digits));
  const fits = (n: number) => Number.isFinite(n) && (!integer || Number.isInteger(n));
  const lo = edge(b, step, true, cap);
  if (lo !== undefined && Math.abs(lo - 1) <= cap) {
    const n = numberAt(lo - 1, step);
    if (fits(n) && !within(n, { lo: b.lo, loOpen: b.loOpen })) add(typeof s['exclusiveMinimum'] === 'number' && b.loOpen ? 'exclusiveMinimum' : 'minimum', pointer, replace(() => n));
  }
  const hi = edge(b, step, false, cap);
  if (hi !== undefined && Math.abs(hi + 1) <= cap) {
    const n = numberAt(hi + 1, step);
    if (fits(n) && !within(n, { hi: b.hi, hiOpen: b.hiOpen })) add(typeof s['exclusiveMaximum'] === 'number' && b.hiOpen ? 'exclusiveMaximum' : 'maximum', pointer, replace(() => n));
  }
  if (typeof s['multipleOf'] === 'number') {
    const m = decimal(s['multipleOf']);
    const k = Math.round(value / numberAt(1, m));
    // Half a step beside the value: (2k ± 1) × step / 2, never a multiple of the step (within 15 digits, so
    // the number is that decimal exactly). For integers, one beside it.
    const half = (j: number) => {
      const digits = BigInt(j) * BigInt(5) * m.digits;
      return (digits < BigInt(0) ? -digits : digits) <= BigInt(DIGITS_15) ? numberAt(digits, { digits: BigInt(1), exponent: m.exponent - 1 }) : NaN;
    };
    const candidates = integer ? (m.exponent >= 0 && s['multipleOf'] >= 2 ? [value + 1, value - 1] : []) : [half(2 * k + 1), half(2 * k - 1)];
    const n = candidates.find((c) => fits(c) && within(c, b) && Math.abs(c) <= DIGITS_15);
    if (n !== undefined) add('multipleOf', pointer, replace(() => n));
  }
}

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSON pointer as ValidationError paths read: `a.b[0]["odd key"]` (array indexes told from keys by the value). */
function pathOf(value: unknown, pointer: string): string {
  let path = '';
  let node = value;
  if (pointer === '') return path;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) path += `[${key}]`;
    else if (IDENTIFIER.test(key)) path += path === '' ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
    node = isRecord(node) || Array.isArray(node) ? (node as { [key: string]: unknown })[key] : undefined;
  }
  return path;
}

/**
 * A value that breaks exactly one rule of the schema (its `…Strict` validator's), the same for the same
 * seed: an arbitrary value with one rule broken at one place, the rule drawn first (so rare rules come up
 * as often as common ones), then the place.
 */
export function invalid(root: FixtureSchema, seed: number): InvalidValue {
  const g = randomOf(root, seed);
  const holder: { [key: string]: unknown } = { value: valueFor(g, root, 0) };
  const sites: Site[] = [];
  sitesOf(g, holder, 'value', root, '', sites);
  if (sites.length === 0) throw new Error('the schema has no rule an arbitrary value of it can break');
  const keyword = pick(g, [...new Set(sites.map((site) => site.keyword))].sort());
  const site = pick(g, sites.filter((s) => s.keyword === keyword));
  site.apply();
  return { value: holder['value'], keyword, path: pathOf(holder['value'], site.pointer), pointer: site.pointer, strictOnly: site.strictOnly };
}
