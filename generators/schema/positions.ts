/**
 * Where each subschema sits (a value, in place, or a condition) and how each `$ref` target is used: what the
 * strict validators and the check for unsupported schemas read.
 */
import { isPlainObject as isObject } from '../conforms.js';
import { YUNO_KEYWORDS, type JsonSchema } from '../types.js';
import { ANNOTATIONS, localTarget, pointerToken, resolvePointer } from './walk.js';

/** Where a subschema sits, for the strict variant. */
export type StrictPosition =
  /** It describes a value of its own (the root, a property, an item …): closed if it lists properties. */
  | 'value'
  /** It adds to the value its parent describes (`allOf`/`anyOf`, `then`/`else`, `dependentSchemas`, a `$ref` beside other keywords): the parent closes, with its keys. */
  | 'inPlace'
  /** A test, not a description (`not`, `if`, `contains`, `propertyNames`, and the `oneOf` count): closing anything in it would change its answer. */
  | 'condition';

export const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'];
export const IN_PLACE_ONE = ['then', 'else'];
export const CONDITION_ONE = ['not', 'if', 'contains', 'propertyNames'];
export const VALUE_ONE = ['additionalProperties', 'unevaluatedProperties', 'unevaluatedItems'];
export const VALUE_RECORDS = ['properties', 'patternProperties'];
export const DEF_RECORDS = ['$defs', 'definitions'];

export interface StrictChild {
  key: string;
  /** The property or definition name, or the list index, under `key`; undefined when `key` holds one schema. */
  sub?: string | number;
  node: unknown;
  position: StrictPosition;
  pointer: string;
}

/** The subschemas of one schema with the positions their place gives them (definitions: as values). */
export function strictChildren(node: Record<string, unknown>, position: StrictPosition, pointer: string): StrictChild[] {
  const children: StrictChild[] = [];
  const inner = (wanted: StrictPosition): StrictPosition => (position === 'condition' ? 'condition' : wanted);
  for (const key of Object.keys(node)) {
    const value = node[key];
    const at = `${pointer}/${pointerToken(key)}`;
    const record = (wanted: (childAt: string) => StrictPosition): void => {
      if (!isObject(value)) return;
      for (const name of Object.keys(value)) {
        const childAt = `${at}/${pointerToken(name)}`;
        children.push({ key, sub: name, node: value[name], position: inner(wanted(childAt)), pointer: childAt });
      }
    };
    const list = (wanted: StrictPosition): void => {
      if (Array.isArray(value)) value.forEach((item: unknown, i) => children.push({ key, sub: i, node: item, position: inner(wanted), pointer: `${at}/${i}` }));
    };
    if (VALUE_RECORDS.includes(key) || DEF_RECORDS.includes(key)) record(() => 'value');
    // `dependencies` is the draft-07 spelling of dependentRequired (a list) and dependentSchemas (a schema).
    else if (key === 'dependentSchemas' || key === 'dependencies') record(() => 'inPlace');
    else if (key === 'prefixItems' || (key === 'items' && Array.isArray(value))) list('value');
    else if (key === 'oneOf') list('condition');
    else if (IN_PLACE_LISTS.includes(key)) list('inPlace');
    else if (key === 'items' || VALUE_ONE.includes(key)) children.push({ key, node: value, position: inner('value'), pointer: at });
    else if (IN_PLACE_ONE.includes(key)) children.push({ key, node: value, position: inner('inPlace'), pointer: at });
    else if (CONDITION_ONE.includes(key)) children.push({ key, node: value, position: 'condition', pointer: at });
  }
  return children;
}

/** The in-place subschemas of one schema: they add to the value it describes. */
export function inPlaceChildren(node: Record<string, unknown>): unknown[] {
  const children: unknown[] = [];
  for (const key of IN_PLACE_LISTS) if (Array.isArray(node[key])) children.push(...(node[key] as unknown[]));
  for (const key of IN_PLACE_ONE) if (node[key] !== undefined) children.push(node[key]);
  for (const key of ['dependentSchemas', 'dependencies']) {
    const dependent = node[key];
    if (isObject(dependent)) children.push(...Object.values(dependent).filter((child) => isObject(child)));
  }
  return children;
}

/** A `$ref` with nothing beside it but annotations: it only names the schema of a value. */
export function plainRef(node: Record<string, unknown>): boolean {
  return Object.keys(node).every((key) => key === '$ref' || ANNOTATIONS.has(key) || YUNO_KEYWORDS.includes(key as (typeof YUNO_KEYWORDS)[number]));
}

/**
 * How each schema a local `$ref` reaches (by JSON pointer) is used: 'value' when every `$ref` to it is a plain
 * `{ "$ref": … }` (annotations aside) describing a value, 'inPlace' when one adds it to other keywords or sits
 * in an in-place subschema, 'condition' when one sits inside a `not`, `if`, `contains`, `propertyNames` or
 * `oneOf` branch. A schema no `$ref` reaches is not in the map. `untracked`: a reference in a condition points
 * somewhere this cannot follow (not a local JSON pointer, a `$dynamicRef`, or nested `$id`/`$anchor` scopes).
 */
export function schemaUses(schema: JsonSchema): { uses: Map<string, StrictPosition>; untracked: boolean } {
  const uses = new Map<string, StrictPosition>();
  let untracked = false;
  let scoped = false;
  const RANK: Record<StrictPosition, number> = { value: 0, inPlace: 1, condition: 2 };
  // A definition is walked where a reference reaches it (not where it sits), and a schema is walked again
  // when a reference reaches it from a condition: what it refers to is then used in a condition too.
  const walked = new Map<string, StrictPosition>();
  const stack: { node: unknown; position: StrictPosition; pointer: string }[] = [{ node: schema, position: 'value', pointer: '' }];
  while (stack.length > 0) {
    const { node, position, pointer } = stack.pop() as (typeof stack)[number];
    if (!isObject(node)) continue;
    if (pointer !== '' && ['$id', '$anchor', '$dynamicAnchor'].some((key) => node[key] !== undefined)) scoped = true;
    // Dynamic references resolve at run time: one in a condition could reach anything.
    if (position === 'condition' && (node['$dynamicRef'] !== undefined || node['$recursiveRef'] !== undefined)) untracked = true;
    const ref = node['$ref'];
    if (ref !== undefined) {
      // AJV splits a pointer at `/` before it decodes `%2F`; this reading decodes first: not followed.
      const target = typeof ref === 'string' && /%2f/i.test(ref) ? undefined : localTarget(ref);
      const reached = target === undefined ? undefined : resolvePointer(schema, target);
      if (target === undefined || reached === undefined) {
        if (position === 'condition') untracked = true;
      } else {
        const use: StrictPosition = position === 'value' && !plainRef(node) ? 'inPlace' : position;
        const before = uses.get(target);
        if (before === undefined || RANK[use] > RANK[before]) uses.set(target, use);
        const body = use === 'condition' ? 'condition' : 'value';
        // Walked again from here even if it was walked where it sits: that may be inside a definition no
        // `$ref` reaches, which is never walked in place.
        const done = walked.get(target);
        if (done === undefined || RANK[body] > RANK[done]) {
          walked.set(target, body);
          stack.push({ node: reached, position: body, pointer: target });
        }
      }
    }
    stack.push(...strictChildren(node, position, pointer).filter((child) => !DEF_RECORDS.includes(child.key)));
  }
  // With nested scopes a local pointer may resolve against another base: a reference used in a condition may
  // then reach something else than the schema found here.
  if (scoped && [...uses.values()].includes('condition')) untracked = true;
  return { uses, untracked };
}
