/**
 * Stage "reconcile": the page's schema + what Yuno really sends (the 2xx examples of the operations
 * that return the object, and the page's own examples) → the canonical schema. Each disagreement is
 * settled by one named rule below, and the field keeps a record of it (`x-reconciled`: the rule, what the
 * page says, what the evidence shows, what the schema says now, and where it was seen), which the docs
 * and `yuno-codegen report` show. An overrides file can refuse any rule on any field.
 */
import { formatHolds, isMultipleOf, isPlainObject, own } from '../conforms.js';
import type { Sample } from './match.js';
import { pointerToken } from '../schema/walk.js';
import type { JsonSchema, JsonType, Reconciliation } from '../types.js';
import { nameWords, typeName } from '../rules/names.js';

/** The named rules, in the order they apply; a rule's name is what an overrides file's `refuse` lists. */
export const RECONCILE_RULES = {
  placeholder: 'a ReadMe placeholder ("string") is no evidence of a value',
  nullable: 'a null where the page gives a type makes the field nullable',
  type: 'a value of another JSON type widens the type to what the page and the evidence both show',
  'array-or-object': 'an object where the page has an array (or the reverse) accepts both',
  'code-list': 'a field the page ties to a code list (ISO 3166-1) whose real values are not codes at all is a plain string',
  'empty-string': 'an empty string where the page sets a minimum length is allowed as the API\'s "absent"',
  bounds: 'a length, count or value bound that real values break is widened just enough',
  format: 'a format real values break is not applied',
  'enum-values': 'values outside the page\'s list extend it',
  'api-field': 'a field the API returns that the page lacks is added, marked as not on the page',
  'timestamp-lengths': 'where a real timestamp the API sends has another length than a timestamp field allows, no timestamp field keeps length bounds (the format checks the value)',
  'null-for-absent': 'where the API sends null for an absent value in any of its payloads, every optional field may be null',
  'empty-for-absent': 'where the API sends "" for an absent string in any of its payloads, every optional string field may be ""',
  required: 'a top-level field present and not null in every example (3 or more) is required',
  'non-empty': 'a nested object the API sent with fields every time (3 or more) is never empty',
} as const;
export type ReconcileRule = keyof typeof RECONCILE_RULES;

/** ReadMe's filler for an undocumented string value. */
export const PLACEHOLDER = 'string';

/**
 * Rule "placeholder": ReadMe fills a string it has no example for with `"string"`, cut to the field's
 * maximum length (`"st"` in a two-letter country field). Such a value says nothing about the field.
 */
export function isPlaceholder(value: unknown, maxLength?: number): boolean {
  if (value === PLACEHOLDER) return true;
  return maxLength !== undefined && maxLength > 0 && maxLength < PLACEHOLDER.length && value === PLACEHOLDER.slice(0, maxLength);
}

/** How many examples must agree before presence makes a field required. */
export const REQUIRED_MIN_EXAMPLES = 3;
const EVIDENCE_SHOWN = 3;

export interface ReconcileOptions {
  /**
   * Every 2xx example payload of the API, whatever object it is: the API's conventions are read from all of
   * them, how it writes timestamps (rule "timestamp-lengths") and how it says "absent" (rules "null-for-absent",
   * "empty-for-absent"). Without it, only the object's own samples count.
   */
  apiPayloads?: Sample[];
  /** Is this rule refused for this field path (`amount.value`) by the overrides file? */
  refused?: (path: string, rule: ReconcileRule) => boolean;
  /** A field path the overrides file sets `required` for: evidence does not change it. */
  requiredSetBy?: (path: string) => boolean;
  /** Line of the field on the page, for the records (`string, MIN 3 (line 212)`). */
  lineOf?: (path: string) => number | undefined;
  /** The root schema (for `$defs`). */
  root?: JsonSchema;
}

export interface PlaceholderUse {
  /** Field path. */
  at: string;
  where: string;
}

export interface ReconcileResult {
  schema: JsonSchema;
  /** Placeholder values the schema does not accept: failures caused only by ReadMe's filler. */
  placeholders: PlaceholderUse[];
}

/** Reconcile an object schema with samples of the whole object. */
export function reconcile(schema: JsonSchema, samples: Sample[], options: ReconcileOptions = {}): ReconcileResult {
  const ctx: Ctx = { options, placeholders: [], defs: new Map(), owner: typeof schema.title === 'string' ? schema.title : '' };
  // The timestamp convention reads the page's bounds, so it comes before the per-field rules widen them.
  let out = timestampLengths(schema, options.apiPayloads ?? samples, ctx);
  out = node(out, samples, '', ctx);
  out = absentConventions(out, samples, options.apiPayloads ?? [], ctx);
  if (ctx.defs.size > 0) out.$defs = { ...(out.$defs ?? {}), ...Object.fromEntries(ctx.defs) };
  return { schema: out, placeholders: ctx.placeholders };
}

