/**
 * The error-collecting validators' oracle and the ways the tests ask a generated package for its issues, shared
 * by errors-differential.test.ts (the corpus and hand-written schemas) and full-adversarial.test.ts (random
 * schemas and hostile values): `ajv.compile` with `allErrors` of the schema each flavour checks (validatedSchemas
 * of protoAsPattern), `multipleOf` judged exactly (exact-decimal.ts), worded by the runtime's own `issuesOf`; and
 * seeded changes of a value (a key dropped or added, a wrong type, a long string, …).
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { protoAsPattern } from '../../generators/emit/proto-keys.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import { fastUnsupported } from '../../generators/emit/fast.js';
import { issuesOf, type ValidationIssue } from '../../generators/runtime/validation.js';
import type { JsonSchema } from '../../generators/types.js';
import type { Api } from './code-helpers.js';
import { emptyNameRequired, exactAjv } from './exact-decimal.js';
import { mapSchema } from '../../generators/schema/walk.js';

// ---------------------------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------------------------

export type Flavour = 'loose' | 'strict';

/**
 * `ajv.compile` (allErrors, exact multipleOf) of the schema each flavour checks. An empty name in `required`:
 * with `allErrors` AJV checks each name on its own and reports "" in the list's order; its fail-fast code joins
 * the names in one `||` chain where the assignment `missing = ""` is falsy, so it passes over "" (AJV's
 * vocabularies/code.ts checkMissingProp). AJV compiles the inline subschema of `not` fail-fast whatever the
 * option (vocabularies/applicator/not.ts: `allErrors: false`), so there, and only there, "" is checked with
 * exact-decimal.ts emptyNameRequired (a keyword of its own; where it reports does not matter inside `not`,
 * whose errors are dropped). Rewriting the whole schema reported "" after the object's `properties` and
 * `patternProperties`, where no `required` error belongs.
 */
export function oracleOf(schema: JsonSchema): Record<Flavour, ValidateFunction> {
  const { loose, strict } = validatedSchemas(protoAsPattern(asBuilt(schema)));
  const compile = (s: JsonSchema): ValidateFunction => exactAjv({ allErrors: true }).compile(emptyNameRequiredInNot(s));
  return { loose: compile(loose), strict: compile(strict) };
}

/** emptyNameRequired on the inline subschema of each `not` (a `$ref`'d definition is compiled with `allErrors`). */
function emptyNameRequiredInNot(schema: JsonSchema): JsonSchema {
  if (!JSON.stringify(schema).includes('""')) return schema;
  return mapSchema(schema, (node) => (typeof node.not === 'object' && node.not !== null ? { ...node, not: emptyNameRequired(node.not as JsonSchema) } : node));
}

/** AJV's errors for a value (none when valid). */
export function ajvErrors(validate: ValidateFunction, value: unknown): ErrorObject[] {
  return validate(value) === true ? [] : (validate.errors ?? []);
}

/** The keys from the value down to where an error is (a missing or unknown key's own), array indexes as numbers. */
export function keyPath(value: unknown, error: ErrorObject): (string | number)[] {
  const tokens = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = error.keyword === 'required' ? error.params['missingProperty'] : error.keyword === 'additionalProperties' ? error.params['additionalProperty'] : undefined;
  const path: (string | number)[] = [];
  let node = value;
  for (const token of tokens) {
    path.push(Array.isArray(node) ? Number(token) : token);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined;
  }
  if (key !== undefined) path.push(String(key));
  return path;
}

// ---------------------------------------------------------------------------------------------------------
// What the generated package answers
// ---------------------------------------------------------------------------------------------------------

/** The issues `assert…` throws ([] when it returns); anything else it throws, as text. */
export function thrown(api: Api, fn: string, value: unknown): ValidationIssue[] | string {
  try {
    api[fn](value);
    return [];
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    return error instanceof Error && error.name === 'ValidationError' && Array.isArray(errors) ? (errors as ValidationIssue[]) : `threw ${String(error)}`;
  }
}

/** `safeParse…`'s issues ([] on success, where `data` must be the parsed value). */
export function safeParsed(api: Api, fn: string, text: string): ValidationIssue[] | string {
  const result = api[fn](text) as { success: boolean; data?: unknown; issues?: ValidationIssue[] };
  if (!result.success) return result.issues ?? 'no issues';
  return JSON.stringify(result.data) === text ? [] : 'success with other data';
}

