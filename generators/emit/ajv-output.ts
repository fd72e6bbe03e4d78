/**
 * AJV's standalone output, made ours on its syntax tree (parsed once, see js-ast.ts): self-contained (AJV's
 * run-time `require`s become the shared module's helpers, its `exports.x = …` a constant), AJV's numbered
 * function names the stable ones of functionNames, the error literals of the fast flavour one placeholder,
 * those of the full flavour compact `pushError` calls, and, for a fast function serving both variants, its
 * unknown-key loops behind the `closed$` switch; the objects its code looks data keys up in get no prototype.
 * Every pass matches node shapes, never the code's text.
 */
import { CodegenError } from '../types.js';
import { type AnyNode, expression, mapChildren, nodes, parseScript, referencesIn, statement, statementListsIn } from './js-ast.js';

/**
 * AJV's code as a syntax tree and the list of its nodes (parents first), walked once and shared by the passes
 * below: a pass that detaches nodes leaves them in the list, where the passes after it find nothing to do.
 */
export interface AjvTree {
  program: AnyNode;
  all: AnyNode[];
  /** The code the tree was parsed from (for messages). */
  code: string;
}

export function ajvTree(code: string): AjvTree {
  const program = parseScript(code);
  return { program, all: nodes(program), code };
}

/** AJV's run-time modules and the shared module's helper each becomes. */
const RUNTIME_REQUIRES: Record<string, string> = {
  'ajv/dist/runtime/ucs2length': 'runtime.codePointLength',
  'ajv/dist/runtime/equal': 'runtime.deepEqual',
};

/** What the validator code needs from the shared module, as read off the code. */
export interface CodeNeeds {
  usesEqual: boolean;
  usesMultipleOf: boolean;
}

/** Free names a self-contained validator must not use (CommonJS leftovers). */
const MODULE_NAMES = new Set(['require', 'exports', 'module']);

/**
 * `"use strict"` dropped, `require("ajv/dist/runtime/…").default` → `runtime.…`, `exports.x = validateN;` →
 * `const x = validateN;`; any other `require`, `exports` or `module` left is an error naming it (`code`: the
 * text the tree was parsed from, for the message). Returns what the code needs from the shared module.
 */
export function selfContained(tree: AjvTree, where: string): CodeNeeds {
  const { program, all, code } = tree;
  const needs: CodeNeeds = { usesEqual: false, usesMultipleOf: false };
  const body = program['body'] as AnyNode[];
  if (typeof body[0]?.['directive'] === 'string') body.shift();
  /** The `exports` and `require` names of what was replaced (detached, yet still in the list). */
  const replaced = new Set<AnyNode>();
  body.forEach((s, i) => {
    const e = s.type === 'ExpressionStatement' ? (s['expression'] as AnyNode) : undefined;
    const left = e?.type === 'AssignmentExpression' && e['operator'] === '=' ? (e['left'] as AnyNode) : undefined;
    const right = e?.['right'] as AnyNode | undefined;
    if (left?.type !== 'MemberExpression' || left['computed'] !== false || !isName(left['object'] as AnyNode, 'exports') || right?.type !== 'Identifier') return;
    const constant = statement(`const ${(left['property'] as AnyNode)['name'] as string} = x;`);
    // The function's name keeps its node (in the shared list), so renameFunctions renames it here too.
    ((constant['declarations'] as AnyNode[])[0] as AnyNode)['init'] = right;
    body[i] = constant;
    replaced.add(left['object'] as AnyNode);
  });
  for (const node of all) {
    mapChildren(node, (child) => {
      const module = requiredDefault(child);
      const helper = module !== undefined ? RUNTIME_REQUIRES[module] : undefined;
      if (helper === undefined) return child;
      if (helper === 'runtime.deepEqual') needs.usesEqual = true;
      replaced.add(((child['object'] as AnyNode)['callee'] as AnyNode));
      return expression(helper);
    });
    if (node.type === 'MemberExpression' && isName(node['object'] as AnyNode, 'runtime') && (node['property'] as AnyNode)['name'] === 'isMultipleOf') needs.usesMultipleOf = true;
  }
  for (const id of referencesIn(all)) {
    if (!MODULE_NAMES.has(id['name'] as string) || replaced.has(id)) continue;
    throw new CodegenError([
      {
        file: where,
        at: '',
        rule: 'validators',
        message: `the validator needs a run-time module we do not provide (${code.slice(id.start, id.start + 60).split('\n')[0] as string}); remove the keyword that needs it`,
      },
    ]);
  }
  return needs;
}