/** Where a value of the payloads is `null` or `""`: how the API says "absent". */
function absentMarkers(samples: Sample[]): { nulls: Sample[]; empties: Sample[] } {
  const nulls: Sample[] = [];
  const empties: Sample[] = [];
  const walk = (value: unknown, where: string): void => {
    if (value === null) nulls.push({ value, where });
    else if (value === '') empties.push({ value, where });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}/${i}`));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walk(v, `${where}/${pointerToken(k)}`);
  };
  for (const s of samples) if (isPlainObject(s.value)) for (const [k, v] of Object.entries(s.value)) walk(v, `${s.where}/${pointerToken(k)}`);
  return { nulls, empties };
}


/** Walk every field of the object (through items, anyOf and the object's own definitions) once. */
function eachField(root: JsonSchema, ctx: Ctx, fn: (field: JsonSchema, path: string, required: boolean) => JsonSchema): JsonSchema {
  const seenDefs = new Set<string>();
  const visitObject = (schema: JsonSchema, path: string): JsonSchema => {
    const properties = schema.properties;
    if (!properties) return schema;
    const required = new Set(schema.required ?? []);
    const next: Record<string, JsonSchema> = Object.create(null) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(properties)) {
      const childPath = path ? `${path}.${key}` : key;
      next[key] = fn(visit(child, childPath), childPath, required.has(key));
    }
    return { ...schema, properties: next };
  };
  const visit = (schema: JsonSchema, path: string): JsonSchema => {
    let out = visitObject(schema, path);
    if (isPlainObject(out.items)) out = { ...out, items: visit(out.items as JsonSchema, path) };
    if (Array.isArray(out.anyOf)) out = { ...out, anyOf: (out.anyOf as JsonSchema[]).map((b) => visit(b, path)) };
    const ref = typeof out.$ref === 'string' && out.$ref.startsWith('#/$defs/') ? out.$ref.slice('#/$defs/'.length) : undefined;
    if (ref !== undefined && ctx.defs.has(ref) && !seenDefs.has(ref)) {
      seenDefs.add(ref);
      ctx.defs.set(ref, visit(ctx.defs.get(ref)!, path));
    }
    return out;
  };
  return visitObject(root, '');
}

/**
 * Rule "timestamp-lengths": a timestamp field's MAX/MIN count the characters of one rendering
 * (`2022-05-09T20:46:54.786342Z`: 27); RFC 3339 allows others and the API sends them. Once a real
 * timestamp the API sends (in any of its payloads: one serializer writes them all) has a length one of
 * the object's timestamp fields forbids, none of them keeps length bounds.
 */
function timestampLengths(root: JsonSchema, samples: Sample[], ctx: Ctx): JsonSchema {
  const formats = new Set(['date-time', 'date']);
  const bounds: { format: string; min?: number; max?: number }[] = [];
  eachField(root, ctx, (field) => {
    for (const s of [field, ...((field.anyOf as JsonSchema[] | undefined) ?? [])]) {
      if (typeof s.format === 'string' && formats.has(s.format) && (s.minLength !== undefined || s.maxLength !== undefined)) bounds.push({ format: s.format, min: s.minLength, max: s.maxLength });
    }
    return field;
  });
  if (bounds.length === 0) return root;
  // The payloads' timestamps, by what they render: a date alone, or a date and more (a time, in whatever
  // form the API writes it: "2024-07-03T05:00:00", "2023-07-12 20:10:30.311048496 +0000 UTC").
  const stamps: (Sample & { format: string })[] = [];
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) stamps.push({ value, where, format: value.length === 10 ? 'date' : 'date-time' });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}/${i}`));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walk(v, `${where}/${pointerToken(k)}`);
  };
  for (const s of samples) walk(s.value, s.where);
  const off = stamps.filter((s) => {
    const n = [...(s.value as string)].length;
    return bounds.some((b) => b.format === s.format && ((b.min !== undefined && n < b.min) || (b.max !== undefined && n > b.max)));
  });
  if (off.length === 0) return root;
  let changed = 0;
  const out = eachField(root, ctx, (field, path) => {
    if (ctx.options.refused?.(path, 'timestamp-lengths')) return field;
    const strip = (s: JsonSchema): JsonSchema => {
      if (typeof s.format !== 'string' || !formats.has(s.format) || (s.minLength === undefined && s.maxLength === undefined)) return s;
      changed++;
      const { minLength: _min, maxLength: _max, ...rest } = s;
      return rest;
    };
    const next = strip(field);
    return Array.isArray(next.anyOf) ? { ...next, anyOf: (next.anyOf as JsonSchema[]).map(strip) } : next;
  });
  if (changed === 0) return root;
  const records = [...((out['x-reconciled'] as Reconciliation[] | undefined) ?? [])];
  records.push({
    rule: 'timestamp-lengths',
    page: 'timestamps of a fixed length',
    api: `${preview(off[0]!.value)} (${[...(off[0]!.value as string)].length} characters)`,
    result: `${changed} timestamp field${changed === 1 ? '' : 's'} without length bounds`,
    count: off.length,
    evidence: unique(off.map((s) => s.where)).slice(0, EVIDENCE_SHOWN),
  });
  out['x-reconciled'] = records;
  return out;
}