/** `~standard.validate`'s issues ([] when it gives the value back). */
export function standardIssues(api: Api, schema: string, value: unknown): { message: string; path: (string | number)[] }[] | string {
  const result = api[schema]['~standard'].validate(value) as { value?: unknown; issues?: { message: string; path: (string | number)[] }[] };
  if (result.issues !== undefined) return result.issues.map((i) => ({ message: i.message, path: [...i.path] }));
  return Object.is(result.value, value) ? [] : 'valid, with another value';
}

/** A value as a row label: JSON where it can be, with what JSON loses spelled out. */
export function show(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${String(v)}>`;
    if (Object.is(v, -0)) return '<-0>';
    if (v === undefined) return '<undefined>';
    if (typeof v === 'bigint') return `<${String(v)}n>`;
    return v;
  });
  return text === undefined ? String(value) : text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * The loose list must be the loose schema's own, also where an unknown key fails a branch of a composite in the
 * strict schema only (a reconciled array-or-object field such as `installments` and `transactions` whose item
 * has a key the page lacks; a `oneOf` whose branches declare objects, closed copies of which the strict schema
 * adds): such a branch passes in the loose run. AJV's standalone code, which built the loose list as the strict
 * one without its unknown-key errors, got these wrong (OneOfNested, AnyOfClosedBranch).
 */

export interface Tally {
  /** Values checked (per flavour), how many the oracle rejects and accepts, and the checks made (assert…, safeParse…, ~standard). */
  values: number;
  invalid: number;
  valid: number;
  comparisons: number;
  /** Every keyword the oracle reported. */
  keywords: Set<string>;
  /** Answers that are not the oracle's (the first few). */
  failed: unknown[];
  /** Values the oracle itself threw on (the first few), not compared: what it threw, and the value. */
  oracleThrew: { error: string; value: string }[];
}

export const newTally = (): Tally => ({ values: 0, invalid: 0, valid: 0, comparisons: 0, keywords: new Set(), failed: [], oracleThrew: [] });

/** The oracle's errors, or what it threw (its compiled code can throw: see full-adversarial.test.ts, AJV's own bugs). */
function oracleErrors(validate: ValidateFunction, value: unknown, tally: Tally): ErrorObject[] | undefined {
  try {
    return ajvErrors(validate, value);
  } catch (error) {
    if (tally.oracleThrew.length < 8) tally.oracleThrew.push({ error: String(error), value: show(value) });
    return undefined;
  }
}

/** Compare every way the package reports the value's problems, in one flavour, with the oracle's. */
export function compare(api: Api, name: string, oracle: Record<Flavour, ValidateFunction>, flavour: Flavour, value: unknown, label: string, tally: Tally): void {
  const suffix = flavour === 'strict' ? 'Strict' : '';
  /** One check: the answer must be the oracle's (`view`: the errors in the form of that answer). */
  const check = (what: string, errors: ErrorObject[], view: (errors: ErrorObject[]) => unknown, got: unknown): void => {
    tally.comparisons++;
    const expected = view(errors);
    if (isDeepStrictEqual(got, expected)) return;
    const entry = { name, what, label, value: show(value), expected, got };
    if (tally.failed.length < 8) tally.failed.push(entry);
  };
  const errors = oracleErrors(oracle[flavour], value, tally);
  if (errors === undefined) return;
  tally.values++;
  if (errors.length > 0) tally.invalid++;
  else tally.valid++;
  for (const e of errors) tally.keywords.add(e.keyword);
  check(`assert${name}${suffix}`, errors, (list) => issuesOf(list, value), thrown(api, `assert${name}${suffix}`, value));
  const standard = (list: ErrorObject[]): unknown => issuesOf(list, value).map((issue, i) => ({ message: issue.message, path: keyPath(value, list[i] as ErrorObject) }));
  check(`${name}${suffix}Schema['~standard'].validate`, errors, standard, standardIssues(api, `${name}${suffix}Schema`, value));
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    const parsed: unknown = JSON.parse(text);
    const fromJson = oracleErrors(oracle[flavour], parsed, tally);
    if (fromJson === undefined) return;
    check(`safeParse${name}${suffix}`, fromJson, (list) => issuesOf(list, parsed), safeParsed(api, `safeParse${name}${suffix}`, text));
    check(`parse${name}${suffix}`, fromJson, (list) => issuesOf(list, parsed), thrown(api, `parse${name}${suffix}`, text));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Values: seeded changes of a value
// ---------------------------------------------------------------------------------------------------------

/** A small seeded random source (xorshift32), so every run sees the same values. */
export function randomSource(seed: number): (n: number) => number {
  let state = (seed * 0x9e3779b9) ^ 0x5bd1e995 || 1;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Set a key as an own property, `__proto__` included. */
function put(holder: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A deep copy of a JSON-like value that keeps keys such as `__proto__` as own properties. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) put(out, key, copy(value[key]));
  return out;
}

/** Every place in a value: the holder and key of each node (the value itself under `holder.value`). */
function places(holder: Record<string, unknown> | unknown[], key: string | number, out: { holder: Record<string, unknown> | unknown[]; key: string | number }[]): void {
  out.push({ holder, key });
  const node = (holder as Record<string, unknown>)[key];
  if (Array.isArray(node)) node.forEach((_, i) => places(node, i, out));
  else if (isRecord(node)) for (const k of Object.keys(node)) places(node, k, out);
}

const WRONG: unknown[] = [null, true, 'text', 7, 0.5, -1, {}, [], ''];
const LONG = ['x'.repeat(40), 'x'.repeat(300), '😀'.repeat(4), '\ud83d'.repeat(3), 'ab\udc00'];
const BAD_DATES = ['2023-02-29', '2024-13-01', '2024-01-01T24:00:00Z', '2024-01-01 10:00:00', '2024-06-31T10:00:00+01:00', 'yesterday'];
const NUMBERS = [-1, 0, -0, 0.5, 19.995, 1000.18, 1e-7, 1e21, 2 ** 53 + 2, 123456789];

/** `anything()` values of fast-check, drawn once with a fixed seed. */
export const ANYTHING = fc.sample(fc.anything(), { seed: 20261206, numRuns: 400 });

/**
 * The value changed `count` ways at seeded places: a key dropped, a wrong type, a long string (surrogate
 * pairs and lone surrogates too), an unknown key, an unlisted string, a bad date, a number off its bounds or
 * grid, an array emptied or grown, an `anything()` value put in.
 */
export function mutated(value: unknown, seed: number, count: number): unknown {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[random(list.length)] as T;
  const root = { value: copy(value) };
  for (let n = 0; n < count; n++) {
    const all: { holder: Record<string, unknown> | unknown[]; key: string | number }[] = [];
    places(root, 'value', all);
    const { holder, key } = pick(all);
    const node = (holder as Record<string, unknown>)[key];
    const change = random(9);
    if (change === 0 && holder !== root && isRecord(holder)) delete holder[key as string];
    else if (change === 1 && typeof node === 'string') put(holder, key, pick(LONG));
    else if (change === 2 && isRecord(node)) put(node, pick(['unknown_key', 'constructor', '__proto__', 'a/b']), pick(WRONG));
    else if (change === 3 && typeof node === 'string') put(holder, key, pick(['NOT_A_LISTED_VALUE', node.toLowerCase(), `${node} `]));
    else if (change === 4 && typeof node === 'string') put(holder, key, pick(BAD_DATES));
    else if (change === 5 && typeof node === 'number') put(holder, key, pick(NUMBERS));
    else if (change === 6 && Array.isArray(node)) put(holder, key, node.length === 0 ? [pick(WRONG)] : random(2) === 0 ? [] : [...node, ...node, ...node, node[0]]);
    else if (change === 7) put(holder, key, copy(pick(ANYTHING)));
    else put(holder, key, copy(pick(WRONG.filter((w) => typeof w !== typeof node || Array.isArray(w) !== Array.isArray(node)))));
  }
  return root.value;
}

/** The value unchanged, then changed once, twice and three times, `per` values in all. */
export function variants(value: unknown, seed: number, per: number): unknown[] {
  const out = [value];
  for (let i = 1; i < per; i++) out.push(mutated(value, seed * 1000 + i, 1 + (i % 3)));
  return out;
}

/** The schema as buildValidators hands it to the emitters: without the root's `$id` and `$schema` (no remote references here). */
export function asBuilt(schema: JsonSchema): JsonSchema {
  const { $id: _id, $schema: _schema, ...rest } = schema;
  return rest;
}

/** The first keyword our emitters do not build in either flavour's schema, null when none. */
export function outsideSubset(schema: JsonSchema): string | null {
  const { loose, strict } = validatedSchemas(protoAsPattern(asBuilt(schema)));
  return fastUnsupported(loose) ?? fastUnsupported(strict) ?? null;
}
