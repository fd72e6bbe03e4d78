/**
 * Does a value satisfy a schema? A conservative check used while building schemas and docs (which page
 * examples to keep, which example object to show), never as the product's validator: it may refuse a
 * value the schema accepts when the schema uses a keyword it does not know, but it never accepts a value
 * the schema refuses. Formats are ajv-formats' own (full mode) and `multipleOf` is the exact decimal check
 * the generated validators run (isMultipleOf), so it judges exactly as they do. An open enum
 * (`x-openEnum`) is judged as the default validators judge it (any value of the schema's `type`), or,
 * with `closedEnums`, as the `…Strict` ones do (only the listed values).
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isMultipleOf } from './runtime/values.js';
import type { JsonSchema } from './types.js';

const REF_PREFIX = '#/$defs/';

export function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function refName(schema: JsonSchema): string | undefined {
  return typeof schema.$ref === 'string' && schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : undefined;
}

/** The schema a `$ref` points at (local `#/$defs/…` only), merged under the referring schema's own keywords. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const name = refName(schema);
  const target = name === undefined ? undefined : own(root.$defs, name);
  if (target === undefined) return schema;
  const { $ref: _ref, ...rest } = schema;
  return { ...target, ...rest };
}

const CHECKED = new Set([
  '$schema', '$id', '$ref', '$defs', 'title', 'description', 'examples', 'type', 'format', 'enum', 'const', 'anyOf',
  'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'items', 'minItems', 'maxItems', 'properties', 'required', 'minProperties', 'additionalProperties',
  'x-enumDescriptions', 'x-maxDigits', 'x-minDigits', 'x-openEnum', 'x-reconciled', 'x-notOnPage',
]);

export interface ConformsOptions {
  /** Judge open enums (`x-openEnum`) as the `…Strict` validators do: only the listed values. */
  closedEnums?: boolean;
}

/** @param root the schema whose `$defs` local references point into */
export function conforms(value: unknown, raw: JsonSchema, root: JsonSchema, depth = 0, options: ConformsOptions = {}): boolean {
  if (depth > 32) return false;
  const s = resolve(raw, root);
  if (Object.keys(s).some((k) => !CHECKED.has(k))) return false;
  const inner = (v: unknown, schema: JsonSchema): boolean => conforms(v, schema, root, depth + 1, options);
  if (Array.isArray(s.anyOf) && !(s.anyOf as JsonSchema[]).some((branch) => inner(value, branch))) return false;
  if (s.const !== undefined && !sameJson(value, s.const)) return false;
  const open = s['x-openEnum'] === true && options.closedEnums !== true;
  if (Array.isArray(s.enum) && !open && !s.enum.some((e) => sameJson(value, e))) return false;
  const types = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
  if (types.length > 0 && !types.some((t) => hasType(value, t))) return false;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (s.minLength !== undefined && length < s.minLength) return false;
    if (s.maxLength !== undefined && length > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) return false;
    if (typeof s.format === 'string' && !formatHolds(s.format, value)) return false;
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) return false;
    if (s.maximum !== undefined && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
    if (typeof s.multipleOf === 'number' && !isMultipleOf(value, s.multipleOf)) return false;
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) return false;
    if (s.maxItems !== undefined && value.length > s.maxItems) return false;
    if (s.items !== undefined && !value.every((v) => inner(v, s.items as JsonSchema))) return false;
  }
  if (isPlainObject(value)) {
    for (const key of s.required ?? []) if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (typeof s.minProperties === 'number' && Object.keys(value).length < s.minProperties) return false;
    for (const [key, v] of Object.entries(value)) {
      const child = own(s.properties, key);
      if (child !== undefined) {
        if (!inner(v, child)) return false;
      } else if (s.additionalProperties === false) return false;
      else if (typeof s.additionalProperties === 'object' && !inner(v, s.additionalProperties)) {
        return false;
      }
    }
  }
  return true;
}

// `multipleOf`, exactly, by the generated validators' own code (generators/runtime/values.ts): the decimal number
// `value`'s shortest form writes, divided by the one `step`'s writes, is an integer.
export { decimalOf, isMultipleOf } from './runtime/values.js';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return false;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type FormatCheck = ((value: string) => boolean) | RegExp | { validate: ((value: string) => boolean) | RegExp };

/** A format ajv-formats does not know is refused (conservative). */
export function formatHolds(format: string, value: string): boolean {
  const f = own(fullFormats as Record<string, FormatCheck>, format);
  const check = f !== undefined && typeof f === 'object' && 'validate' in f ? f.validate : f;
  if (check instanceof RegExp) return check.test(value);
  return typeof check === 'function' ? check(value) : false;
}