/** The API-wide "absent" markers of one run's payloads: every page of the run reads the same array. */
const apiMarkerCache = new WeakMap<Sample[], { nulls: Sample[]; empties: Sample[] }>();

function apiMarkers(apiPayloads: Sample[]): { nulls: Sample[]; empties: Sample[] } {
  let markers = apiMarkerCache.get(apiPayloads);
  if (!markers) {
    markers = absentMarkers(apiPayloads);
    apiMarkerCache.set(apiPayloads, markers);
  }
  return markers;
}

/**
 * Rules "null-for-absent" and "empty-for-absent": how the API says "absent" is a convention, not a property of
 * one field. Once the object's payloads show `null` (or `""`) for absent values, every optional field of it may
 * carry the same (a field the evidence or the page requires keeps its type): the examples never show every
 * field absent, and a real payload that does must not be rejected. An object with fewer payloads of its own than
 * REQUIRED_MIN_EXAMPLES is too thinly seen to tell, so the whole API's payloads (`apiPayloads`) decide for it, as
 * they do for timestamps; with that many its own decide. The object records the convention once (`x-reconciled`
 * on the object, its own payloads' evidence first, and whether only other objects' payloads showed it); each
 * field's schema shows it.
 */
function absentConventions(root: JsonSchema, samples: Sample[], apiPayloads: Sample[], ctx: Ctx): JsonSchema {
  const own = absentMarkers(samples);
  const api = samples.length < REQUIRED_MIN_EXAMPLES ? apiMarkers(apiPayloads) : { nulls: [], empties: [] };
  const nulls = [...own.nulls, ...api.nulls];
  const empties = [...own.empties, ...api.empties];
  if (nulls.length === 0 && empties.length === 0) return root;
  const refused = (path: string, rule: ReconcileRule): boolean => ctx.options.refused?.(path, rule) ?? false;
  let nullFields = 0;
  let emptyFields = 0;
  const out = eachField(root, ctx, (child, childPath, required) => {
    let field = child;
    if (required) return field;
    // Refusing a field's own rule refuses the object's convention for it too.
    if (nulls.length > 0 && !refused(childPath, 'null-for-absent') && !refused(childPath, 'nullable') && !allowsValue(field, null)) {
      field = makeNullable(field);
      nullFields++;
    }
    if (empties.length > 0 && !refused(childPath, 'empty-for-absent') && !refused(childPath, 'empty-string') && allowsString(field, ctx) && !allowsValue(field, '')) {
      field = orEmptyString(field);
      emptyFields++;
    }
    return field;
  });
  const records = [...((out['x-reconciled'] as Reconciliation[] | undefined) ?? [])];
  const entry = (rule: ReconcileRule, ownSeen: Sample[], seen: Sample[], api: string, result: string): Reconciliation => {
    const where = unique(seen.map((s) => s.where));
    return {
      rule,
      page: 'optional fields of a given type',
      api: ownSeen.length > 0 ? api : `${api}, in other objects' payloads`,
      result,
      count: where.length,
      evidence: where.slice(0, EVIDENCE_SHOWN),
    };
  };
  const fields = (n: number, what: string): string => `${n} more optional ${what}${n === 1 ? ' accepts' : 's accept'}`;
  if (nullFields > 0) records.push(entry('null-for-absent', own.nulls, nulls, 'null for absent values', `${fields(nullFields, 'field')} null`));
  if (emptyFields > 0) records.push(entry('empty-for-absent', own.empties, empties, '"" for absent strings', `${fields(emptyFields, 'string field')} ""`));
  if (records.length > 0) out['x-reconciled'] = records;
  return out;
}

/** Does the schema accept this exact value, as far as its type, enum and const say? */
function allowsValue(schema: JsonSchema, value: null | string): boolean {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).some((b) => allowsValue(b, value));
  if (schema.$ref !== undefined) return false;
  if (schema.const !== undefined) return schema.const === value;
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  if (!allows(typesOf(schema), value === null ? 'null' : 'string')) return false;
  if (typeof value === 'string') return (schema.minLength ?? 0) === 0 && schema.format === undefined;
  return true;
}

/** Does the schema take strings at all (a string type, a list of strings, a code list; through local `$ref`s)? */
function allowsString(schema: JsonSchema, ctx: Ctx, depth = 0): boolean {
  if (depth > 8) return false;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).some((b) => allowsString(b, ctx, depth + 1));
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.startsWith('#/$defs/') ? schema.$ref.slice('#/$defs/'.length) : '';
    const target = ctx.defs.get(name) ?? own(ctx.options.root?.$defs, name);
    return target !== undefined && allowsString(target, ctx, depth + 1);
  }
  return typesOf(schema).includes('string');
}

