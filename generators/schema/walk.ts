/**
 * Walking a JSON Schema through its subschema positions only (the keys of `properties` are names, `enum`
 * and `const` values are data): the general walkers every stage that reads schemas shares.
 */
import { isPlainObject as isObject } from '../conforms.js';
import type { JsonSchema } from '../types.js';

/** Keywords whose value is one subschema (`items` also as a list, its pre-2020 form). */
export const ONE_SCHEMA = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties']);
/** Keywords whose value maps names (property names, patterns, definition names) to subschemas. */
export const SCHEMA_RECORDS = new Set(['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas', 'dependencies']);
/** Keywords whose value is a list of subschemas. */
export const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** A JSON pointer token: `~` and `/` escaped (RFC 6901). */
export function pointerToken(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** The key a JSON pointer token names: `~1` → `/`, `~0` → `~` (RFC 6901). */
export function tokenKey(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The definition name in a `$ref`'s `#/$defs/…` fragment token: URI-decoded, then unescaped (throws on a malformed %-escape). */
export function refTokenKey(token: string): string {
  return tokenKey(decodeURIComponent(token));
}

/**
 * Visit every schema object in document order with its JSON pointer, going only through subschema
 * positions: the keys of `properties` are names, and `enum`/`const`/`default`/`examples` values are data,
 * so a property called `enum` or an enum value shaped like a schema is never taken for a keyword. Uses
 * an explicit stack, so a deeply nested schema cannot overflow ours.
 */
export function walkSchema(schema: unknown, visit: (node: Record<string, unknown>, pointer: string) => void): void {
  const stack: [unknown, string][] = [[schema, '']];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop() as [unknown, string];
    if (!isObject(value)) continue;
    visit(value, pointer);
    const children: [unknown, string][] = [];
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (ONE_SCHEMA.has(key) && !Array.isArray(child)) children.push([child, `${pointer}/${pointerToken(key)}`]);
      else if ((SCHEMA_LISTS.has(key) || ONE_SCHEMA.has(key)) && Array.isArray(child)) {
        const at = `${pointer}/${pointerToken(key)}`;
        child.forEach((item: unknown, i) => children.push([item, `${at}/${i}`]));
      } else if (SCHEMA_RECORDS.has(key) && isObject(child)) {
        const at = `${pointer}/${pointerToken(key)}`;
        for (const name of Object.keys(child)) children.push([child[name], `${at}/${pointerToken(name)}`]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [unknown, string]);
  }
}

/** The target pointer of a local `$ref` ("#/…", percent-decoded), or undefined for any other reference. */
export function localTarget(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  try {
    const pointer = decodeURIComponent(ref.slice(1));
    return pointer === '' || pointer.startsWith('/') ? pointer : undefined;
  } catch {
    return undefined;
  }
}

export function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = tokenKey(raw);
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

export const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'default']);

/** Rebuild a schema bottom-up through the subschema positions the extractor and hand-written schemas use. */
export function mapSchema(schema: JsonSchema, fn: (node: JsonSchema) => JsonSchema): JsonSchema {
  const node: JsonSchema = { ...schema };
  const one = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? mapSchema(value as JsonSchema, fn) : value;
  const record = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, one(v)]))
      : value;
  const list = (value: unknown): unknown => (Array.isArray(value) ? value.map(one) : value);
  for (const key of ONE_SCHEMA) {
    if (Object.hasOwn(node, key)) node[key] = Array.isArray(node[key]) ? list(node[key]) : one(node[key]);
  }
  for (const key of SCHEMA_RECORDS) {
    if (Object.hasOwn(node, key)) node[key] = record(node[key]);
  }
  for (const key of SCHEMA_LISTS) {
    if (Object.hasOwn(node, key)) node[key] = list(node[key]);
  }
  return fn(node);
}
