/**
 * Compare two canonical schemas of one object and classify every change twice, for the types and for
 * the validators, by the named rules of `rules.ts`. The walk pairs the two schemas node by node
 * (properties by name, array items, `$defs` by name, `anyOf`/`oneOf` alternatives as a set); a change
 * inside a named definition is reported once, at the definition.
 */
import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema, JsonType } from '../types.js';
import { CHANGE_RULES, type ChangeRuleName, type Effect } from './rules.js';

export interface Change {
  /** The object's type name (`CustomerSession`). */
  object: string;
  /** Where: a field path (`customer.email`, `items[]`), a definition (`CountryCode`), or '' for the object. */
  at: string;
  rule: ChangeRuleName;
  /** What changed, old → new. */
  detail: string;
  types: Effect;
  validators: Effect;
}

export interface Versioned {
  name: string;
  schema: JsonSchema;
}

/** Keywords that are wording or annotations only. */
const DOC_KEYWORDS: Record<string, ChangeRuleName> = {
  description: 'description-changed',
  title: 'title-changed',
  examples: 'examples-changed',
  $comment: 'annotation-changed',
  default: 'annotation-changed',
  deprecated: 'annotation-changed',
  readOnly: 'annotation-changed',
  writeOnly: 'annotation-changed',
  'x-enumDescriptions': 'annotation-changed',
  'x-maxDigits': 'annotation-changed',
  'x-minDigits': 'annotation-changed',
  'x-reconciled': 'annotation-changed',
  'x-notOnPage': 'annotation-changed',
};
const MAX = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;
const MIN = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;
/** Keywords the walk classifies; any other keyword that changes is `keyword-changed`. */
const HANDLED = new Set<string>([
  ...Object.keys(DOC_KEYWORDS), ...MAX, ...MIN,
  '$schema', '$id', '$ref', '$defs', 'type', 'enum', 'const', 'x-openEnum', 'pattern', 'format', 'multipleOf', 'uniqueItems',
  'properties', 'required', 'items', 'additionalProperties', 'anyOf', 'oneOf',
]);

/** Every change between two versions of an object; `undefined` on one side is an object added or removed. */
export function classify(before: Versioned | undefined, after: Versioned | undefined): Change[] {
  const object = (after ?? before)?.name ?? '';
  const out: Change[] = [];
  const add = (at: string, name: ChangeRuleName, detail: string): void => {
    const r = CHANGE_RULES[name];
    out.push({ object, at, rule: name, detail, types: r.types, validators: r.validators });
  };
  if (!before && !after) return out;
  if (!before) {
    add('', 'object-added', `new object ${object}`);
    return out;
  }
  if (!after) {
    add('', 'object-removed', `object ${object} removed`);
    return out;
  }
  compareNode(before.schema, after.schema, '', add);
  const defsA = before.schema.$defs ?? {};
  const defsB = after.schema.$defs ?? {};
  for (const name of sortedUnion(Object.keys(defsA), Object.keys(defsB))) {
    const a = defsA[name];
    const b = defsB[name];
    if (!a) add(name, 'definition-added', `new type ${name}`);
    else if (!b) add(name, 'definition-removed', `type ${name} removed`);
    else compareNode(a, b, name, add);
  }
  return out;
}

type Add = (at: string, rule: ChangeRuleName, detail: string) => void;