/** The schema, also accepting null: a `$ref` or a union gains a null branch, a type gains `null` (and a list of values gains it too). */
export function makeNullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...(schema.anyOf as JsonSchema[]), { type: 'null' }] };
  if (schema.$ref !== undefined) {
    const { $ref, ...rest } = schema;
    return { ...rest, anyOf: [{ $ref }, { type: 'null' }] };
  }
  const next: JsonSchema = { ...schema, type: orderTypes([...typesOf(schema), 'null']) };
  if (Array.isArray(next.enum) && !next.enum.includes(null)) next.enum = [...next.enum, null];
  return next;
}

/** Reconcile one field's schema with values seen for it (the page's own example). */
export function reconcileField(schema: JsonSchema, samples: Sample[], path: string, options: ReconcileOptions = {}): JsonSchema {
  return node(schema, samples, path, { options, placeholders: [], defs: new Map(), owner: '' });
}

interface Ctx {
  options: ReconcileOptions;
  placeholders: PlaceholderUse[];
  /** Definitions the rules share between branches (an object that also comes as an array of it). */
  defs: Map<string, JsonSchema>;
  /** The object's name, the prefix of its definitions' names. */
  owner: string;
}

/** A `$defs` name for the schema at a field path: `PaymentTransactions` for Payment's `transactions`. */
function defName(path: string, ctx: Ctx): string {
  const base = typeName([ctx.owner, ...nameWords(path)]) || 'Shape';
  let name = base;
  for (let i = 2; ctx.defs.has(name) || own(ctx.options.root?.$defs, name) !== undefined; i++) name = `${base}${i}`;
  return name;
}