/**
 * AJV's code keeps two lookups keyed by the data in plain objects: `uniqueItems` for items of scalar types
 * (`const indices0 = {}`: a second "__proto__" string read the prototype there, never a number, so
 * `["__proto__", "__proto__"]` passed as unique), and the properties an applicator evaluated, for
 * `unevaluatedProperties` (`var props0 = {}`, `props0 = props0 || {}`: `props0[key]` is true for "constructor",
 * "toString", "__proto__", …, so those keys passed as evaluated). Each such object is made without a prototype.
 */
export function nullPrototypeLookups(tree: AjvTree): void {
  const lookup = (id: AnyNode | undefined): boolean => id?.type === 'Identifier' && /^(indices|props)\d*$/.test(id['name'] as string);
  const empty = (node: AnyNode | null | undefined): boolean => node?.type === 'ObjectExpression' && (node['properties'] as AnyNode[]).length === 0;
  for (const node of tree.all) {
    if (node.type === 'VariableDeclarator' && lookup(node['id'] as AnyNode) && empty(node['init'] as AnyNode | null)) node['init'] = expression('Object.create(null)');
    const right = node.type === 'AssignmentExpression' && lookup(node['left'] as AnyNode) ? (node['right'] as AnyNode) : undefined;
    if (right?.type === 'LogicalExpression' && empty(right['right'] as AnyNode)) right['right'] = expression('Object.create(null)');
  }
}

/** `require("m").default` → "m"; anything else undefined. */
function requiredDefault(node: AnyNode): string | undefined {
  if (node.type !== 'MemberExpression' || node['computed'] !== false || (node['property'] as AnyNode)['name'] !== 'default') return undefined;
  const call = node['object'] as AnyNode;
  const args = call['arguments'] as AnyNode[] | undefined;
  if (call.type !== 'CallExpression' || !isName(call['callee'] as AnyNode, 'require') || args?.length !== 1) return undefined;
  const value = (args[0] as AnyNode)['value'];
  return (args[0] as AnyNode).type === 'Literal' && typeof value === 'string' ? value : undefined;
}

function isName(node: AnyNode | null | undefined, name: string): boolean {
  return node?.type === 'Identifier' && node['name'] === name;
}

/** Every binding and use of each name renamed (AJV's function names are module-wide: no scope shadows them). */
export function renameFunctions(tree: AjvTree, names: ReadonlyMap<string, string>): void {
  if (names.size === 0) return;
  for (const id of referencesIn(tree.all)) {
    const to = names.get(id['name'] as string);
    if (to !== undefined) id['name'] = to;
  }
}

/** `validateN.errors = <value>` as a statement: the function's name, else undefined. */
function errorsWrite(s: AnyNode): { name: string; value: AnyNode } | undefined {
  const e = s.type === 'ExpressionStatement' ? (s['expression'] as AnyNode) : undefined;
  if (e?.type !== 'AssignmentExpression' || e['operator'] !== '=') return undefined;
  const left = e['left'] as AnyNode;
  if (left.type !== 'MemberExpression' || left['computed'] !== false || (left['property'] as AnyNode)['name'] !== 'errors') return undefined;
  const object = left['object'] as AnyNode;
  return object.type === 'Identifier' ? { name: object['name'] as string, value: e['right'] as AnyNode } : undefined;
}

/**
 * The fast flavour's callers only read true/false, so each error literal list a function records
 * (`validateN.errors = [{…}]`) becomes one shared placeholder (still a non-empty array, as AJV's own code that
 * merges sub-validator errors expects). A function whose `errors` no code reads (the exported one, unless it
 * calls itself) does not record them at all.
 */
export function dropErrorDetails(tree: AjvTree): void {
  const { program, all } = tree;
  const lists = statementListsIn(all);
  const writes = new Map<string, number>();
  const recorded = (value: AnyNode): boolean =>
    value.type === 'Identifier' ? value['name'] === 'failed$' || value['name'] === 'vErrors' : value.type === 'Literal' && value['value'] === null;
  for (const list of lists) {
    for (const s of list) {
      const write = errorsWrite(s);
      if (write === undefined) continue;
      const value = write.value;
      if (value.type === 'ArrayExpression' && (value['elements'] as (AnyNode | null)[]).length > 0 && (value['elements'] as (AnyNode | null)[]).every((e) => e?.type === 'ObjectExpression')) {
        (s['expression'] as AnyNode)['right'] = expression('failed$');
      }
      if (recorded((s['expression'] as AnyNode)['right'] as AnyNode)) writes.set(write.name, (writes.get(write.name) ?? 0) + 1);
    }
  }
  // Every mention of `validateN.errors`, written or read.
  const mentions = new Map<string, number>();
  for (const node of all) {
    if (node.type !== 'MemberExpression' || node['computed'] !== false || (node['property'] as AnyNode)['name'] !== 'errors') continue;
    const object = node['object'] as AnyNode;
    if (object.type === 'Identifier') mentions.set(object['name'] as string, (mentions.get(object['name'] as string) ?? 0) + 1);
  }
  const functions = new Set((program['body'] as AnyNode[]).filter((s) => s.type === 'FunctionDeclaration').map((s) => (s['id'] as AnyNode)['name'] as string));
  const unread = new Set([...functions].filter((name) => (writes.get(name) ?? 0) === (mentions.get(name) ?? 0)));
  if (unread.size > 0) {
    for (const list of lists) {
      const kept = list.filter((s) => {
        const write = errorsWrite(s);
        return write === undefined || !unread.has(write.name) || !recorded(write.value);
      });
      if (kept.length !== list.length) list.splice(0, list.length, ...kept);
    }
  }
  // Only these writes use the placeholder: declared when one is left.
  const placeholder = lists.some((list) => list.some((s) => isName(errorsWrite(s)?.value, 'failed$')));
  if (placeholder) (program['body'] as AnyNode[]).unshift(statement('const failed$ = [{}];'));
}