const show = (v: unknown): string => JSON.stringify(v);
const join = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`);

function sortedUnion(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** The alternatives of a union, without the `{ type: 'null' }` one (nullability is its own rule). */
function options(s: JsonSchema): JsonSchema[] | undefined {
  const list = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  return list?.filter((o) => !isNullSchema(o));
}

function isNullSchema(s: JsonSchema): boolean {
  return s.type === 'null' || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'null');
}

function typeSet(s: JsonSchema): Set<JsonType> {
  const t = s.type;
  return new Set((t === undefined ? [] : Array.isArray(t) ? t : [t]).filter((x) => x !== 'null'));
}

function nullable(s: JsonSchema): boolean {
  const t = s.type;
  if (t === 'null' || (Array.isArray(t) && t.includes('null'))) return true;
  if (Array.isArray(s.enum) && s.enum.includes(null)) return true;
  return ((s.anyOf ?? s.oneOf) as JsonSchema[] | undefined)?.some(isNullSchema) ?? false;
}

/** A schema without its documentation keywords, to recognise a renamed field and to compare union options. */
function shape(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(shape);
  if (s === null || typeof s !== 'object') return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s as Record<string, unknown>)) if (!(k in DOC_KEYWORDS)) out[k] = shape(v);
  return out;
}

/** `a` accepts every type `b` does, counting integer as a number. */
function covers(a: Set<JsonType>, b: Set<JsonType>): boolean {
  return [...b].every((t) => a.has(t) || (t === 'integer' && a.has('number')));
}

/**
 * `{ anyOf: [X, { type: 'null' }] }` (how the canonical schemas write "X or null") compares as X made
 * nullable: the nullability is its own rule, and X is compared with what the other side has.
 */
function unwrapNullable(s: JsonSchema): JsonSchema {
  const list = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  const rest = options(s);
  if (!list || !rest || rest.length !== 1 || rest.length === list.length) return s;
  const { anyOf: _a, oneOf: _o, ...outer } = s;
  return { ...outer, ...(rest[0] as JsonSchema) };
}

function compareNode(wrappedA: JsonSchema, wrappedB: JsonSchema, at: string, add: Add): void {
  const a = unwrapNullable(wrappedA);
  const b = unwrapNullable(wrappedB);
  for (const key of Object.keys(DOC_KEYWORDS)) {
    if (!isDeepStrictEqual(a[key], b[key])) add(at, DOC_KEYWORDS[key] as ChangeRuleName, key === 'description' || key === 'title' ? wording(key, a[key], b[key]) : `${key} changed`);
  }
  const na = nullable(wrappedA) || nullable(a);
  const nb = nullable(wrappedB) || nullable(b);
  if (na !== nb) add(at, nb ? 'nullable-added' : 'nullable-removed', nb ? 'may now be null' : 'may no longer be null');

  if (a.$ref !== b.$ref) {
    if (a.$ref !== undefined && b.$ref !== undefined) add(at, 'ref-changed', `${refName(a.$ref)} → ${refName(b.$ref)}`);
    else add(at, 'type-changed', `${describeType(a)} → ${describeType(b)}`);
    return;
  }
  const ta = typeSet(a);
  const tb = typeSet(b);
  if (!isDeepStrictEqual([...ta].sort(), [...tb].sort())) {
    const from = describeType(a);
    const to = describeType(b);
    const tsA = new Set([...ta].map((t) => (t === 'integer' ? 'number' : t)));
    const tsB = new Set([...tb].map((t) => (t === 'integer' ? 'number' : t)));
    if (ta.size > 0 && isDeepStrictEqual([...tsA].sort(), [...tsB].sort())) add(at, ta.has('integer') ? 'integer-to-number' : 'number-to-integer', `${from} → ${to}`);
    else if (ta.size === 0 || (covers(tb, ta) && !covers(ta, tb))) add(at, ta.size === 0 ? 'type-narrowed' : 'type-widened', `${from} → ${to}`);
    else if (tb.size === 0 || covers(ta, tb)) add(at, tb.size === 0 ? 'type-widened' : 'type-narrowed', `${from} → ${to}`);
    else {
      add(at, 'type-changed', `${from} → ${to}`);
      return;
    }
  }

  compareEnum(a, b, at, add);
  if (!isDeepStrictEqual(a.const, b.const)) {
    if (a.const === undefined) add(at, 'const-added', `now always ${show(b.const)}`);
    else if (b.const === undefined) add(at, 'const-removed', `no longer always ${show(a.const)}`);
    else add(at, 'const-changed', `${show(a.const)} → ${show(b.const)}`);
  }
  for (const key of MAX) bound(a[key], b[key], key, 'max', at, add);
  for (const key of MIN) bound(a[key], b[key], key, 'min', at, add);
  for (const [key, prefix] of [['pattern', 'pattern'], ['format', 'format'], ['multipleOf', 'multiple-of']] as const) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    const detail = `${key} ${x === undefined ? '(none)' : show(x)} → ${y === undefined ? '(none)' : show(y)}`;
    add(at, `${prefix}-${x === undefined ? 'added' : y === undefined ? 'removed' : 'changed'}` as ChangeRuleName, detail);
  }
  if ((a.uniqueItems === true) !== (b.uniqueItems === true)) add(at, b.uniqueItems === true ? 'unique-items-added' : 'unique-items-removed', `uniqueItems ${a.uniqueItems === true} → ${b.uniqueItems === true}`);

  compareProperties(a, b, at, add);
  if (a.items || b.items) {
    if (a.items && b.items) compareNode(a.items, b.items, `${at}[]`, add);
    else add(`${at}[]`, 'keyword-changed', a.items ? 'items removed' : 'items added');
  }
  const apA = a.additionalProperties;
  const apB = b.additionalProperties;
  if (!isDeepStrictEqual(apA, apB)) {
    if (apB === false) add(at, 'additional-properties-closed', 'unknown keys rejected');
    else if (apA === false) add(at, 'additional-properties-opened', 'unknown keys accepted');
    else if (typeof apA === 'object' && typeof apB === 'object') compareNode(apA, apB, `${at}{*}`, add);
    else add(at, 'keyword-changed', `additionalProperties ${show(apA)} → ${show(apB)}`);
  }
  compareUnion(a, b, at, add);
  for (const key of sortedUnion(Object.keys(a), Object.keys(b))) {
    if (HANDLED.has(key) || isDeepStrictEqual(a[key], b[key])) continue;
    add(at, key.startsWith('x-') ? 'annotation-changed' : 'keyword-changed', `${key} ${short(a[key])} → ${short(b[key])}`);
  }
}

function compareEnum(a: JsonSchema, b: JsonSchema, at: string, add: Add): void {
  const ea = a.enum?.filter((v) => v !== null);
  const eb = b.enum?.filter((v) => v !== null);
  if (ea && eb) {
    const added = eb.filter((v) => !ea.some((w) => isDeepStrictEqual(v, w)));
    const removed = ea.filter((v) => !eb.some((w) => isDeepStrictEqual(v, w)));
    if (added.length > 0) add(at, 'enum-value-added', `${added.map(show).join(', ')} added`);
    if (removed.length > 0) add(at, 'enum-value-removed', `${removed.map(show).join(', ')} removed`);
  } else if (ea) add(at, 'enum-removed', `the list of ${ea.length} values is gone`);
  else if (eb) add(at, 'enum-added', `now one of ${eb.length} values`);
  const oa = a['x-openEnum'] === true;
  const ob = b['x-openEnum'] === true;
  if (oa !== ob) add(at, ob ? 'enum-opened' : 'enum-closed', ob ? 'unlisted values now accepted' : 'only the listed values now accepted');
}

function bound(x: unknown, y: unknown, key: string, side: 'max' | 'min', at: string, add: Add): void {
  if (x === y) return;
  const detail = `${key} ${x === undefined ? '(none)' : show(x)} → ${y === undefined ? '(none)' : show(y)}`;
  if (x === undefined) add(at, `${side}-added`, detail);
  else if (y === undefined) add(at, `${side}-removed`, detail);
  else if (side === 'max') add(at, (y as number) < (x as number) ? 'max-lowered' : 'max-raised', detail);
  else add(at, (y as number) > (x as number) ? 'min-raised' : 'min-lowered', detail);
}

function compareProperties(a: JsonSchema, b: JsonSchema, at: string, add: Add): void {
  const pa = a.properties ?? {};
  const pb = b.properties ?? {};
  const ra = new Set(a.required ?? []);
  const rb = new Set(b.required ?? []);
  const removed = Object.keys(pa).filter((k) => !(k in pb));
  const added = Object.keys(pb).filter((k) => !(k in pa));
  // A field removed and one added with the same schema (wording aside) and requiredness: a rename.
  const renamed = new Map<string, string>();
  for (const old of removed) {
    const twin = added.find((n) => ![...renamed.values()].includes(n) && ra.has(old) === rb.has(n) && isDeepStrictEqual(shape(pa[old]), shape(pb[n])));
    if (twin !== undefined) renamed.set(old, twin);
  }
  for (const key of sortedUnion(Object.keys(pa), Object.keys(pb))) {
    const x = pa[key];
    const y = pb[key];
    const where = join(at, key);
    if (x && y) {
      if (ra.has(key) !== rb.has(key)) add(where, rb.has(key) ? 'field-made-required' : 'field-made-optional', rb.has(key) ? 'now required' : 'now optional');
      compareNode(x, y, where, add);
    } else if (x) {
      const to = renamed.get(key);
      if (to !== undefined) add(where, 'field-renamed', `${key} → ${to}`);
      else add(where, 'field-removed', `${key} removed`);
    } else if (![...renamed.values()].includes(key)) {
      add(where, rb.has(key) ? 'field-added-required' : 'field-added-optional', `${key} added${rb.has(key) ? ' (required)' : ''}`);
    }
  }
}

function compareUnion(a: JsonSchema, b: JsonSchema, at: string, add: Add): void {
  const oa = options(a) ?? [];
  const ob = options(b) ?? [];
  const sa = oa.map((o) => JSON.stringify(shape(o)));
  const sb = ob.map((o) => JSON.stringify(shape(o)));
  const added = ob.filter((_, i) => !sa.includes(sb[i] as string));
  const removed = oa.filter((_, i) => !sb.includes(sa[i] as string));
  if (added.length === 1 && removed.length === 1 && oa.length === ob.length) {
    // One alternative edited in place: compare the two.
    compareNode(removed[0] as JsonSchema, added[0] as JsonSchema, at, add);
    return;
  }
  for (const o of added) add(at, 'union-option-added', `alternative ${describeType(o)} added`);
  for (const o of removed) add(at, 'union-option-removed', `alternative ${describeType(o)} removed`);
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function describeType(s: JsonSchema): string {
  if (s.$ref !== undefined) return refName(s.$ref);
  const t = [...typeSet(s)];
  if (t.length > 0) return t.join(' | ');
  const opts = options(s);
  if (opts) return opts.map(describeType).join(' | ');
  return 'any';
}

/** A wording change shown around where the texts differ (a long description edited in one place). */
function wording(key: string, a: unknown, b: unknown): string {
  if (typeof a !== 'string' || typeof b !== 'string') return `${key}: ${short(a)} → ${short(b)}`;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const from = Math.max(0, p - 20);
  const cut = (t: string): string => {
    const to = Math.min(t.length, t.length - q + 20, from + 80);
    return `${from > 0 ? '…' : ''}${t.slice(from, to)}${to < t.length ? '…' : ''}`;
  };
  return `${key}: ${JSON.stringify(cut(a))} → ${JSON.stringify(cut(b))}`;
}

function short(v: unknown): string {
  if (v === undefined) return '(none)';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/** The semver step the changes call for: major if anything breaks on either side, minor if additive, patch if docs only. */
export function bumpOf(changes: Change[]): 'major' | 'minor' | 'patch' | undefined {
  const effects = changes.flatMap((c) => [c.types, c.validators]);
  if (effects.includes('breaking')) return 'major';
  if (effects.includes('additive')) return 'minor';
  if (effects.includes('docs')) return 'patch';
  return undefined;
}
