/**
 * What the generators cannot turn into correct code, refused before any of them runs: dynamic and recursive
 * references, open enums inside conditions, `$ref` chains deep enough to overflow AJV's compiler, names no
 * UTF-8 file can hold (an unpaired surrogate), and `minItems` above `maxItems` (json-schema-to-typescript
 * cannot build a type for it).
 */
import { isPlainObject as isObject } from '../conforms.js';
import { CodegenError, type JsonSchema, type Problem } from '../types.js';
import { schemaUses, strictChildren, type StrictPosition } from './positions.js';
import { localTarget, pointerToken, resolvePointer, walkSchema } from './walk.js';

/** A UTF-16 half without its other half (with the `u` flag a pair is one code point, outside this range). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Keywords AJV 8 gets wrong in most of the official suite's cases: refused rather than generated wrong. */
const REFUSED_KEYWORDS: Record<string, string> = {
  $dynamicRef: 'replace it with a plain "$ref" to a definition ("#/$defs/Name")',
  $dynamicAnchor: 'remove it and refer to the schema with a plain "$ref"',
  $recursiveRef: 'a draft 2019-09 keyword; replace it with a plain "$ref" to a definition ("#/$defs/Name")',
  $recursiveAnchor: 'a draft 2019-09 keyword; remove it and refer to the schema with a plain "$ref"',
};

/**
 * The longest `$ref` chain the generators accept. AJV compiles each link one level deeper in the stack and
 * overflows near 250 links on Node's default stack; real schemas chain fewer than 10.
 */
export const MAX_REF_DEPTH = 100;

/**
 * Refuse, with the file and JSON pointer, what the generators cannot turn into correct code: dynamic and
 * recursive references, and `$ref` chains deep enough to overflow AJV's compiler. Run before any generator.
 */
export function checkSupported(schema: JsonSchema, where: string): void {
  // A run checks each object twice (its own plan before it is emitted, the plan of all objects at the
  // end): the second time is free. Schemas are never changed once extracted.
  if (supported.has(schema)) return;
  const problems: Problem[] = [];
  walkSchema(schema, (node, pointer) => {
    for (const [keyword, names] of [
      ['properties', isObject(node.properties) ? Object.keys(node.properties) : []],
      ['patternProperties', isObject(node.patternProperties) ? Object.keys(node.patternProperties) : []],
      ['$defs', isObject(node.$defs) ? Object.keys(node.$defs) : []],
      ['required', Array.isArray(node.required) ? node.required.filter((n): n is string => typeof n === 'string') : []],
    ] as const) {
      for (const name of names) {
        if (!LONE_SURROGATE.test(name)) continue;
        problems.push({
          file: where,
          at: `${pointer}/${keyword}`,
          rule: 'names',
          message: `the name ${JSON.stringify(name)} has an unpaired surrogate (a lone UTF-16 half), which no UTF-8 file, and so no generated type, validator or doc, can hold; rename it`,
        });
      }
    }
    if (typeof node.minItems === 'number' && typeof node.maxItems === 'number' && node.minItems > node.maxItems) {
      problems.push({
        file: where,
        at: `${pointer}/minItems`,
        rule: 'constraints',
        message: `minItems (${node.minItems}) is greater than maxItems (${node.maxItems}): no array can pass, and no type can be built for it; fix the bounds`,
      });
    }
    for (const [keyword, fix] of Object.entries(REFUSED_KEYWORDS)) {
      if (Object.hasOwn(node, keyword)) {
        problems.push({
          file: where,
          at: `${pointer}/${keyword}`,
          rule: 'unsupported-keyword',
          message: `"${keyword}" is not supported: AJV, which builds the validators, gets dynamic and recursive references wrong; ${fix}`,
        });
      }
    }
  });
  for (const pointer of conditionalOpenEnums(schema)) {
    problems.push({
      file: where,
      at: `${pointer}/x-openEnum`,
      rule: 'unsupported-keyword',
      message:
        '"x-openEnum" inside a condition ("not", "if", "contains", "propertyNames", a "oneOf" branch, or a definition one of them refers to) is not supported: opening the list there would make the default check reject values the strict one accepts; remove it there',
    });
  }
  if (problems.length > 0) throw new CodegenError(problems);
  const chain = longestRefChain(schema);
  if (chain.depth > MAX_REF_DEPTH) {
    throw new CodegenError([
      {
        file: where,
        at: chain.at,
        rule: 'limits',
        message: `this $ref starts a chain of ${chain.depth} $refs, each to a schema that holds the next (more than ${MAX_REF_DEPTH}), which would overflow AJV's compiler (it recurses once per link); inline some definitions so that no chain is longer than ${MAX_REF_DEPTH}`,
      },
    ]);
  }
  supported.add(schema);
}