/** Our enum keywords report as AJV's `enum`. */
const ENUM_KEYWORDS = new Set(['x-yuno-codegen-enum', 'x-yuno-codegen-openEnum']);

/**
 * Shrink the error-collecting code: nothing reads `schemaPath` (the longest text in every literal), the
 * append-or-start block after each error literal becomes one call to the shared `pushError`, and our enum
 * keywords report as `enum`. Adds every keyword an error can carry to `keywords`, so the shared module words
 * a message for each.
 */
export function compactErrors(tree: AjvTree, keywords: Set<string>): void {
  for (const node of tree.all) {
    if (node.type !== 'ObjectExpression') continue;
    const properties = node['properties'] as AnyNode[];
    const at = properties.findIndex((p, i) => i > 0 && keyName(p) === 'schemaPath' && keyName(properties[i + 1]) === 'keyword');
    if (at > 0) properties.splice(at, 1);
    for (const p of properties) {
      if (keyName(p) !== 'keyword') continue;
      const value = p['value'] as AnyNode;
      if (value.type !== 'Literal' || typeof value['value'] !== 'string') continue;
      if (ENUM_KEYWORDS.has(value['value'])) p['value'] = expression('"enum"');
      keywords.add((p['value'] as AnyNode)['value'] as string);
    }
  }
  for (const list of statementListsIn(tree.all)) {
    for (let i = 0; i < list.length - 1; i++) {
      const literal = errorLiteral(list[i] as AnyNode);
      if (literal === undefined || !appendsError(list[i + 1] as AnyNode, literal.name)) continue;
      // Built as nodes (one such statement per error site: parsing each would cost more than the pass).
      const call = node('ExpressionStatement', {
        expression: node('AssignmentExpression', {
          operator: '=',
          left: identifier('vErrors'),
          right: node('CallExpression', {
            callee: node('MemberExpression', { object: identifier('runtime'), property: identifier('pushError'), computed: false, optional: false }),
            arguments: [identifier('vErrors'), literal.value],
            optional: false,
          }),
        }),
      });
      list.splice(i, 2, call);
    }
  }
}

/** A node of the given type and fields, as acorn would make it (positions 0: printed code only, never sliced). */
function node(type: string, fields: Record<string, unknown>): AnyNode {
  return { type, start: 0, end: 0, ...fields } as AnyNode;
}

function identifier(name: string): AnyNode {
  return node('Identifier', { name });
}

/** A property's plain key (`keyword` in `{keyword: …}`), else undefined. */
function keyName(p: AnyNode | undefined): string | undefined {
  if (p?.type !== 'Property' || p['computed'] !== false) return undefined;
  const key = p['key'] as AnyNode;
  return key.type === 'Identifier' ? (key['name'] as string) : undefined;
}

/** `const errN = {instancePath, …};`: its name and the literal. */
function errorLiteral(s: AnyNode): { name: string; value: AnyNode } | undefined {
  if (s.type !== 'VariableDeclaration' || s['kind'] !== 'const' || (s['declarations'] as AnyNode[]).length !== 1) return undefined;
  const d = (s['declarations'] as AnyNode[])[0] as AnyNode;
  const id = d['id'] as AnyNode;
  const init = d['init'] as AnyNode | null;
  if (id.type !== 'Identifier' || !/^err\d+$/.test(id['name'] as string) || init?.type !== 'ObjectExpression') return undefined;
  return keyName((init['properties'] as AnyNode[])[0]) === 'instancePath' ? { name: id['name'] as string, value: init } : undefined;
}

