/**
 * The shapes of a schema as the docs describe them: `allOf` merged into one schema where its parts agree,
 * `anyOf`/`oneOf` flattened into a list of alternatives, `$ref` chains followed to the definition they
 * end at. Pure functions of a schema and the root whose `$defs` its local references point into; the docs
 * model (docs-model.ts) and the example object both read schemas through them.
 */
import { own, refName, resolve } from '../conforms.js';
import type { JsonSchema, JsonType } from '../types.js';

/** Keywords that describe a value without constraining it: a branch with only these adds no condition. */
const ANNOTATIONS = new Set([
  '$schema', '$id', '$comment', '$anchor', '$defs', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly',
  'x-enumDescriptions', 'x-reconciled', 'x-notOnPage',
]);

/** The keywords that apply to values of one JSON type (`minLength` to strings only, …). */
const FOR_TYPE: Record<JsonType, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format', 'contentEncoding', 'contentMediaType'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'x-maxDigits', 'x-minDigits'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'x-maxDigits', 'x-minDigits'],
  array: ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'minContains', 'maxContains'],
  object: ['properties', 'required', 'minProperties', 'maxProperties', 'additionalProperties', 'patternProperties', 'propertyNames', 'dependentRequired'],
  boolean: [],
  null: [],
};
const TYPES = Object.keys(FOR_TYPE) as JsonType[];

/** How deep `allOf` merging and union flattening follow nested combinators and references. */
const MAX_DEPTH = 32;

export function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties !== undefined) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return [];
}

export function isObjectWithFields(schema: JsonSchema): boolean {
  return schema.properties !== undefined && Object.keys(schema.properties).length > 0;
}

/** An object with fields (typed `object` or untyped): what gets a fields table. */
export function isFieldsObject(schema: JsonSchema): boolean {
  const types = typesOf(schema);
  return isObjectWithFields(schema) && (types.length === 0 || types.includes('object'));
}

export function unionOf(schema: JsonSchema): JsonSchema[] | undefined {
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  return list === undefined || list.length === 0 ? undefined : (list as JsonSchema[]);
}

/** A schema whose only condition is its `anyOf`/`oneOf`: its alternatives can stand in its place in a wider union. */
function onlyUnion(schema: JsonSchema): boolean {
  return unionOf(schema) !== undefined && Object.keys(schema).every((k) => k === 'anyOf' || k === 'oneOf' || ANNOTATIONS.has(k)) &&
    !(Array.isArray(schema.anyOf) && Array.isArray(schema.oneOf));
}

/** A schema without conditions (`{}`, a description alone): any value. */
export function isAnything(schema: JsonSchema): boolean {
  return Object.keys(schema).every((k) => ANNOTATIONS.has(k));
}

/**
 * A `$ref` followed to the end of its chain: the schema there (with the referring schemas' own keywords
 * over it) and the name of the last definition, or the schema itself when it refers to nothing local.
 */
export function deref(schema: JsonSchema, root: JsonSchema): { schema: JsonSchema; name: string | undefined } {
  let current = schema;
  let name: string | undefined;
  const seen = new Set<string>();
  for (let ref = refName(current); ref !== undefined && !seen.has(ref) && own(root.$defs, ref) !== undefined; ref = refName(current)) {
    seen.add(ref);
    name = ref;
    current = resolve(current, root);
  }
  return { schema: current, name };
}

/**
 * `allOf` merged into the schema, as the types (an intersection) and the validators (every part holds)
 * read it: fields and `required` of all parts in one object, the tighter of two bounds, the common types
 * and values. A part that is a `$ref` is merged as its definition. When two parts state the same
 * condition differently in a way no single schema says (two patterns, two formats), the schema is
 * returned as it is, `allOf` and all. `{ allOf: [{ $ref }] }` beside annotations is the `$ref` itself.
 * The names of the definitions merged in are added to `inlined`, so a caller can tell a definition that
 * includes itself.
 */
export function mergeAllOf(schema: JsonSchema, root: JsonSchema, depth = 0, inlined: string[] = []): JsonSchema {
  if (!Array.isArray(schema.allOf) || depth > MAX_DEPTH) return schema;
  const { allOf, ...rest } = schema;
  const parts = allOf as JsonSchema[];
  if (parts.length === 0) return rest;
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only !== undefined && refName(only) !== undefined && Object.keys(only).length === 1 && rest.$ref === undefined) {
    return { ...rest, $ref: only.$ref };
  }
  const follow = (s: JsonSchema): JsonSchema => {
    const { schema: target, name } = deref(s, root);
    if (name !== undefined) inlined.push(name);
    return mergeAllOf(target, root, depth + 1, inlined);
  };
  let merged: JsonSchema | undefined = follow(rest);
  for (const part of parts) {
    if (merged === undefined) break;
    merged = mergeTwo(merged, follow(part));
  }
  if (merged === undefined || Array.isArray(merged.allOf)) return schema;
  // Words written here say more than a definition's own: the schema's, then its parts', then the definitions'.
  for (const key of ['title', 'description', 'examples'] as const) {
    const own = [rest, ...parts.filter((p) => refName(p) === undefined), ...parts].find((p) => p[key] !== undefined);
    if (own !== undefined) (merged as Record<string, unknown>)[key] = own[key];
  }
  return merged;
}