/** The schemas checkSupported passed (by identity). */
const supported = new WeakSet<JsonSchema>();

/**
 * Open enums in condition positions (see StrictPosition), where a schema is a test rather than the
 * description of a value, directly or through a `$ref` from one: their JSON pointers.
 */
function conditionalOpenEnums(schema: JsonSchema): string[] {
  let any = false;
  walkSchema(schema, (node) => {
    if (node['x-openEnum'] === true) any = true;
  });
  if (!any) return [];
  const { uses } = schemaUses(schema);
  const found: string[] = [];
  const stack: { node: unknown; position: StrictPosition; pointer: string }[] = [{ node: schema, position: 'value', pointer: '' }];
  while (stack.length > 0) {
    const { node, position, pointer } = stack.pop() as (typeof stack)[number];
    if (!isObject(node)) continue;
    const at: StrictPosition = uses.get(pointer) === 'condition' ? 'condition' : position;
    if (at === 'condition' && node['x-openEnum'] === true) found.push(pointer);
    stack.push(...strictChildren(node, at, pointer));
  }
  return found.sort();
}

/**
 * The longest chain of local `$ref`s (a schema whose code refers to one that refers to another …),
 * starting anywhere, and the pointer of the `$ref` that starts it. A schema's code is its subtree without
 * its definitions (AJV compiles those only when referred to). Cycles are legal (recursive schemas) and cut.
 * Iterative, memoised: linear in the number of references.
 */
function longestRefChain(root: JsonSchema): { depth: number; at: string } {
  const refsOf = new Map<string, { at: string; target: string }[]>();
  const refs = (pointer: string): { at: string; target: string }[] => {
    let found = refsOf.get(pointer);
    if (found) return found;
    found = [];
    const list = found;
    const { $defs: _defs, definitions: _definitions, ...code } = (resolvePointer(root, pointer) ?? {}) as JsonSchema;
    walkSchema(code, (node, at) => {
      const target = localTarget(node['$ref']);
      if (target !== undefined && resolvePointer(root, target) !== undefined) list.push({ at: `${pointer}${at}/$ref`, target });
    });
    refsOf.set(pointer, list);
    return list;
  };
  const depth = new Map<string, { depth: number; at: string }>();
  const onPath = new Set<string>();
  const starts = ['', ...Object.keys(root.$defs ?? {}).map((name) => `/$defs/${pointerToken(name)}`)];
  let best = { depth: 0, at: '' };
  for (const start of starts) {
    // Each frame: a schema pointer and the index of its next reference to follow.
    const stack: { pointer: string; next: number }[] = [{ pointer: start, next: 0 }];
    onPath.add(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { pointer: string; next: number };
      const list = refs(frame.pointer);
      const ref = list[frame.next];
      if (ref !== undefined) {
        frame.next++;
        if (!depth.has(ref.target) && !onPath.has(ref.target)) {
          onPath.add(ref.target);
          stack.push({ pointer: ref.target, next: 0 });
        }
        continue;
      }
      let own = { depth: 0, at: '' };
      for (const r of list) {
        const below = depth.get(r.target);
        if (below !== undefined && below.depth + 1 > own.depth) own = { depth: below.depth + 1, at: r.at };
      }
      depth.set(frame.pointer, own);
      onPath.delete(frame.pointer);
      stack.pop();
      if (own.depth > best.depth) best = own;
    }
  }
  return best;
}