function typesOf(schema: JsonSchema): JsonType[] {
  return Array.isArray(schema.type) ? [...schema.type] : schema.type ? [schema.type] : [];
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function allows(types: JsonType[], t: JsonType): boolean {
  return types.length === 0 || types.includes(t) || (t === 'integer' && types.includes('number'));
}

/** A nullable `$ref` is written `anyOf: [{$ref}, {type: null}]`. */
function refOf(schema: JsonSchema): { ref: string; nullable: boolean } | undefined {
  if (typeof schema.$ref === 'string') return { ref: schema.$ref, nullable: false };
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [];
  const ref = branches.find((b) => typeof b.$ref === 'string');
  return ref ? { ref: ref.$ref as string, nullable: branches.some((b) => b.type === 'null') } : undefined;
}

function node(input: JsonSchema, all: Sample[], path: string, ctx: Ctx): JsonSchema {
  let schema: JsonSchema = { ...input };
  const refused = (rule: ReconcileRule): boolean => ctx.options.refused?.(path, rule) ?? false;
  const record = (entry: Omit<Reconciliation, 'count' | 'evidence'>, seen: Sample[]): void => {
    const list = [...((schema['x-reconciled'] as Reconciliation[] | undefined) ?? [])];
    list.push({ ...entry, count: seen.length, evidence: unique(seen.map((s) => s.where)).slice(0, EVIDENCE_SHOWN) });
    schema['x-reconciled'] = list;
  };
  const pageSays = (what: string): string => {
    const line = ctx.options.lineOf?.(path);
    return line === undefined ? what : `${what} (line ${line})`;
  };

  // Rule "placeholder": ReadMe's filler values are set aside; the report lists those the schema rejects.
  const ref = refOf(schema);
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : ref ? codeLength(ref.ref, ctx.options.root) : undefined;
  const placeholders = all.filter((s) => isPlaceholder(s.value, maxLength));
  const samples = all.filter((s) => !isPlaceholder(s.value, maxLength));

  // Rule "code-list": values of another shape than the list's codes ("Amsterdam" for a country code).
  const length = maxLength;
  const notCodes = ref && length !== undefined ? samples.filter((s) => typeof s.value === 'string' && [...s.value].length !== length) : [];
  if (ref && notCodes.length > 0 && !refused('code-list')) {
    const { $ref: _r, anyOf: _a, ...rest } = schema;
    const next: JsonSchema = { ...rest, type: ref.nullable ? ['string', 'null'] : 'string' };
    schema = next;
    record({ rule: 'code-list', page: pageSays(describe(input)), api: preview(notCodes[0]!.value), result: 'string' }, notCodes);
    return node(schema, all, path, ctx);
  }
  if (ref) {
    const nulls = samples.filter((s) => s.value === null);
    if (nulls.length > 0 && !ref.nullable && !refused('nullable')) {
      schema = makeNullable(schema);
      record({ rule: 'nullable', page: pageSays(describe(input)), api: 'null', result: 'nullable' }, nulls);
    }
    notePlaceholders(schema, placeholders, path, ctx);
    return schema;
  }

  // Rule "nullable".
  const nulls = samples.filter((s) => s.value === null);
  if (nulls.length > 0 && !allows(typesOf(schema), 'null') && !refused('nullable')) {
    const before = describe(schema);
    schema = makeNullable(schema);
    record({ rule: 'nullable', page: pageSays(before), api: 'null', result: 'nullable' }, nulls);
  }
  const values = samples.filter((s) => s.value !== null);

  // Rule "array-or-object": the page's array items are the object the API sends alone, or the reverse.
  let objectToo = false;
  let arrayToo = false;
  const types = typesOf(schema);
  if (types.includes('array') && !types.includes('object') && isPlainObject(schema.items) && typesOf(schema.items as JsonSchema).includes('object')) {
    const objects = values.filter((s) => isPlainObject(s.value));
    if (objects.length > 0 && !refused('array-or-object')) {
      objectToo = true;
      record({ rule: 'array-or-object', page: pageSays('array of objects'), api: 'a single object', result: 'an array of the objects, or one object' }, objects);
    }
  } else if (types.includes('object') && !types.includes('array')) {
    const arrays = values.filter((s) => Array.isArray(s.value));
    if (arrays.length > 0 && !refused('array-or-object')) {
      arrayToo = true;
      record({ rule: 'array-or-object', page: pageSays('object'), api: 'an array of objects', result: 'the object, or an array of them' }, arrays);
    }
  }

  // Rule "type".
  const stray = values.filter((s) => {
    const t = jsonType(s.value);
    if (objectToo && t === 'object') return false;
    if (arrayToo && t === 'array') return false;
    return !allows(typesOf(schema), t);
  });
  if (stray.length > 0 && typesOf(schema).length > 0 && !refused('type')) {
    const before = describe(schema);
    const next = typesOf(schema);
    for (const s of stray) {
      const t = jsonType(s.value);
      if (t === 'number' && next.includes('integer')) next.splice(next.indexOf('integer'), 1, 'number');
      else if (!allows(next, t)) next.push(t);
    }
    // An `object` the page gives no fields for, that the API never sends as an object, says nothing of
    // the value's shape (iso8583_response_code: page "object", API "00"): the evidence's types replace it.
    const emptyObject = next.includes('object') && Object.keys(schema.properties ?? {}).length === 0 && !values.some((s) => isPlainObject(s.value));
    if (emptyObject) {
      next.splice(next.indexOf('object'), 1);
      delete schema.properties;
    }
    schema.type = orderTypes(next);
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, ...unique(stray.map((s) => s.value)).filter((v) => !schema.enum!.some((e) => same(e, v)))];
    const shown = unique(stray.map((s) => jsonType(s.value))).join(' or ');
    record({ rule: 'type', page: pageSays(before), api: `${shown} (${preview(stray[0]!.value)})`, result: describeTypes(schema.type) }, stray);
  }

  // Into objects: the page's fields, the fields only the API has, and which are always there.
  const objectValues = values.filter((s) => isPlainObject(s.value));
  const arrayValues = values.filter((s) => Array.isArray(s.value));
  const itemSamples = arrayValues.flatMap((s) => (s.value as unknown[]).map((v, i) => ({ value: v, where: `${s.where}/${i}` })));
  if (objectToo) {
    schema.items = objectNode(schema.items as JsonSchema, [...itemSamples, ...objectValues], path, ctx);
  } else if (arrayToo) {
    schema = objectNode(schema, [...objectValues, ...itemSamples], path, ctx);
  } else {
    if (typesOf(schema).includes('object') || schema.properties) schema = objectNode(schema, objectValues, path, ctx);
    // Array items' fields are addressed through the array (`metadata.key`), as in overrides files.
    if (isPlainObject(schema.items) && itemSamples.length > 0) schema.items = node(schema.items as JsonSchema, itemSamples, path, ctx);
  }

  // Rule "enum-values".
  if (Array.isArray(schema.enum)) {
    const outside = values.filter((s) => !(schema.enum as unknown[]).some((e) => same(e, s.value)) && (typeof s.value === 'string' || typeof s.value === 'number'));
    if (outside.length > 0 && schema['x-openEnum'] === true && !refused('enum-values')) {
      const added = unique(outside.map((s) => s.value)).filter((v) => !(schema.enum as unknown[]).some((e) => same(e, v)));
      const nullAt = schema.enum.indexOf(null);
      const listed = nullAt >= 0 ? schema.enum.filter((e) => e !== null) : schema.enum;
      schema.enum = [...listed, ...added, ...(nullAt >= 0 ? [null] : [])];
      record({ rule: 'enum-values', page: pageSays(`one of ${listed.length} values`), api: added.map((v) => JSON.stringify(v)).join(', '), result: `${added.length} value${added.length === 1 ? '' : 's'} added` }, outside);
    }
  }

  // Rule "format".
  const strings = values.filter((s) => typeof s.value === 'string');
  if (typeof schema.format === 'string' && !refused('format')) {
    const broken = strings.filter((s) => !formatHolds(schema.format as string, s.value as string));
    if (broken.length > 0) {
      record({ rule: 'format', page: pageSays(`format ${schema.format}`), api: preview(broken[0]!.value), result: 'no format' }, broken);
      delete schema.format;
    }
  }

  // Rules "empty-string" and "bounds" on strings.
  let allowEmpty = false;
  const lengthOf = (s: Sample): number => [...(s.value as string)].length;
  if (typeof schema.minLength === 'number' && schema.minLength > 0) {
    const empty = strings.filter((s) => s.value === '');
    if (empty.length > 0 && !refused('empty-string')) {
      allowEmpty = true;
      record({ rule: 'empty-string', page: pageSays(`MIN ${schema.minLength}`), api: '""', result: '"" allowed' }, empty);
    }
  }
  const measured = strings.filter((s) => !(allowEmpty && s.value === ''));
  widen(schema, 'minLength', 'maxLength', measured.map(lengthOf), measured, 'characters', refused('bounds'), record, pageSays);
  widen(schema, 'minItems', 'maxItems', arrayValues.map((s) => (s.value as unknown[]).length), arrayValues, 'items', refused('bounds') || objectToo || arrayToo, record, pageSays);
  const numbers = values.filter((s) => typeof s.value === 'number');
  widen(schema, 'minimum', 'maximum', numbers.map((s) => s.value as number), numbers, '', refused('bounds'), record, pageSays);
  if (typeof schema.multipleOf === 'number' && !refused('bounds')) {
    const off = numbers.filter((s) => !isMultipleOf(s.value as number, schema.multipleOf as number));
    if (off.length > 0) {
      record({ rule: 'bounds', page: pageSays(`multiple of ${schema.multipleOf}`), api: preview(off[0]!.value), result: 'any number' }, off);
      delete schema.multipleOf;
    }
  }

  // The shapes the rules above asked for, built last so every rule saw the plain schema.
  if (objectToo) schema = arrayOrObject(schema, 'array', path, ctx);
  if (arrayToo) schema = arrayOrObject(schema, 'object', path, ctx);
  if (allowEmpty) schema = orEmptyString(schema);
  notePlaceholders(schema, placeholders, path, ctx);
  return schema;
}

