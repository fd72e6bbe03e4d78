/**
 * Rule "operation match": which operations return an object. An example's node is the object when its
 * keys are the page's top-level fields: the response itself, an item of a response array, or a value
 * (or array item) one key down in a wrapper such as `{ "payment": … }` or `{ "data": [ … ] }`. Keys every
 * API object has (`id`, `status`, `created_at`, …) say little, so at least one distinctive key must agree.
 * When the route names the object (`/payments/{id}` for Payment) a looser key agreement suffices; a route
 * that does not name it needs a strong one. A node several objects of the run claim goes to the best match.
 */
import type { ApiExample, ApiOperation } from '../openapi/read.js';
import { isPlainObject } from '../conforms.js';
import { pointerToken } from '../schema/walk.js';
import { words } from '../rules/names.js';
import type { SchemaDocument } from '../types.js';

/** One value the API sends for an object (or, deeper, for one of its fields), with where it was seen. */
export interface Sample {
  value: unknown;
  /** `payments/create-payment.json POST /payments 201 "Payment" /customer_payer/email` */
  where: string;
}

export interface ObjectMatch {
  /** The matched operations, `file METHOD route`, in input order. */
  operations: string[];
  /** One sample per matched node: the object as the API sends it. */
  samples: Sample[];
}

/** Keys so common across Yuno's objects that sharing them says nothing about which object it is. */
export const GENERIC_KEYS = new Set([
  'id', 'account_id', 'account_code', 'code', 'name', 'type', 'status', 'sub_status', 'description', 'metadata',
  'created_at', 'updated_at', 'amount', 'currency', 'country', 'merchant_reference', 'provider', 'category',
]);

interface Score {
  named: boolean;
  distinct: number;
  /** Share of the node's keys that are the page's fields. */
  keys: number;
  /** Share of the page's fields the node has. */
  fields: number;
  jaccard: number;
}

export function score(node: Record<string, unknown>, fields: Set<string>, named: boolean): Score {
  const keys = Object.keys(node);
  const shared = keys.filter((k) => fields.has(k));
  const union = new Set([...keys, ...fields]).size;
  return {
    named,
    distinct: shared.filter((k) => !GENERIC_KEYS.has(k)).length,
    keys: keys.length === 0 ? 0 : shared.length / keys.length,
    fields: fields.size === 0 ? 0 : shared.length / fields.size,
    jaccard: union === 0 ? 0 : shared.length / union,
  };
}

export function isMatch(s: Score): boolean {
  return s.named ? s.distinct >= 2 && s.keys >= 0.6 && s.fields >= 0.2 : s.distinct >= 3 && s.keys >= 0.9 && s.fields >= 0.5;
}

/** A wrapper carries one payload and a little about it (`{ payment }`, `{ data, pagination }`). */
export const WRAPPER_MAX_KEYS = 4;

/**
 * Does the route name the object? One path segment, or two in a row, whose words are the object's first
 * two words (singular): `/customers/sessions` names CustomerSession, `/payments/{id}/refund` names
 * Payment, `/payment-links` names PaymentLink but not Payment, `/v1/payment-method-domains` neither.
 */
export function routeNames(route: string, objectName: string): boolean {
  const want = nameWords(objectName);
  const segments = route
    .split('/')
    .filter((s) => s && !s.startsWith('{') && !/^v\d+$/i.test(s))
    .map((s) => words(s).map(singular).join(' '));
  return segments.some((seg, i) => seg === want || (i + 1 < segments.length && `${seg} ${segments[i + 1]}` === want));
}

/** Does a key name the object? `payment` and `payments` name Payment; `customer_payer` does not name Customer. */
export function keyNames(key: string, objectName: string): boolean {
  return words(key).map(singular).join(' ') === nameWords(objectName);
}

function nameWords(objectName: string): string {
  return words(objectName.replace(/([a-z0-9])([A-Z])/g, '$1 $2')).slice(0, 2).map(singular).join(' ');
}

function singular(word: string): string {
  return word.endsWith('ss') || !word.endsWith('s') ? word : word.slice(0, -1);
}

/** The nodes of an example that may be the object: the root, or one level into an array or an object. */
function candidates(value: unknown): { pointer: string; key?: string; node: Record<string, unknown> }[] {
  if (isPlainObject(value)) {
    const out: { pointer: string; key?: string; node: Record<string, unknown> }[] = [{ pointer: '', node: value }];
    for (const [key, child] of Object.entries(value)) {
      const at = `/${pointerToken(key)}`;
      if (isPlainObject(child)) out.push({ pointer: at, key, node: child });
      else if (Array.isArray(child)) child.forEach((item, i) => isPlainObject(item) && out.push({ pointer: `${at}/${i}`, key, node: item }));
    }
    return out;
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => (isPlainObject(item) ? [{ pointer: `/${i}`, node: item }] : []));
  return [];
}

/**
 * For each object of the run, the operations that return it and its samples. The root of an example is
 * preferred: children are looked at only when the root is no object of the run (so a Payment's
 * `customer_payer` is never taken for a Customer).
 */
export function matchObjects(docs: SchemaDocument[], operations: ApiOperation[]): ObjectMatch[] {
  const fields = docs.map((d) => new Set(Object.keys(d.schema.properties ?? {})));
  const matches: ObjectMatch[] = docs.map(() => ({ operations: [], samples: [] }));
  for (const op of operations) {
    const named = docs.map((d) => routeNames(op.route, d.name));
    const matchedBy = new Set<number>();
    for (const example of op.examples) {
      for (const [index, pointer, node] of claims(example, docs, fields, named)) {
        matches[index]!.samples.push({ value: node, where: `${example.label}${pointer}` });
        matchedBy.add(index);
      }
    }
    for (const index of [...matchedBy].sort((a, b) => a - b)) matches[index]!.operations.push(`${op.file} ${op.label}`);
  }
  return matches;
}

function claims(example: ApiExample, docs: SchemaDocument[], fields: Set<string>[], named: boolean[]): [number, string, Record<string, unknown>][] {
  const nodes = candidates(example.value);
  const best = (node: Record<string, unknown>, allowed: (index: number) => boolean): { index: number; s: Score } | undefined => {
    let top: { index: number; s: Score } | undefined;
    docs.forEach((_, index) => {
      if (!allowed(index)) return;
      const s = score(node, fields[index]!, named[index]!);
      if (isMatch(s) && (!top || better(s, top.s))) top = { index, s };
    });
    return top;
  };
  const root = nodes[0]?.pointer === '' ? nodes[0] : undefined;
  const rootMatch = root ? best(root.node, () => true) : undefined;
  if (root && rootMatch) return [[rootMatch.index, '', root.node]];
  // Inside a wrapper any object may sit; inside another object only under a key that names it (a
  // transaction's `payment`), never as one of its parts (a payment method's `customer_payer`).
  const wrapper = !root || Object.keys(root.node).length <= WRAPPER_MAX_KEYS;
  const out: [number, string, Record<string, unknown>][] = [];
  for (const { pointer, key, node } of nodes) {
    if (pointer === '') continue;
    const m = best(node, (index) => wrapper || (key !== undefined && keyNames(key, docs[index]!.name)));
    if (m) out.push([m.index, pointer, node]);
  }
  return out;
}

function better(a: Score, b: Score): boolean {
  if (a.named !== b.named) return a.named;
  if (a.distinct !== b.distinct) return a.distinct > b.distinct;
  return a.jaccard > b.jaccard;
}