const LOWER = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties', 'x-minDigits', 'minContains'];
const UPPER = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties', 'x-maxDigits', 'maxContains'];

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Two schemas as one, or undefined when they cannot be written as one. `a`'s annotations come first. */
function mergeTwo(a: JsonSchema, b: JsonSchema): JsonSchema | undefined {
  const out: JsonSchema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = own(out as Record<string, unknown>, key);
    if (mine === undefined) {
      (out as Record<string, unknown>)[key] = value;
      continue;
    }
    if (sameJson(mine, value)) continue;
    if (ANNOTATIONS.has(key)) {
      if (key === 'x-reconciled' && Array.isArray(mine) && Array.isArray(value)) out[key] = [...mine, ...value] as JsonSchema['x-reconciled'];
      else if (key === 'x-enumDescriptions') out[key] = { ...(value as Record<string, string>), ...(mine as Record<string, string>) };
      continue;
    }
    if (LOWER.includes(key) && typeof mine === 'number' && typeof value === 'number') out[key] = Math.max(mine, value);
    else if (UPPER.includes(key) && typeof mine === 'number' && typeof value === 'number') out[key] = Math.min(mine, value);
    else if (key === 'type') {
      const common = commonTypes(typesList(mine), typesList(value));
      if (common.length === 0) return undefined;
      out.type = common.length === 1 ? (common[0] as JsonType) : (common as JsonType[]);
    } else if (key === 'required' && Array.isArray(mine) && Array.isArray(value)) {
      out.required = [...new Set([...(mine as string[]), ...(value as string[])])];
    } else if (key === 'enum' && Array.isArray(mine) && Array.isArray(value)) {
      out.enum = mine.filter((v) => value.some((w) => sameJson(v, w)));
    } else if (key === 'properties' && typeof mine === 'object' && typeof value === 'object') {
      const properties: Record<string, JsonSchema> = { ...(mine as Record<string, JsonSchema>) };
      for (const [name, child] of Object.entries(value as Record<string, JsonSchema>)) {
        const known = own(properties, name);
        // Defined as own properties, so a field named `__proto__` stays a field.
        Object.defineProperty(properties, name, {
          value: known === undefined || sameJson(known, child) ? child : { allOf: [known, child] },
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out.properties = properties;
    } else if (key === 'items' && typeof mine === 'object' && typeof value === 'object') {
      out.items = { allOf: [mine as JsonSchema, value as JsonSchema] };
    } else if (key === 'additionalProperties' && (mine === false || value === false)) {
      out.additionalProperties = false;
    } else return undefined;
  }
  return out;
}

function typesList(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
}

/** The types both lists allow; `integer` is a `number`. */
function commonTypes(a: string[], b: string[]): string[] {
  const has = (list: string[], t: string): boolean => list.includes(t) || (t === 'integer' && list.includes('number'));
  return TYPES.filter((t) => has(a, t) && has(b, t));
}

/**
 * The alternatives of an `anyOf`/`oneOf`, flattened: a branch that is itself only a union (directly or
 * through a `$ref` to a definition that is one) gives its own alternatives in its place, once: a
 * definition that includes itself stays a `$ref`. Each branch has its `allOf` merged, and takes the
 * union's own `type` when it states none.
 */
export function alternatives(schema: JsonSchema, root: JsonSchema, depth = 0, seen: ReadonlySet<string> = new Set()): JsonSchema[] {
  const list = unionOf(schema) ?? [];
  const out: JsonSchema[] = [];
  for (const raw of list) {
    let branch = mergeAllOf(raw, root);
    if (branch.type === undefined && schema.type !== undefined && refName(branch) === undefined && !isAnything(branch)) {
      branch = { type: schema.type, ...branch };
    }
    const { schema: target, name } = deref(branch, root);
    const named = name === undefined || seen.has(name) ? undefined : mergeAllOf(target, root);
    const inner = onlyUnion(branch) ? branch : named !== undefined && onlyUnion(named) ? named : undefined;
    if (inner !== undefined && depth < MAX_DEPTH) out.push(...alternatives(inner, root, depth + 1, name === undefined ? seen : new Set([...seen, name])));
    else out.push(branch);
  }
  return out;
}

/**
 * One alternative split by JSON type: `{ type: ['string', 'null'], minLength: 3 }` is a string of at
 * least 3 characters, or null. Each part keeps the keywords that apply to its type (and its title and
 * description, but for null);
 * `enum` and `const` are left out (the caller lists the values once). A schema with one type or none is
 * returned as it is.
 */
export function splitTypes(schema: JsonSchema): JsonSchema[] {
  if (!Array.isArray(schema.type) || schema.type.length < 2) return [schema];
  return schema.type.map((t) => {
    const part: JsonSchema = { type: t };
    for (const key of FOR_TYPE[t] ?? []) {
      const value = own(schema as Record<string, unknown>, key);
      if (value !== undefined) (part as Record<string, unknown>)[key] = value;
    }
    if (t !== 'null') {
      if (typeof schema.title === 'string') part.title = schema.title;
      if (typeof schema.description === 'string') part.description = schema.description;
    }
    return part;
  });
}

/** The JSON types of a list of values: `["A", "B"]` is `string`. */
export function typesOfValues(values: unknown[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