/** The length of every code of a `$ref`'d list of equal-length codes (2 for CountryCode). */
function codeLength(ref: string, root: JsonSchema | undefined): number | undefined {
  const name = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
  const target = name === undefined ? undefined : own(root?.$defs, name);
  const codes = Array.isArray(target?.enum) ? target.enum : [];
  const lengths = new Set(codes.map((c) => (typeof c === 'string' ? [...c].length : -1)));
  return lengths.size === 1 && !lengths.has(-1) ? [...lengths][0] : undefined;
}

/** The properties of an object schema against object samples: page fields, API-only fields, requiredness. */
function objectNode(input: JsonSchema, samples: Sample[], path: string, ctx: Ctx): JsonSchema {
  const schema: JsonSchema = { ...input };
  const objects = samples.filter((s) => isPlainObject(s.value));
  if (objects.length === 0) return schema;
  const properties: Record<string, JsonSchema> = Object.assign(Object.create(null) as Record<string, JsonSchema>, schema.properties ?? {});
  const childPath = (key: string): string => (path ? `${path}.${key}` : key);
  const at = (key: string): Sample[] =>
    objects.flatMap((s) => {
      const record = s.value as Record<string, unknown>;
      return Object.prototype.hasOwnProperty.call(record, key) ? [{ value: record[key], where: `${s.where}/${pointerToken(key)}` }] : [];
    });
  for (const key of Object.keys(properties)) {
    const seen = at(key);
    if (seen.length > 0) properties[key] = node(properties[key]!, seen, childPath(key), ctx);
  }
  // Rule "api-field".
  const extra = unique(objects.flatMap((s) => Object.keys(s.value as object))).filter((k) => own(properties, k) === undefined);
  for (const key of extra) {
    if (ctx.options.refused?.(childPath(key), 'api-field')) continue;
    const seen = at(key);
    const inferred = infer(seen.map((s) => s.value));
    inferred['x-notOnPage'] = true;
    inferred['x-reconciled'] = [
      { rule: 'api-field', page: 'absent', api: `${preview(seen.find((s) => !isPlaceholder(s.value))?.value ?? seen[0]!.value)}`, result: `added as ${describe(inferred)}`, count: seen.length, evidence: unique(seen.map((s) => s.where)).slice(0, EVIDENCE_SHOWN) },
    ];
    properties[key] = inferred;
  }
  schema.properties = properties;
  // Rule "required".
  // Rule "non-empty": below the top level no single field is required (a nested object's evidence is the
  // few payloads that carry it, and a field it always had there is often absent elsewhere: held-out
  // payloads showed it), but an object always sent with fields is not sent empty.
  if (path !== '' && objects.length >= REQUIRED_MIN_EXAMPLES && schema.minProperties === undefined && !ctx.options.refused?.(path, 'non-empty')) {
    if (objects.every((s) => Object.keys(s.value as object).length > 0)) {
      schema.minProperties = 1;
      const list = [...((schema['x-reconciled'] as Reconciliation[] | undefined) ?? [])];
      list.push({ rule: 'non-empty', page: 'an object', api: `fields in all ${objects.length} examples`, result: 'at least one field', count: objects.length, evidence: unique(objects.map((s) => s.where)).slice(0, EVIDENCE_SHOWN) });
      schema['x-reconciled'] = list;
    }
  }
  // Rule "required": the object's own fields.
  if (path === '' && objects.length >= REQUIRED_MIN_EXAMPLES) {
    const required = new Set(schema.required ?? []);
    for (const key of Object.keys(properties)) {
      const p = childPath(key);
      if (required.has(key) || ctx.options.requiredSetBy?.(p) || ctx.options.refused?.(p, 'required')) continue;
      const always = objects.every((s) => {
        const v = (s.value as Record<string, unknown>)[key];
        return Object.prototype.hasOwnProperty.call(s.value, key) && v !== null && v !== undefined;
      });
      if (!always) continue;
      required.add(key);
      const field = { ...properties[key]! };
      const list = [...((field['x-reconciled'] as Reconciliation[] | undefined) ?? [])];
      list.push({ rule: 'required', page: field['x-notOnPage'] ? 'absent' : 'optional', api: `present and not null in all ${objects.length} examples`, result: 'required', count: objects.length, evidence: unique(objects.map((s) => s.where)).slice(0, EVIDENCE_SHOWN) });
      field['x-reconciled'] = list;
      properties[key] = field;
    }
    if (required.size > 0) schema.required = Object.keys(properties).filter((k) => required.has(k));
  }
  return schema;
}

