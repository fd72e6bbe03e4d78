/**
 * AJV's `properties` leaves out a property named `__proto__` (a guard of its own), so a field of that name
 * went unchecked and the strict validators took it for an unknown key. The same check written as a
 * `patternProperties` entry of the same object (`^__proto__$`) is applied by AJV, with the same meaning.
 */
import type { JsonSchema } from '../types.js';
import { isPlainObject as isObject } from '../conforms.js';
import { mapSchema } from '../schema/walk.js';

const PROTO = '__proto__';
const PATTERN = '^__proto__$';

export function protoAsPattern(schema: JsonSchema): JsonSchema {
  if (!JSON.stringify(schema).includes(`"${PROTO}"`)) return schema;
  return mapSchema(schema, (node) => {
    const properties = node.properties;
    if (!isObject(properties) || !Object.hasOwn(properties, PROTO)) return node;
    const rest: Record<string, JsonSchema> = {};
    for (const [key, value] of Object.entries(properties)) if (key !== PROTO) rest[key] = value as JsonSchema;
    const patterns: Record<string, JsonSchema> = isObject(node.patternProperties) ? { ...(node.patternProperties as Record<string, JsonSchema>) } : {};
    const own = properties[PROTO] as JsonSchema;
    patterns[PATTERN] = Object.hasOwn(patterns, PATTERN) ? { allOf: [patterns[PATTERN] as JsonSchema, own] } : own;
    return { ...node, properties: rest, patternProperties: patterns };
  });
}