/** `if (vErrors === null) { vErrors = [errN]; } else { vErrors.push(errN); }` for the given `errN`. */
function appendsError(s: AnyNode, name: string): boolean {
  if (s.type !== 'IfStatement') return false;
  const test = s['test'] as AnyNode;
  if (test.type !== 'BinaryExpression' || test['operator'] !== '===' || !isName(test['left'] as AnyNode, 'vErrors') || (test['right'] as AnyNode)['value'] !== null || (test['right'] as AnyNode).type !== 'Literal') return false;
  const only = (block: AnyNode | null): AnyNode | undefined =>
    block?.type === 'BlockStatement' && (block['body'] as AnyNode[]).length === 1 && (block['body'] as AnyNode[])[0]?.type === 'ExpressionStatement'
      ? (((block['body'] as AnyNode[])[0] as AnyNode)['expression'] as AnyNode)
      : undefined;
  const start = only(s['consequent'] as AnyNode);
  const push = only(s['alternate'] as AnyNode | null);
  if (start?.type !== 'AssignmentExpression' || start['operator'] !== '=' || !isName(start['left'] as AnyNode, 'vErrors')) return false;
  const list = start['right'] as AnyNode;
  if (list.type !== 'ArrayExpression' || (list['elements'] as AnyNode[]).length !== 1 || !isName((list['elements'] as AnyNode[])[0], name)) return false;
  if (push?.type !== 'CallExpression' || (push['arguments'] as AnyNode[]).length !== 1 || !isName((push['arguments'] as AnyNode[])[0], name)) return false;
  const callee = push['callee'] as AnyNode;
  return callee.type === 'MemberExpression' && isName(callee['object'] as AnyNode, 'vErrors') && (callee['property'] as AnyNode)['name'] === 'push';
}

/**
 * The strict fast validator of a schema that never closes an object itself differs from the loose one only
 * in the unknown-key loops deriveStrict's `additionalProperties: false` added. In a fast validator each is
 * `for (const keyN of Object.keys(x)) { if (!(<known key>)) { return false; break; } }`; put behind `closed$`,
 * the one function serves both. Returns false (the tree unchanged) when any key loop has another shape (the
 * check sits in an `anyOf` branch, …): the loose flavour is then compiled on its own.
 */
export function gateClosedLoops(tree: AjvTree): boolean {
  const loops: { list: AnyNode[]; at: number }[] = [];
  let others = 0;
  for (const list of statementListsIn(tree.all)) {
    list.forEach((s, at) => {
      if (s.type !== 'ForOfStatement' && s.type !== 'ForInStatement') return;
      if (!declaresKey(s['left'] as AnyNode)) return;
      if (closingLoop(s)) loops.push({ list, at });
      else others++;
    });
  }
  if (others > 0) return false;
  for (const { list, at } of loops) {
    const gate = statement('if (closed$) {}');
    (gate['consequent'] as AnyNode)['body'] = [list[at]];
    list[at] = gate;
  }
  return true;
}

/** `const keyN` (the left side of AJV's key loops). */
function declaresKey(left: AnyNode): boolean {
  if (left.type !== 'VariableDeclaration' || left['kind'] !== 'const') return false;
  const id = ((left['declarations'] as AnyNode[])[0] as AnyNode)['id'] as AnyNode;
  return id.type === 'Identifier' && /^key\d+$/.test(id['name'] as string);
}

/** `for (const keyN of Object.keys(x)) { if (!(…)) { return false; break; } }`. */
function closingLoop(loop: AnyNode): boolean {
  if (loop.type !== 'ForOfStatement') return false;
  const right = loop['right'] as AnyNode;
  const callee = right['callee'] as AnyNode | undefined;
  if (right.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || !isName(callee['object'] as AnyNode, 'Object') || (callee['property'] as AnyNode)['name'] !== 'keys') return false;
  if ((right['arguments'] as AnyNode[]).length !== 1 || (right['arguments'] as AnyNode[])[0]?.type !== 'Identifier') return false;
  const body = loop['body'] as AnyNode;
  const only = body.type === 'BlockStatement' && (body['body'] as AnyNode[]).length === 1 ? ((body['body'] as AnyNode[])[0] as AnyNode) : undefined;
  if (only?.type !== 'IfStatement' || only['alternate'] !== null) return false;
  const test = only['test'] as AnyNode;
  if (test.type !== 'UnaryExpression' || test['operator'] !== '!') return false;
  const then = only['consequent'] as AnyNode;
  const steps = then.type === 'BlockStatement' ? (then['body'] as AnyNode[]) : [];
  const returned = steps[0]?.['argument'] as AnyNode | undefined;
  return steps.length === 2 && steps[0]?.type === 'ReturnStatement' && returned?.type === 'Literal' && returned['value'] === false && steps[1]?.type === 'BreakStatement';
}