/** A schema for values of a field the page lacks: their JSON types, objects' fields and arrays' items. */
export function infer(values: unknown[]): JsonSchema {
  const real = values.filter((v) => !isPlaceholder(v));
  // A field seen only with the placeholder is a string of unknown value.
  const pool = real.length > 0 ? real : values;
  const types = orderTypes(unique(pool.map(jsonType)).reduce<JsonType[]>((acc, t) => {
    if (t === 'integer' && acc.includes('number')) return acc;
    if (t === 'number' && acc.includes('integer')) acc.splice(acc.indexOf('integer'), 1);
    acc.push(t);
    return acc;
  }, []));
  if (types.length === 0) return {};
  // Seen only as null: what it holds when set is unknown. A scalar is no safer a guess than a list or an object
  // (an API's serializer writes an unset list, map or nested object as null as readily), so any value passes.
  if (types.length === 1 && types[0] === 'null') return {};
  const schema: JsonSchema = { type: types.length === 1 ? types[0]! : types };
  const objects = pool.filter(isPlainObject);
  if (objects.length > 0) {
    const properties: Record<string, JsonSchema> = Object.create(null) as Record<string, JsonSchema>;
    for (const key of unique(objects.flatMap((o) => Object.keys(o)))) {
      properties[key] = infer(objects.filter((o) => Object.prototype.hasOwnProperty.call(o, key)).map((o) => o[key]));
    }
    schema.properties = properties;
  }
  const items = pool.filter(Array.isArray).flat();
  if (types.includes('array')) schema.items = items.length > 0 ? infer(items) : {};
  return schema;
}

function widen(
  schema: JsonSchema,
  minKey: 'minLength' | 'minItems' | 'minimum',
  maxKey: 'maxLength' | 'maxItems' | 'maximum',
  measures: number[],
  samples: Sample[],
  unit: string,
  refused: boolean,
  record: (entry: Omit<Reconciliation, 'count' | 'evidence'>, seen: Sample[]) => void,
  pageSays: (what: string) => string,
): void {
  if (refused || measures.length === 0) return;
  const words = { minLength: 'MIN', maxLength: 'MAX', minItems: 'MIN', maxItems: 'MAX', minimum: 'minimum', maximum: 'maximum' } as const;
  const shown = (n: number, s: Sample): string => (unit ? `${preview(s.value)} (${n} ${n === 1 ? unit.replace(/s$/, '') : unit})` : preview(s.value));
  const at = (pick: (a: number, b: number) => boolean): number => measures.reduce((best, n, i) => (pick(n, measures[best]!) ? i : best), 0);
  const min = schema[minKey];
  if (typeof min === 'number' && measures.some((n) => n < min)) {
    const i = at((a, b) => a < b);
    schema[minKey] = measures[i]!;
    record({ rule: 'bounds', page: pageSays(`${words[minKey]} ${min}`), api: shown(measures[i]!, samples[i]!), result: `${minKey} ${measures[i]}` }, samples.filter((_, j) => measures[j]! < min));
  }
  const max = schema[maxKey];
  if (typeof max === 'number' && measures.some((n) => n > max)) {
    const i = at((a, b) => a > b);
    schema[maxKey] = measures[i]!;
    record({ rule: 'bounds', page: pageSays(`${words[maxKey]} ${max}`), api: shown(measures[i]!, samples[i]!), result: `${maxKey} ${measures[i]}` }, samples.filter((_, j) => measures[j]! > max));
  }
}

