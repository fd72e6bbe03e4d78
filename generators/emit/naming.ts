/**
 * The naming stage (emit time; the canonical schema stays nested, it is the committed truth): every nested
 * object of an object gets a name, and the code emitters see it as a `$defs` entry reached by a plain `$ref`.
 * Types then declare one exported interface per name, validators compile one function per name.
 *
 * The rule, one name per place: the object's name followed by the path of property names, each in
 * PascalCase (`Payment` → `customer_payer` → `billing_address`: `PaymentCustomerPayerBillingAddress`);
 * the items of an array and the alternatives of a union take the name of the field that holds them (the
 * items of `transactions` are `PaymentTransactions`); a definition's nested objects start from the
 * definition's name. A nested object with a `title` is named by its title (hand-written schemas, overrides):
 * two places with one name and the same shape (validation keywords; descriptions aside) are one type.
 * A name already taken by another shape, another object or a definition falls back to the parent's name,
 * `_` and the field's (`Payment_Method` when an object is called `PaymentMethod`), never to a number unless
 * that is taken too.
 */
import type { JsonSchema } from '../types.js';
import { isPlainObject as isObject } from '../conforms.js';
import { defTypeName, typeName, words } from '../rules/names.js';
import { pointerToken } from '../schema/walk.js';

/** Keywords that describe the place (a field), not the shape: they stay beside the `$ref`. */
const SITE_KEYS = new Set(['title', 'description', 'examples', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly']);
/** Keywords that change where references resolve: a schema that uses them is left as it is. */
const SCOPE_KEYS = ['$id', '$anchor', '$dynamicAnchor', '$dynamicRef', '$recursiveAnchor', '$recursiveRef'];

/** Keywords whose subschemas add to the object beside them. */
const IN_PLACE = ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'dependentSchemas', 'dependencies', 'not'];

/** Names by the JSON pointer (in the canonical schema) of the nested object they name. */
export type NestedNames = Record<string, string>;

/** Decides the name of one place: `proposed` by the rule, `fallback` when that is taken; returns the name given. */
export type ClaimName = (proposed: string, fallback: string, shape: string) => string;

/**
 * A name registry across all objects of a run: one name is one shape of one owner (an object, or a
 * definition that objects share), and names in `reserved` (objects, definitions, run-time names) are never given.
 */
export function nameRegistry(reserved: Iterable<string>): (owner: string) => ClaimName {
  const taken = new Map<string, string>();
  for (const name of reserved) taken.set(name, '');
  return (owner) => (proposed, fallback, shape) => {
    const key = `${owner}\n${shape}`;
    for (const candidate of [proposed, fallback]) {
      const seen = taken.get(candidate);
      if (seen === undefined) {
        taken.set(candidate, key);
        return candidate;
      }
      if (seen === key) return candidate;
    }
    for (let n = 2; ; n++) {
      const candidate = `${fallback}${n}`;
      const seen = taken.get(candidate);
      if (seen === undefined || seen === key) {
        taken.set(candidate, key);
        return candidate;
      }
    }
  };
}

/**
 * Whether a schema can be named at all: every `$ref` points to the root or a definition (moving a subtree
 * would break any other pointer) and nothing below the root sets a new base.
 */
function nameable(schema: JsonSchema): boolean {
  let ok = true;
  const stack: unknown[] = [schema];
  let first = true;
  while (stack.length > 0 && ok) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isObject(node)) continue;
    const ref = node['$ref'];
    if (typeof ref === 'string' && ref !== '#' && !/^#\/\$defs\/[^/]+$/.test(ref)) ok = false;
    if (!first && SCOPE_KEYS.some((k) => node[k] !== undefined)) ok = false;
    first = false;
    for (const [key, value] of Object.entries(node)) {
      // Data, not schemas.
      if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default' || key.startsWith('x-')) continue;
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return ok;
}

/** A nested object that gets a name: it lists properties and describes an object (or null). */
function namedShape(node: unknown): node is JsonSchema {
  if (!isObject(node) || !isObject(node['properties']) || Object.keys(node['properties']).length === 0) return false;
  if (node['$ref'] !== undefined || SCOPE_KEYS.some((k) => node[k] !== undefined)) return false;
  const type = node['type'];
  if (type === undefined || type === 'object') return true;
  return Array.isArray(type) && type.includes('object') && type.every((t) => t === 'object' || t === 'null');
}

/** The shape of a named body for comparing two places: annotations aside (`x-openEnum` changes validity). */
function shapeKey(node: unknown): string {
  return JSON.stringify(node, (key, value: unknown) =>
    isObject(value) && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).filter(([k]) => !(SITE_KEYS.has(k) && k !== 'title') && (!k.startsWith('x-') || k === 'x-openEnum')),
        )
      : value,
  );
}

function fieldWords(key: string): string {
  const name = typeName(words(key));
  return name === '' ? 'Field' : name.replace(/^_/, '');
}