/**
 * The page's array of objects, or the object alone (or the reverse): one anyOf, annotations outside it.
 * The object's schema goes into `$defs` once and both branches refer to it, so it is compiled, typed and
 * documented once.
 */
function arrayOrObject(schema: JsonSchema, pageShape: 'array' | 'object', path: string, ctx: Ctx): JsonSchema {
  const { outer, inner } = splitAnnotations(schema);
  const nullable = typesOf(inner).includes('null');
  const object: JsonSchema = pageShape === 'array' ? (inner.items as JsonSchema) : { ...inner, type: 'object' };
  const name = defName(path, ctx);
  ctx.defs.set(name, object);
  const ref: JsonSchema = { $ref: `#/$defs/${name}` };
  const array: JsonSchema = { type: 'array', items: ref };
  for (const key of ['minItems', 'maxItems'] as const) if (inner[key] !== undefined) array[key] = inner[key];
  const branches = pageShape === 'array' ? [array, ref] : [ref, array];
  if (nullable) branches.push({ type: 'null' });
  return { ...outer, anyOf: branches };
}

function orEmptyString(schema: JsonSchema): JsonSchema {
  const { outer, inner } = splitAnnotations(schema);
  // Already a union: one more alternative, not a union of a union.
  if (Array.isArray(inner.anyOf) && Object.keys(inner).length === 1) return { ...outer, anyOf: [...(inner.anyOf as JsonSchema[]), { const: '' }] };
  return { ...outer, anyOf: [inner, { const: '' }] };
}

const ANNOTATION_KEYS = ['title', 'description', 'examples', 'x-reconciled', 'x-notOnPage', 'x-enumDescriptions', 'x-maxDigits', 'x-minDigits'];

function splitAnnotations(schema: JsonSchema): { outer: JsonSchema; inner: JsonSchema } {
  const outer: JsonSchema = {};
  const inner: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) (ANNOTATION_KEYS.includes(k) ? outer : inner)[k] = v;
  return { outer, inner };
}

function notePlaceholders(schema: JsonSchema, placeholders: Sample[], path: string, ctx: Ctx): void {
  for (const s of placeholders) if (!acceptsPlaceholder(schema, s.value as string)) ctx.placeholders.push({ at: path, where: s.where });
}

/** Would the strict schema accept this placeholder? Types, enums (open or not), lengths and formats decide. */
function acceptsPlaceholder(schema: JsonSchema, value: string): boolean {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).some((b) => acceptsPlaceholder(b, value));
  if (schema.$ref !== undefined) return false;
  if (schema.const !== undefined) return schema.const === value;
  if (!allows(typesOf(schema), 'string')) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  const n = [...value].length;
  if (typeof schema.minLength === 'number' && n < schema.minLength) return false;
  if (typeof schema.maxLength === 'number' && n > schema.maxLength) return false;
  return typeof schema.format !== 'string' || formatHolds(schema.format, value);
}

function orderTypes(types: JsonType[]): JsonType[] {
  const order: JsonType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
  return unique(types).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function describeTypes(type: JsonSchema['type']): string {
  const list = Array.isArray(type) ? type : type ? [type] : [];
  return list.join(' | ') || 'any';
}

/** What a schema says, in a few words: `string, MIN 3`, `integer`, `array`. */
export function describe(schema: JsonSchema): string {
  if (refOf(schema)) return refOf(schema)!.ref.replace(/^#\/\$defs\//, '');
  const parts = [describeTypes(schema.type)];
  if (typeof schema.format === 'string') parts.push(`format ${schema.format}`);
  if (typeof schema.minLength === 'number') parts.push(`MIN ${schema.minLength}`);
  if (typeof schema.maxLength === 'number') parts.push(`MAX ${schema.maxLength}`);
  return parts.join(', ');
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The values in first-seen order, each once (JSON equality; one pass, keyed by the JSON text). */
function unique<T>(values: T[]): T[] {
  const primitives = new Set<unknown>();
  const objects = new Set<string>();
  const out: T[] = [];
  for (const v of values) {
    const isObject = v !== null && typeof v === 'object';
    const key = isObject ? JSON.stringify(v) : v;
    const seen: Set<unknown> = isObject ? objects : primitives;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}