interface Hoisted {
  schema: JsonSchema;
  /** The names added to `$defs`, in order of first use. */
  added: string[];
}

/**
 * The schema with its nested objects named: each replaced by `{ "$ref": "#/$defs/Name" }` (its description and
 * other place annotations kept beside the reference), the shapes added to `$defs`. `claim` decides each name
 * (a registry's while planning, a lookup of the plan's names while emitting). Defaults to the input unchanged
 * when the schema cannot be named (see nameable).
 */
export function hoistNested(schema: JsonSchema, objectName: string, claim: (pointer: string, proposed: string, fallback: string, shape: string) => string): Hoisted {
  if (!nameable(schema)) return { schema, added: [] };
  const defs: Record<string, JsonSchema> = {};
  const added: string[] = [];
  /** A place holding a value: named when it is a nested object, else searched for nested objects. */
  const place = (node: unknown, pointer: string, proposed: string, fallback: string): unknown => {
    if (!isObject(node)) return node;
    if (!namedShape(node)) return inside(node as JsonSchema, pointer, proposed, fallback, false);
    const title = typeof node.title === 'string' ? typeName(words(node.title)) : '';
    const tentative = title !== '' ? title : proposed;
    const body = inside(node, pointer, tentative, tentative, true);
    const site: JsonSchema = {};
    const shape: JsonSchema = {};
    for (const [key, value] of Object.entries(body)) {
      if (SITE_KEYS.has(key) || (key.startsWith('x-') && key !== 'x-openEnum')) site[key] = value;
      else shape[key] = value;
    }
    // The type's own JSDoc: the first place's description.
    if (typeof node.description === 'string') shape.description = node.description;
    const name = claim(pointer, tentative, fallback, shapeKey(shape));
    if (!Object.hasOwn(defs, name)) {
      defs[name] = shape;
      added.push(name);
    }
    return { $ref: `#/$defs/${pointerToken(name)}`, ...site };
  };
  /** The children of one schema: properties name by field, items and union members by the place. */
  const inside = (node: JsonSchema, pointer: string, name: string, fallbackBase: string, isNamed: boolean): JsonSchema => {
    const out: JsonSchema = { ...node };
    const props = node.properties;
    // Keys an in-place branch declares again are closed, in the strict variant, by this object with the keys
    // of every place (see deriveStrict): a reference would close each place on its own. Such objects keep
    // their properties in place.
    const inPlace = IN_PLACE.some((k) => node[k] !== undefined);
    if (isNamed && isObject(props) && !inPlace) {
      out.properties = Object.fromEntries(
        Object.entries(props).map(([key, child]) => {
          const field = fieldWords(key);
          return [key, place(child, `${pointer}/properties/${pointerToken(key)}`, `${name}${field}`, `${name}_${field}`)];
        }),
      ) as JsonSchema['properties'];
    }
    if (isObject(node.items)) out.items = place(node.items, `${pointer}/items`, name, fallbackBase) as JsonSchema;
    // A union of value types (`[array of X, X]`, `[X, null]`); the branches of an object's own `anyOf` add to it and stay.
    if (!isNamed && Array.isArray(node.anyOf)) out.anyOf = node.anyOf.map((option, i) => place(option, `${pointer}/anyOf/${i}`, name, fallbackBase) as JsonSchema);
    return out;
  };
  const root = inside(schema, '', objectName, objectName, true);
  const existing = isObject(schema.$defs) ? schema.$defs : {};
  const ownDefs: Record<string, JsonSchema> = {};
  for (const [defName, def] of Object.entries(existing)) {
    const prefix = defTypeName(defName);
    ownDefs[defName] = isObject(def) ? inside(def as JsonSchema, `/$defs/${pointerToken(defName)}`, prefix, prefix, namedShape(def)) : def;
  }
  if (added.length === 0) return { schema, added };
  return { schema: { ...root, $defs: { ...ownDefs, ...defs } }, added };
}

/** The names of one object's nested objects, claimed in a run-wide registry (planning). */
export function planNestedNames(schema: JsonSchema, objectName: string, claimFor: (owner: string) => ClaimName): NestedNames {
  const names: NestedNames = {};
  const own = claimFor(objectName);
  const byDef = new Map<string, ClaimName>();
  hoistNested(schema, objectName, (pointer, proposed, fallback, shape) => {
    // Nested objects of a definition belong to it (objects share definitions): named once for all.
    const def = /^\/\$defs\/([^/]+)/.exec(pointer)?.[1];
    let claim = own;
    if (def !== undefined) {
      claim = byDef.get(def) ?? claimFor(`$defs/${def}`);
      byDef.set(def, claim);
    }
    return (names[pointer] = claim(proposed, fallback, shape));
  });
  return names;
}

/** The schema named as planned (emitting): `names` from planNestedNames. */
export function applyNestedNames(schema: JsonSchema, objectName: string, names: NestedNames): Hoisted {
  return hoistNested(schema, objectName, (pointer, proposed) => names[pointer] ?? proposed);
}
