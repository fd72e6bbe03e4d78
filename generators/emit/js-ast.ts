/**
 * Structural edits of AJV's generated JavaScript: the code is parsed with acorn, changed node by node on its
 * syntax tree (never by matching its text) and printed back, indented, with astring.
 *
 * `cleanValidatorCode` removes what AJV leaves behind with its optimiser off: dead `if(true)` wrappers,
 * empty blocks, statements after a `return`, constants and variables nothing reads (among them copies of
 * the whole schema that only an error literal of the fast flavour mentioned), and, in the fast flavour, error
 * objects nobody reads (its callers only ask true or false).
 */
import { createHash } from 'node:crypto';
import { parse, type Node } from 'acorn';
import { generate } from 'astring';

/* A loose ESTree view: the few node shapes the passes read, every other field kept as acorn made it. */
export interface AnyNode extends Node {
  [key: string]: unknown;
}

/**
 * The fields of a node type that hold child nodes, learnt from the first node of that type (acorn gives
 * every node of a type the same fields; absent children are `null`). Walking only those, instead of every
 * field of every node, is what keeps the passes below cheap on a validator of megabytes. Every other
 * object-valued field ESTree has is data, not a node: a literal's value and regex, a template's text.
 */
const CHILD_FIELDS = new Map<string, string[]>();

const DATA_FIELDS: Record<string, readonly string[]> = { Literal: ['value', 'regex'], TemplateElement: ['value'] };

function childFields(node: AnyNode): string[] {
  let fields = CHILD_FIELDS.get(node.type);
  if (fields === undefined) {
    const data = DATA_FIELDS[node.type] ?? [];
    fields = Object.keys(node).filter((key) => key !== 'loc' && key !== 'range' && !data.includes(key) && (node[key] === null || typeof node[key] === 'object'));
    CHILD_FIELDS.set(node.type, fields);
  }
  return fields;
}

/** Calls `visit` with each child node of `node`, in source order. */
export function eachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  for (const key of childFields(node)) {
    const value = node[key] as AnyNode | (AnyNode | null)[] | null;
    if (value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null) visit(item);
    } else visit(value);
  }
}

/** Replaces each child node of `node` by what `map` returns for it (itself: unchanged). */
export function mapChildren(node: AnyNode, map: (child: AnyNode) => AnyNode): void {
  for (const key of childFields(node)) {
    const value = node[key] as AnyNode | (AnyNode | null)[] | null;
    if (value === null) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item !== null && item !== undefined) value[i] = map(item);
      }
    } else node[key] = map(value);
  }
}

/** Every node of a syntax tree, parents first (a flat list: passes read it once). */
export function nodes(root: Node): AnyNode[] {
  const out: AnyNode[] = [];
  const stack: AnyNode[] = [root as AnyNode];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    out.push(node);
    const fields = childFields(node);
    for (let k = fields.length - 1; k >= 0; k--) {
      const value = node[fields[k] as string] as AnyNode | (AnyNode | null)[] | null;
      if (value === null) continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item = value[i];
          if (item !== null && item !== undefined) stack.push(item);
        }
      } else stack.push(value);
    }
  }
  return out;
}

function isNode(value: unknown): value is AnyNode {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string' && typeof (value as { start?: unknown }).start === 'number';
}

/** A script's syntax tree (the module-neutral validator code is a script). */
export function parseScript(code: string): AnyNode {
  return parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }) as unknown as AnyNode;
}

/** The identifiers of a tree that are bindings or uses (not property names in `x.name` or `{ name: … }`). */
export function references(root: Node): AnyNode[] {
  return referencesIn(nodes(root));
}

/** The same, of a list of nodes in `nodes`' order (parents first), so several passes can share one walk. */
export function referencesIn(all: readonly AnyNode[]): AnyNode[] {
  const keys = new Set<Node>();
  const out: AnyNode[] = [];
  for (const node of all) {
    if (node.type === 'MemberExpression' && node['computed'] === false) keys.add(node['property'] as Node);
    // A shorthand `{ name }` reads its value (acorn gives it a node of its own); the key is a property name.
    else if (node.type === 'Property' && node['computed'] === false) keys.add(node['key'] as Node);
    else if (node.type === 'Identifier' && !keys.has(node)) out.push(node);
  }
  return out;
}

export interface CleanOptions {
  /** The fast flavour: error objects are never read, so each becomes the shared placeholder `failed$[0]`. */
  fast: boolean;
  /** Top-level names the surrounding code reads (the validator's export): never dropped. */
  keep: readonly string[];
}

/** The cleaned, indented code of a validator's syntax tree (see the module comment); the tree is changed. */
export function cleanValidatorCode(program: AnyNode, options: CleanOptions): string {
  if (options.fast) {
    placeholderErrors(program);
    dropProvenPresence(program);
    dropUnreadMissing(program);
  }
  foldSchemaReads(program);
  const keep = new Set(options.keep);
  const functions = (program['body'] as AnyNode[]).filter((node) => node.type === 'FunctionDeclaration');
  // Most edits stay inside one function: each settles on its own, then what crosses functions (the call
  // context, top-level constants) is settled, and the functions it touched again.
  for (const fn of functions) {
    settle(fn);
    if (options.fast && flattenChecks(fn)) settle(fn);
  }
  dropUnreadContext(program);
  while (dropUnused(program, keep));
  stableValueNames(program);
  if (options.fast && usesName(program, 'failed$') && !declares(program, 'failed$')) {
    (program['body'] as AnyNode[]).unshift(statement('const failed$ = [{}];'));
  }
  return generate(program as never, { indent: '  ' });
}

/**
 * AJV reads parts of the schema at run time from a copy of the whole schema (`const schema0 = {…}`): the
 * allowed keys of an object with many properties (`func0.call(schema0.properties.a.properties, key)`, with
 * `func0` = `Object.prototype.hasOwnProperty`), a type list for an error's params. Each such read becomes the
 * value it reads: a Set of the keys (`keys1.has(key)`; a Set has no prototype keys either), or the literal.
 * The copy, then unread, is dropped with the other unused constants.
 */
function foldSchemaReads(program: AnyNode): void {
  const body = program['body'] as AnyNode[];
  const schemas = new Map<string, unknown>();
  const hasOwn = new Set<string>();
  for (const statement of body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement['declarations'] as AnyNode[]) {
      const name = (d['id'] as AnyNode)['name'] as string;
      const init = d['init'] as AnyNode | null;
      if (init === null) continue;
      if (/^schema\d+$/.test(name) && pure(init)) {
        const value = literalValue(init);
        if (value !== undefined) schemas.set(name, value);
      }
      if (init.type === 'MemberExpression' && generate(init as never) === 'Object.prototype.hasOwnProperty') hasOwn.add(name);
    }
  }
  if (schemas.size === 0) return;
  const keySets = new Map<string, string>();
  const added: AnyNode[] = [];
  /** The value a chain `schemaN.a.b[0]` reads, or undefined when it is not one. */
  const read = (node: AnyNode): { value: unknown } | undefined => {
    if (node.type === 'Identifier') return schemas.has(node['name'] as string) ? { value: schemas.get(node['name'] as string) } : undefined;
    if (node.type !== 'MemberExpression') return undefined;
    const base = read(node['object'] as AnyNode);
    if (base === undefined || base.value === null || typeof base.value !== 'object') return undefined;
    const property = node['property'] as AnyNode;
    const key = node['computed'] === true ? (property.type === 'Literal' ? String(property['value']) : undefined) : (property['name'] as string);
    if (key === undefined || !Object.hasOwn(base.value, key)) return undefined;
    return { value: (base.value as Record<string, unknown>)[key] };
  };
  for (const node of nodes(program)) {
    for (const field of childFields(node)) {
      const child = node[field];
      if (!isNode(child)) continue;
      // `hasOwnProperty.call(<schema read>, key)` → `keysN.has(key)`.
      if (child.type === 'CallExpression') {
        const callee = child['callee'] as AnyNode;
        const args = child['arguments'] as AnyNode[];
        const object = callee.type === 'MemberExpression' ? (callee['object'] as AnyNode) : undefined;
        if (object?.type === 'Identifier' && hasOwn.has(object['name'] as string) && generate(callee['property'] as never) === 'call' && args.length === 2) {
          const target = read(args[0] as AnyNode);
          if (target !== undefined && target.value !== null && typeof target.value === 'object' && !Array.isArray(target.value)) {
            const keys = JSON.stringify(Object.keys(target.value));
            let name = keySets.get(keys);
            if (name === undefined) {
              name = `keys${keySets.size}`;
              keySets.set(keys, name);
              added.push(...((parseScript(`const ${name} = new Set(${keys});`)['body'] as AnyNode[])));
            }
            node[field] = expression(`${name}.has(${generate(args[1] as never)})`);
            continue;
          }
        }
      }
      // A scalar or a list of scalars: the literal itself.
      if (child.type === 'MemberExpression') {
        const target = read(child);
        if (target !== undefined && (target.value === null || typeof target.value !== 'object' || (Array.isArray(target.value) && target.value.every((v) => v === null || typeof v !== 'object')))) {
          node[field] = expression(JSON.stringify(target.value));
        }
      }
    }
  }
  body.unshift(...added);
}

/**
 * AJV's functions take a call context as their second parameter (`{instancePath = "", parentData,
 * parentDataProperty, rootData = data} = {}`), and pass one to every function they call. Each part no code
 * of the function reads is dropped; a function left with none takes one parameter, and its callers stop
 * building the context object for it. Returns whether anything changed.
 */
function dropUnreadContext(program: AnyNode): boolean {
  const functions = new Map<string, AnyNode>();
  for (const node of program['body'] as AnyNode[]) if (node.type === 'FunctionDeclaration') functions.set((node['id'] as AnyNode)['name'] as string, node);
  /** The context parts each function declares (empty: none, or a parameter list of another shape). */
  const parts = new Map<string, string[]>();
  for (const [name, fn] of functions) {
    const params = fn['params'] as AnyNode[];
    const context = params[1];
    const pattern = context?.type === 'AssignmentPattern' ? (context['left'] as AnyNode) : undefined;
    const names =
      params.length === 2 && pattern?.type === 'ObjectPattern' && (pattern['properties'] as AnyNode[]).every((p) => p.type === 'Property' && (p['key'] as AnyNode).type === 'Identifier' && p['computed'] === false)
        ? (pattern['properties'] as AnyNode[]).map((p) => (p['key'] as AnyNode)['name'] as string)
        : undefined;
    if (names !== undefined) parts.set(name, names);
  }
  // Per function: its calls that pass a context object to a function declaring one, the parts it reads
  // outside such objects, and which of its names each passed part reads.
  const calls: { call: AnyNode; callee: string }[] = [];
  const taken = new Map<string, Set<string>>();
  const passes: { from: string; name: string; to: string; part: string }[] = [];
  // Functions called with a context this pass cannot rewrite (e.g. a key escaped by a method call, as under
  // patternProperties): they keep their whole parameter, so every call still matches its declaration.
  const opaque = new Set<string>();
  for (const [name, fn] of functions) {
    const inContext = new Set<AnyNode>();
    for (const node of nodes(fn['body'] as AnyNode)) {
      if (node.type !== 'CallExpression') continue;
      const callee = node['callee'] as AnyNode;
      const args = node['arguments'] as AnyNode[];
      const target = callee.type === 'Identifier' ? (callee['name'] as string) : '';
      if (!parts.has(target) || args.length !== 2) continue;
      if ((args[1] as AnyNode).type !== 'ObjectExpression' || !pure(args[1])) {
        opaque.add(target);
        continue;
      }
      calls.push({ call: node, callee: target });
      for (const property of (args[1] as AnyNode)['properties'] as AnyNode[]) {
        const key = property['key'] as AnyNode;
        const part = String(key['name'] ?? key['value']);
        for (const [read] of readsIn(property['value'] as AnyNode)) passes.push({ from: name, name: read, to: target, part });
        for (const id of nodes(property['value'] as AnyNode)) if (id.type === 'Identifier') inContext.add(id);
      }
    }
    const own = parts.get(name);
    if (own === undefined) continue;
    const reads = readsIn(fn['body'] as AnyNode, inContext);
    taken.set(name, new Set(own.filter((part) => (reads.get(part) ?? 0) > 0)));
  }
  for (const name of opaque) taken.set(name, new Set(parts.get(name)));
  // A part a function passes on is read when the callee takes it: the least set that satisfies every call.
  for (let grew = true; grew; ) {
    grew = false;
    for (const { from, name, to, part } of passes) {
      const mine = taken.get(from);
      if (mine !== undefined && !mine.has(name) && parts.get(from)?.includes(name) && taken.get(to)?.has(part)) {
        mine.add(name);
        grew = true;
      }
    }
  }
  let changed = false;
  for (const [name, fn] of functions) {
    const own = parts.get(name);
    const keep = taken.get(name);
    if (own === undefined || keep === undefined || keep.size === own.length) continue;
    changed = true;
    const params = fn['params'] as AnyNode[];
    if (keep.size === 0) params.length = 1;
    else {
      const pattern = (params[1] as AnyNode)['left'] as AnyNode;
      pattern['properties'] = (pattern['properties'] as AnyNode[]).filter((p) => keep.has((p['key'] as AnyNode)['name'] as string));
    }
  }
  for (const { call, callee } of calls) {
    const keep = taken.get(callee) ?? new Set();
    const args = call['arguments'] as AnyNode[];
    const context = args[1] as AnyNode;
    const properties = context['properties'] as AnyNode[];
    if (keep.size === 0) args.length = 1;
    else context['properties'] = properties.filter((p) => keep.has(String((p['key'] as AnyNode)['name'] ?? (p['key'] as AnyNode)['value'])));
  }
  return changed;
}


/** The JSON value of a literal expression (AJV writes schema copies as JSON), or undefined. */
function literalValue(node: AnyNode): unknown {
  switch (node.type) {
    case 'Literal':
      return node['regex'] === undefined ? node['value'] : undefined;
    case 'ArrayExpression': {
      const out: unknown[] = [];
      for (const e of node['elements'] as (AnyNode | null)[]) {
        const v = e === null ? undefined : literalValue(e);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node['properties'] as AnyNode[]) {
        const key = p['key'] as AnyNode;
        if (p.type !== 'Property' || p['computed'] === true || key.type !== 'Literal') return undefined;
        const v = literalValue(p['value'] as AnyNode);
        if (v === undefined) return undefined;
        Object.defineProperty(out, String(key['value']), { value: v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'UnaryExpression':
      return node['operator'] === '-' && (node['argument'] as AnyNode).type === 'Literal' ? -Number((node['argument'] as AnyNode)['value']) : undefined;
    default:
      return undefined;
  }
}

/**
 * In a fast validator a missing required property fails at once: `if (<missing test>) { …; return false; }
 * else { … }`, the test an `||` of `(data.k === undefined || !func0.call(data, "k")) && (missing0 = "k")`.
 * Inside that else block each property the test covered is known to be present and own, yet AJV guards
 * each property's checks with the same test again (`data.k !== undefined && func0.call(data, "k")`): that
 * guard becomes `true` (and simplifyBlocks drops it). Only that shape counts: a required check that does
 * not return (in `anyOf`, `not`, `if`, `dependentRequired` …) proves nothing, nor does one whose else block
 * the guard is not in.
 */
function dropProvenPresence(program: AnyNode): void {
  const text = (node: AnyNode): string => generate(node as never);
  /** `(D.k === undefined || !F.call(D, "k")) && (missingN = "k")` → `D k F`, else undefined. */
  const missingTerm = (node: AnyNode): string | undefined => {
    if (node.type !== 'LogicalExpression' || node['operator'] !== '&&') return undefined;
    const absent = node['left'] as AnyNode;
    const record = node['right'] as AnyNode;
    if (record.type !== 'AssignmentExpression' || !/^missing\d+$/.test(String((record['left'] as AnyNode)['name'])) || !isLiteral(record['right'] as AnyNode)) return undefined;
    const key = (record['right'] as AnyNode)['value'];
    if (typeof key !== 'string' || absent.type !== 'LogicalExpression' || absent['operator'] !== '||') return undefined;
    const undef = absent['left'] as AnyNode;
    const notOwn = absent['right'] as AnyNode;
    if (undef.type !== 'BinaryExpression' || undef['operator'] !== '===' || text(undef['right'] as AnyNode) !== 'undefined') return undefined;
    const member = undef['left'] as AnyNode;
    if (member.type !== 'MemberExpression' || (member['object'] as AnyNode).type !== 'Identifier') return undefined;
    const data = (member['object'] as AnyNode)['name'] as string;
    if (text(member) !== text(expression(`${data}[${JSON.stringify(key)}]`)) && text(member) !== `${data}.${key}`) return undefined;
    if (notOwn.type !== 'UnaryExpression' || notOwn['operator'] !== '!') return undefined;
    const call = notOwn['argument'] as AnyNode;
    const callee = call['callee'] as AnyNode | undefined;
    if (call.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || (callee['object'] as AnyNode).type !== 'Identifier') return undefined;
    const fn = (callee['object'] as AnyNode)['name'] as string;
    if (text(call) !== `${fn}.call(${data}, ${JSON.stringify(key)})`) return undefined;
    return `${data} ${key} ${fn}`;
  };
  /** The terms of an `||` chain of missing tests, or undefined when any part is something else. */
  const missingTerms = (node: AnyNode): string[] | undefined => {
    if (node.type === 'LogicalExpression' && node['operator'] === '||') {
      const left = missingTerms(node['left'] as AnyNode);
      const right = missingTerms(node['right'] as AnyNode);
      return left && right ? [...left, ...right] : undefined;
    }
    const one = missingTerm(node);
    return one === undefined ? undefined : [one];
  };
  /** `D.k !== undefined && F.call(D, "k")` → `D k F`. */
  const presenceGuard = (node: AnyNode): string | undefined => {
    if (node.type !== 'LogicalExpression' || node['operator'] !== '&&') return undefined;
    const defined = node['left'] as AnyNode;
    const call = node['right'] as AnyNode;
    if (defined.type !== 'BinaryExpression' || defined['operator'] !== '!==' || text(defined['right'] as AnyNode) !== 'undefined') return undefined;
    const member = defined['left'] as AnyNode;
    const callee = call['callee'] as AnyNode | undefined;
    if (member.type !== 'MemberExpression' || call.type !== 'CallExpression' || callee?.type !== 'MemberExpression') return undefined;
    const args = call['arguments'] as AnyNode[];
    if (args.length !== 2 || !isLiteral(args[1]) || typeof (args[1] as AnyNode)['value'] !== 'string') return undefined;
    const key = (args[1] as AnyNode)['value'] as string;
    const data = text(args[0] as AnyNode);
    const fn = text(callee['object'] as AnyNode);
    if (text(callee) !== `${fn}.call` || (text(member) !== `${data}.${key}` && text(member) !== text(expression(`${data}[${JSON.stringify(key)}]`)))) return undefined;
    return `${data} ${key} ${fn}`;
  };
  const endsInFailure = (block: AnyNode): boolean => {
    const body = block.type === 'BlockStatement' ? (block['body'] as AnyNode[]) : [block];
    const last = body[body.length - 1];
    return last?.type === 'ReturnStatement' && text((last['argument'] as AnyNode | null) ?? expression('undefined')) === 'false';
  };
  const visit = (node: AnyNode, proven: ReadonlySet<string>): void => {
    if (node.type === 'IfStatement') {
      const guard = proven.size > 0 ? presenceGuard(node['test'] as AnyNode) : undefined;
      if (guard !== undefined && proven.has(guard)) node['test'] = literal(true);
      const terms = missingTerms(node['test'] as AnyNode);
      const alternate = node['alternate'] as AnyNode | null;
      if (terms !== undefined && alternate !== null && endsInFailure(node['consequent'] as AnyNode)) {
        visit(node['test'] as AnyNode, proven);
        visit(node['consequent'] as AnyNode, proven);
        visit(alternate, new Set([...proven, ...terms]));
        return;
      }
    }
    // A function starts with nothing proven.
    const inner = isFunction(node) ? new Set<string>() : proven;
    eachChild(node, (child) => visit(child, inner));
  };
  visit(program, new Set());
}

/**
 * A fast function checks one property after another, each nested in the previous one's success
 * (`var valid0 = …; if (valid0) { <the next property> }`), so every field is one level deeper than the one
 * before it and a new field re-indents all that follow. When the function never takes back an error it
 * counted (no `errors = _errsN`, no `vErrors.length = …`: no `anyOf`, `oneOf`, `not`, `if` inside it), a
 * failure there ends the check anyway, so it can end it at once: `if (!valid0) { f.errors = vErrors; return
 * false; }` and the next property after it, at the same level. Returns whether anything changed.
 */
function flattenChecks(fn: AnyNode): boolean {
  const name = (fn['id'] as AnyNode)['name'] as string;
  for (const node of nodes(fn['body'] as AnyNode)) {
    if (node.type === 'AssignmentExpression') {
      const left = node['left'] as AnyNode;
      if (left.type === 'Identifier' && left['name'] === 'errors' && !(node['right'] as AnyNode).type.startsWith('Member')) return false;
      if (left.type === 'MemberExpression' && generate(left as never) === 'vErrors.length') return false;
    }
  }
  // The function's `errors` are set on a failure only when some caller reads them (see dropErrorDetails).
  const records = nodes(fn['body'] as AnyNode).some((n) => n.type === 'MemberExpression' && generate(n as never) === `${name}.errors`);
  let changed = false;
  for (const list of statementLists(fn['body'] as AnyNode)) {
    for (let again = true; again; ) {
      again = false;
      const last = list[list.length - 1];
      const test = last?.['test'] as AnyNode | undefined;
      if (last?.type !== 'IfStatement' || last['alternate'] !== null || test?.type !== 'Identifier' || !/^_?valid\d+$/.test(test['name'] as string)) continue;
      const consequent = last['consequent'] as AnyNode;
      const rest = consequent.type === 'BlockStatement' ? (consequent['body'] as AnyNode[]) : [consequent];
      const stop = (parseScript(`if (!${test['name'] as string}) { ${records ? `${name}.errors = vErrors; ` : ''}return false; }`)['body'] as AnyNode[])[0] as AnyNode;
      list.splice(list.length - 1, 1, stop, ...rest);
      changed = again = true;
    }
  }
  return changed;
}

/** One function's own simplifications, repeated until nothing changes. */
function settle(fn: AnyNode): void {
  for (let changed = true; changed; ) {
    changed = simplifyBlocks(fn);
    changed = propagateConstants(fn) || changed;
    changed = dropUnused(fn, new Set()) || changed;
  }
}

/**
 * A required check records the missing key (`A && (missing0 = "k")`) for its error; in the fast flavour, whose
 * errors carry nothing, that name is never read, and in an `if` test the record (a truthy string) only passes
 * `A`'s truth on: `A` alone. The declaration then goes with the other unread ones.
 */
function dropUnreadMissing(program: AnyNode): void {
  const reads = new Map<string, number>();
  const writes = new Map<string, number>();
  const tests: AnyNode[] = [];
  const count = (map: Map<string, number>, name: string): void => {
    map.set(name, (map.get(name) ?? 0) + 1);
  };
  // Declarations (one each) plus the records in if tests: anything more is a read.
  for (const node of nodes(program)) {
    if (node.type === 'Identifier' && /^missing\d+$/.test(node['name'] as string)) count(reads, node['name'] as string);
    else if (node.type === 'IfStatement') tests.push(node);
    else if (node.type === 'VariableDeclarator' && (node['id'] as AnyNode).type === 'Identifier') count(writes, (node['id'] as AnyNode)['name'] as string);
  }
  const records = (node: AnyNode): boolean => {
    const right = node['right'] as AnyNode;
    return node.type === 'LogicalExpression' && node['operator'] === '&&' && right.type === 'AssignmentExpression' && right['operator'] === '=' &&
      (right['left'] as AnyNode).type === 'Identifier' && /^missing\d+$/.test((right['left'] as AnyNode)['name'] as string) && isLiteral(right['right'] as AnyNode) && Boolean((right['right'] as AnyNode)['value']);
  };
  const inTests = new Map<string, number>();
  const countRecords = (node: AnyNode): void => {
    if (node.type !== 'LogicalExpression') return;
    if (records(node)) {
      const name = ((node['right'] as AnyNode)['left'] as AnyNode)['name'] as string;
      inTests.set(name, (inTests.get(name) ?? 0) + 1);
    }
    countRecords(node['left'] as AnyNode);
    countRecords(node['right'] as AnyNode);
  };
  for (const test of tests) countRecords(test['test'] as AnyNode);
  const unread = (name: string): boolean => (reads.get(name) ?? 0) === (writes.get(name) ?? 0) + (inTests.get(name) ?? 0);
  const strip = (node: AnyNode): AnyNode => {
    if (node.type !== 'LogicalExpression') return node;
    if (records(node) && unread(((node['right'] as AnyNode)['left'] as AnyNode)['name'] as string)) return strip(node['left'] as AnyNode);
    node['left'] = strip(node['left'] as AnyNode);
    node['right'] = strip(node['right'] as AnyNode);
    return node;
  };
  for (const test of tests) test['test'] = strip(test['test'] as AnyNode);
}

/**
 * AJV numbers the module-wide values its code uses (`func22 = runtime.isMultipleOf`, `obj3 = new Set([…])`,
 * `pattern1`, and our `keys4`) in the order it meets them, so one new field renumbers them in every
 * function. Each gets a name from what it holds instead: the helper's name (`isMultipleOf`, `hasOwn`,
 * `formatDateTime`, `enumCountryCode`) or a short hash of its value (`set_1a2b3c4d`).
 */
function stableValueNames(program: AnyNode): void {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of references(program)) taken.add(id['name'] as string);
  for (const statement of program['body'] as AnyNode[]) {
    if (statement.type !== 'VariableDeclaration' || statement['kind'] !== 'const') continue;
    for (const d of statement['declarations'] as AnyNode[]) {
      const id = d['id'] as AnyNode;
      const init = d['init'] as AnyNode | null;
      const from = id['name'] as string;
      const kind = /^(func|obj|formats|pattern|keys|schema)\d+$/.exec(from)?.[1];
      if (kind === undefined || init === null) continue;
      const text = generate(init as never);
      const word = (value: string): string => value.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_all, _sep: string, c: string) => c.toUpperCase());
      const helper = /^runtime\.(\w+)$/.exec(text)?.[1];
      const named = /^runtime\.(formats|sharedEnums)\[("[^"]*")\]$/.exec(text);
      let wanted =
        text === 'Object.prototype.hasOwnProperty' ? 'hasOwn'
        : helper !== undefined ? helper
        : named !== null ? `${named[1] === 'formats' ? 'format' : 'enum'}${word(JSON.parse(named[2] as string) as string)}`
        : `${kind === 'obj' || kind === 'keys' ? (kind === 'keys' ? 'keys' : 'set') : kind}_${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
      if (!/^[A-Za-z_$][\w$]*$/.test(wanted)) continue;
      while (taken.has(wanted)) wanted = `${wanted}$`;
      taken.add(wanted);
      names.set(from, wanted);
    }
  }
  if (names.size > 0) {
    for (const id of references(program)) {
      const to = names.get(id['name'] as string);
      if (to !== undefined) id['name'] = to;
    }
  }
  // In each function, AJV's `dataN` for a property's value becomes the property's name (`merchant_order_id$`),
  // and the length count of it follows (`merchant_order_id$length`), so fields before it do not renumber it.
  for (const fn of program['body'] as AnyNode[]) {
    if (fn.type !== 'FunctionDeclaration') continue;
    const local = new Map<string, string>();
    // Every name the code holds is in `taken` already (the module-wide values were renamed into it).
    const mine = new Set<string>();
    const used = (name: string): boolean => taken.has(name) || mine.has(name);
    for (const node of nodes(fn['body'] as AnyNode)) {
      if (node.type !== 'VariableDeclarator' || (node['id'] as AnyNode).type !== 'Identifier') continue;
      const from = (node['id'] as AnyNode)['name'] as string;
      const init = node['init'] as AnyNode | null;
      let wanted: string | undefined;
      if (/^data\d+$/.test(from) && init?.type === 'MemberExpression') {
        const property = init['property'] as AnyNode;
        const key = init['computed'] === true ? (isLiteral(property) ? String(property['value']) : undefined) : (property['name'] as string);
        if (key !== undefined && /^[A-Za-z_$][\w$]*$/.test(key)) wanted = `${key}$`;
        // An item of an array the function already named: `metadata$[i0]` → `metadata$item`.
        const list = init['object'] as AnyNode;
        if (init['computed'] === true && property.type === 'Identifier' && list.type === 'Identifier' && local.has(list['name'] as string)) wanted = `${local.get(list['name'] as string) as string}item`;
      } else if (/^length\d+$/.test(from) && init?.type === 'CallExpression') {
        const arg = (init['arguments'] as AnyNode[])[0];
        const renamed = arg?.type === 'Identifier' ? local.get(arg['name'] as string) : undefined;
        if (renamed !== undefined) wanted = `${renamed}length`;
      }
      if (wanted === undefined || local.has(from) || used(wanted)) continue;
      mine.add(wanted);
      local.set(from, wanted);
    }
    // The counters a property's block declares (`const _errs7 = errors`, `let valid3`) after that property too:
    // `description$errs`, `description$valid`, numbered within the property only. A property's block names
    // every counter inside it, those of the properties nested in it included (the fail-fast flavour nests each
    // property in the one before), so a nested block has nothing left to name unless a wanted name was taken.
    /** Names the counters of `block`'s subtree; whether one was left unnamed (its name taken). */
    const nameCounters = (block: AnyNode, base: string): boolean => {
      const counts = new Map<string, number>();
      let left = false;
      for (const n of nodes(block)) {
        if (n.type !== 'VariableDeclaration' || n['kind'] === 'var') continue;
        for (const node of n['declarations'] as AnyNode[]) {
          if ((node['id'] as AnyNode).type !== 'Identifier') continue;
          const from = (node['id'] as AnyNode)['name'] as string;
          const kind = /^_?(errs|valid|missing)\d+$/.exec(from)?.[1];
          if (kind === undefined || local.has(from)) continue;
          const count = (counts.get(kind) ?? 0) + 1;
          counts.set(kind, count);
          const wanted = `${base}${kind}${count === 1 ? '' : count}`;
          if (used(wanted)) {
            left = true;
            continue;
          }
          mine.add(wanted);
          local.set(from, wanted);
        }
      }
      return left;
    };
    const pending: { node: AnyNode; named: boolean }[] = [{ node: fn['body'] as AnyNode, named: false }];
    while (pending.length > 0) {
      const { node, named } = pending.pop() as { node: AnyNode; named: boolean };
      let inner = named;
      if (!named && node.type === 'BlockStatement') {
        const first = (node['body'] as AnyNode[])[0];
        const declared = first?.type === 'VariableDeclaration' ? ((first['declarations'] as AnyNode[])[0]?.['id'] as AnyNode | undefined) : undefined;
        const base = declared?.type === 'Identifier' ? local.get(declared['name'] as string) : undefined;
        if (base !== undefined) inner = !nameCounters(node, base);
      }
      // Parents first, in source order (the order the names are numbered in).
      const children: AnyNode[] = [];
      eachChild(node, (child) => children.push(child));
      for (let i = children.length - 1; i >= 0; i--) pending.push({ node: children[i] as AnyNode, named: inner });
    }
    if (local.size === 0) continue;
    for (const id of references(fn)) {
      const to = local.get(id['name'] as string);
      if (to !== undefined) id['name'] = to;
    }
  }
}

/** `const errN = {…};` in the fast flavour: the literal (which may mention the schema) becomes `failed$[0]`. */
function placeholderErrors(program: AnyNode): void {
  for (const node of nodes(program)) {
    if (node.type !== 'VariableDeclarator') continue;
    const id = node['id'] as AnyNode;
    const init = node['init'] as AnyNode | null;
    if (id.type === 'Identifier' && /^err\d+$/.test(id['name'] as string) && init?.type === 'ObjectExpression') {
      node['init'] = expression('failed$[0]');
    }
  }
}

export function expression(code: string): AnyNode {
  return statement(`(${code});`)['expression'] as AnyNode;
}

/** One statement's syntax tree. */
export function statement(code: string): AnyNode {
  return (parseScript(code)['body'] as AnyNode[])[0] as AnyNode;
}

/** Every statement list of the tree (program and function bodies, blocks, switch cases). */
function statementLists(root: AnyNode): AnyNode[][] {
  return statementListsIn(nodes(root));
}

/** The same, of a list of nodes in `nodes`' order (see referencesIn). */
export function statementListsIn(all: readonly AnyNode[]): AnyNode[][] {
  const lists: AnyNode[][] = [];
  for (const node of all) {
    if (node.type === 'Program' || node.type === 'BlockStatement') lists.push(node['body'] as AnyNode[]);
    else if (node.type === 'SwitchCase') lists.push(node['consequent'] as AnyNode[]);
  }
  return lists;
}

/**
 * `if(true){…}` → its statements (AJV's names are unique within a function, so no block-scoped name
 * clashes); `else {}` dropped; `if(<plain test>){}` dropped; statements after a `return`, `break` or
 * `continue` in the same list dropped (AJV writes `return false; break;`). Returns whether anything changed.
 */
function simplifyBlocks(root: AnyNode): boolean {
  let changed = false;
  for (const list of statementLists(root)) {
    const out: AnyNode[] = [];
    for (const statement of list) {
      if (statement.type === 'IfStatement') {
        const alternate = statement['alternate'] as AnyNode | null;
        if (alternate?.type === 'BlockStatement' && (alternate['body'] as AnyNode[]).length === 0) {
          statement['alternate'] = null;
          changed = true;
        }
        const test = statement['test'] as AnyNode;
        const consequent = statement['consequent'] as AnyNode;
        if (isLiteral(test)) {
          // A decided test: the branch that runs, in place (AJV's names are unique within a function).
          const taken = test['value'] ? consequent : (statement['alternate'] as AnyNode | null);
          if (taken !== null) out.push(...(taken.type === 'BlockStatement' ? (taken['body'] as AnyNode[]) : [taken]));
          changed = true;
          continue;
        }
        if (consequent.type === 'BlockStatement' && (consequent['body'] as AnyNode[]).length === 0 && statement['alternate'] === null && pure(test)) {
          changed = true;
          continue;
        }
      }
      if (statement.type === 'BlockStatement' && (statement['body'] as AnyNode[]).length === 0) {
        changed = true;
        continue;
      }
      out.push(statement);
      if (statement.type === 'ReturnStatement' || statement.type === 'BreakStatement' || statement.type === 'ContinueStatement' || statement.type === 'ThrowStatement') break;
    }
    if (out.length !== list.length || out.some((s, i) => s !== list[i])) {
      list.splice(0, list.length, ...out);
      changed = true;
    }
  }
  return changed;
}

function isLiteral(node: AnyNode | null | undefined): node is AnyNode {
  return node?.type === 'Literal' && node['regex'] === undefined && node['bigint'] === undefined;
}

/** A literal's node, as acorn would parse it from its JSON text (a negative number parses as `-n`). */
function literal(value: unknown): AnyNode {
  const scalar = value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && value >= 0 && !Object.is(value, -0));
  if (!scalar) return expression(JSON.stringify(value));
  return { type: 'Literal', start: 0, end: 0, value, raw: JSON.stringify(value) } as unknown as AnyNode;
}

/**
 * Constant propagation inside each function: a variable every write of which is the same literal (AJV's
 * `errors` in a fast validator that never counts one, its `_errsN` copies of it, `valid0` once those are
 * folded) is replaced by that literal where it is read; then comparisons, `!`, `&&`, `||` and `?:` of literals
 * are folded, so the tests they decide disappear (simplifyBlocks). Returns whether anything changed.
 */
function propagateConstants(fn: AnyNode): boolean {
  let changed = false;
  {
    const values = new Map<string, unknown>();
    const variable = new Set<string>();
    const written = new Set<AnyNode>();
    for (const param of fn['params'] as AnyNode[]) for (const id of references(param)) variable.add(id['name'] as string);
    const write = (name: string, value: AnyNode | null | undefined): void => {
      if (!isLiteral(value)) variable.add(name);
      else if (!values.has(name)) values.set(name, value['value']);
      else if (values.get(name) !== value['value']) variable.add(name);
    };
    for (const node of nodes(fn['body'] as AnyNode)) {
      if (node.type === 'VariableDeclarator') {
        const id = node['id'] as AnyNode;
        if (id.type !== 'Identifier') for (const inner of references(id)) variable.add(inner['name'] as string);
        else {
          written.add(id);
          write(id['name'] as string, node['init'] as AnyNode | null);
        }
      } else if (node.type === 'AssignmentExpression') {
        const left = node['left'] as AnyNode;
        if (left.type === 'Identifier') {
          written.add(left);
          if (node['operator'] === '=') write(left['name'] as string, node['right'] as AnyNode);
          else variable.add(left['name'] as string);
        }
      } else if (node.type === 'UpdateExpression') {
        const argument = node['argument'] as AnyNode;
        if (argument.type === 'Identifier') variable.add(argument['name'] as string);
      } else if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') {
        for (const id of references(node['left'] as AnyNode)) variable.add(id['name'] as string);
      } else if (isFunction(node)) {
        // A nested function could run at any time: nothing it writes is constant.
        for (const id of references(node)) variable.add(id['name'] as string);
      }
    }
    // A `var` declared inside a nested block is undefined where that block did not run (AJV's `if (_valid0) { var
    // items0 = true; }` under anyOf): it is a constant only when every read of it is inside that block. Limited to
    // AJV's evaluated-items/properties trackers (itemsN, propsN): applied to every block var it exposed another
    // pass that drops a still-read `vErrors` declaration (the property test's TS target), not yet fixed.
    let total: Map<string, number> | undefined;
    for (const block of nodes(fn['body'] as AnyNode)) {
      if (block.type !== 'BlockStatement' || block === fn['body']) continue;
      let inside: Map<string, number> | undefined;
      for (const statement of block['body'] as AnyNode[]) {
        if (statement.type !== 'VariableDeclaration' || statement['kind'] !== 'var') continue;
        for (const d of statement['declarations'] as AnyNode[]) {
          const name = (d['id'] as AnyNode)['name'] as string | undefined;
          if (name === undefined || !/^(?:items|props)\d+$/.test(name) || !values.has(name) || variable.has(name)) continue;
          total ??= readsIn(fn['body'] as AnyNode);
          inside ??= readsIn(block);
          if ((inside.get(name) ?? 0) !== (total.get(name) ?? 0)) variable.add(name);
        }
      }
    }
    const constants = new Map([...values].filter(([name]) => !variable.has(name)));
    const replace = (node: AnyNode): AnyNode => {
      for (const field of childFields(node)) {
        const child = node[field];
        if (Array.isArray(child)) {
          for (let i = 0; i < child.length; i++) if (isNode(child[i])) child[i] = replace(child[i] as AnyNode);
        } else if (isNode(child) && !(node.type === 'MemberExpression' && field === 'property' && node['computed'] !== true) && !(node.type === 'Property' && field === 'key' && node['computed'] !== true)) {
          node[field] = replace(child);
        }
      }
      if (node.type === 'Identifier' && !written.has(node) && constants.has(node['name'] as string)) {
        changed = true;
        return literal(constants.get(node['name'] as string));
      }
      const folded = fold(node);
      if (folded !== node) changed = true;
      return folded;
    };
    fn['body'] = replace(fn['body'] as AnyNode);
  }
  return changed;
}

/** One expression of literals, folded; anything else as it is. */
function fold(node: AnyNode): AnyNode {
  if (node.type === 'BinaryExpression') {
    const left = node['left'] as AnyNode;
    const right = node['right'] as AnyNode;
    if (!isLiteral(left) || !isLiteral(right)) return node;
    const a = left['value'] as never;
    const b = right['value'] as never;
    switch (node['operator']) {
      case '===': return literal(a === b);
      case '!==': return literal(a !== b);
      case '<': return literal(a < b);
      case '>': return literal(a > b);
      case '<=': return literal(a <= b);
      case '>=': return literal(a >= b);
      default: return node;
    }
  }
  if (node.type === 'UnaryExpression' && node['operator'] === '!' && isLiteral(node['argument'] as AnyNode)) {
    return literal(!(node['argument'] as AnyNode)['value']);
  }
  if (node.type === 'LogicalExpression' && isLiteral(node['left'] as AnyNode)) {
    const left = node['left'] as AnyNode;
    const truthy = Boolean(left['value']);
    if (node['operator'] === '&&') return truthy ? (node['right'] as AnyNode) : left;
    if (node['operator'] === '||') return truthy ? left : (node['right'] as AnyNode);
    return node;
  }
  if (node.type === 'ConditionalExpression' && isLiteral(node['test'] as AnyNode)) {
    return (node['test'] as AnyNode)['value'] ? (node['consequent'] as AnyNode) : (node['alternate'] as AnyNode);
  }
  return node;
}

/** An expression whose evaluation has no effect (reading a getter of AJV's own objects included). */
function pure(node: AnyNode | null | undefined): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
      return true;
    case 'TemplateLiteral':
      return (node['expressions'] as AnyNode[]).every(pure);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return pure(node['left'] as AnyNode) && pure(node['right'] as AnyNode);
    case 'UnaryExpression':
      return node['operator'] !== 'delete' && pure(node['argument'] as AnyNode);
    case 'MemberExpression':
      return pure(node['object'] as AnyNode) && (node['computed'] !== true || pure(node['property'] as AnyNode));
    case 'ArrayExpression':
      return (node['elements'] as (AnyNode | null)[]).every((e) => e === null || (e.type !== 'SpreadElement' && pure(e)));
    case 'ObjectExpression':
      return (node['properties'] as AnyNode[]).every((p) => p.type === 'Property' && (p['computed'] !== true || pure(p['key'] as AnyNode)) && pure(p['value'] as AnyNode));
    case 'ConditionalExpression':
      return pure(node['test'] as AnyNode) && pure(node['consequent'] as AnyNode) && pure(node['alternate'] as AnyNode);
    case 'NewExpression': {
      const callee = node['callee'] as AnyNode;
      return callee.type === 'Identifier' && ['Set', 'RegExp', 'Map'].includes(callee['name'] as string) && (node['arguments'] as AnyNode[]).every(pure);
    }
    default:
      return false;
  }
}

/**
 * Declarations and assignments nothing reads: a variable whose name is never read in its function (for the
 * top level: anywhere in the code) loses its declarations and plain assignments whose values have no effect.
 * Counting by name over the whole function is conservative: a name read anywhere in it keeps everything.
 */
function dropUnused(scope: AnyNode, keep: ReadonlySet<string>): boolean {
  // The scope's own statement lists, not a nested function's.
  const own: AnyNode[][] = [];
  const stack: AnyNode[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node !== scope && isFunction(node)) continue;
    if (node.type === 'Program' || node.type === 'BlockStatement') own.push(node['body'] as AnyNode[]);
    else if (node.type === 'SwitchCase') own.push(node['consequent'] as AnyNode[]);
    if (node.type === 'Program') {
      for (const statement of node['body'] as AnyNode[]) if (statement.type !== 'FunctionDeclaration') stack.push(statement);
      continue;
    }
    eachChild(node, (child) => stack.push(child));
  }
  const reads = readsIn(scope);
  const unread = (id: AnyNode): boolean => id.type === 'Identifier' && !(reads.get(id['name'] as string) ?? 0) && !keep.has(id['name'] as string);
  let changed = false;
  for (const list of own) {
    for (let i = list.length - 1; i >= 0; i--) {
      const statement = list[i] as AnyNode;
      if (statement.type === 'VariableDeclaration') {
        const declarations = statement['declarations'] as AnyNode[];
        const kept = declarations.filter((d) => !(unread(d['id'] as AnyNode) && pure(d['init'] as AnyNode | null)));
        if (kept.length === declarations.length) continue;
        changed = true;
        if (kept.length === 0) list.splice(i, 1);
        else statement['declarations'] = kept;
      } else if (statement.type === 'ExpressionStatement') {
        const e = statement['expression'] as AnyNode;
        if (e.type === 'AssignmentExpression' && e['operator'] === '=' && unread(e['left'] as AnyNode) && pure(e['right'] as AnyNode)) {
          list.splice(i, 1);
          changed = true;
        }
      }
    }
  }
  return changed;
}

/**
 * How often each name is read in a tree: every reference but declared names and the targets of plain `=`
 * statements (an assignment inside an expression, `(missing0 = "id")`, counts as a read: its declaration
 * stays), and not property names (`x.name`, `{ name: … }`). `skip`: identifier nodes not to count.
 */
function readsIn(root: AnyNode, skip?: ReadonlySet<AnyNode>): Map<string, number> {
  const found = new Map<string, number>();
  const notRead = new Set<AnyNode>();
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    switch (node.type) {
      case 'Identifier':
        if (!notRead.has(node) && !skip?.has(node)) found.set(node['name'] as string, (found.get(node['name'] as string) ?? 0) + 1);
        continue;
      case 'VariableDeclarator':
        notRead.add(node['id'] as AnyNode);
        break;
      case 'ExpressionStatement': {
        const e = node['expression'] as AnyNode;
        if (e.type === 'AssignmentExpression' && e['operator'] === '=') notRead.add(e['left'] as AnyNode);
        break;
      }
      case 'MemberExpression':
        if (node['computed'] === false) notRead.add(node['property'] as AnyNode);
        break;
      case 'Property':
        if (node['computed'] === false) notRead.add(node['key'] as AnyNode);
        break;
    }
    eachChild(node, (child) => stack.push(child));
  }
  return found;
}

function isFunction(node: AnyNode): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

export function usesName(root: AnyNode, name: string): boolean {
  for (const id of references(root)) if (id['name'] === name) return true;
  return false;
}

function declares(program: AnyNode, name: string): boolean {
  return (program['body'] as AnyNode[]).some(
    (s) => s.type === 'VariableDeclaration' && (s['declarations'] as AnyNode[]).some((d) => (d['id'] as AnyNode)['name'] === name),
  );
}

/**
 * The validator code as TypeScript for the `ts` target: every parameter and every variable declared without a
 * value (or as `null`) typed `any`, and each function's `errors` member read through `any` (the code checks
 * untyped data; its typed API is the object's module), so a strict compile accepts it without `@ts-nocheck`. Inserted at the syntax tree's positions; nothing else changes. Also says whether the code reads the shared module (`runtime`).
 */
export function annotateForTypeScript(code: string): { code: string; usesRuntime: boolean } {
  const edits: { at: number; text: string; end?: number }[] = [];
  const program = parseScript(code);
  // Code that reads nothing of the shared module must not import it (a strict compile's noUnusedLocals).
  const usesRuntime = usesName(program, 'runtime');
  // Declarations in a `for (const key of …)` head cannot be annotated; those inside functions are typed `any`.
  const loopHeads = new Set<AnyNode>();
  const inFunction = new Set<AnyNode>();
  for (const node of nodes(program)) {
    if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') loopHeads.add(node['left'] as AnyNode);
    if (isFunction(node)) for (const inner of nodes(node['body'] as AnyNode)) if (inner.type === 'VariableDeclaration') inFunction.add(inner);
  }
  for (const node of nodes(program)) {
    if (node.type === 'MemberExpression' && node['computed'] === false && ['runtime.formats', 'runtime.sharedEnums'].includes(code.slice((node['object'] as AnyNode).start, (node['object'] as AnyNode).end))) {
      // Records keyed by name: read with brackets (noPropertyAccessFromIndexSignature).
      edits.push({ at: (node['object'] as AnyNode).end, end: node.end, text: `[${JSON.stringify((node['property'] as AnyNode)['name'])}]` });
    }
    if (node.type === 'VariableDeclaration' && node['kind'] === 'const' && !inFunction.has(node)) {
      // A run-time helper looked up by name (a format, a shared enum) may be missing as far as the types know.
      for (const d of node['declarations'] as AnyNode[]) {
        const init = d['init'] as AnyNode | null;
        if (init?.type === 'MemberExpression' && code.slice(init.start, init.end).startsWith('runtime.')) edits.push({ at: (d['id'] as AnyNode).end, text: ': any' });
      }
    }
    if (isFunction(node)) {
      const params = node['params'] as AnyNode[];
      const bare = node.type === 'ArrowFunctionExpression' && params.length === 1 && code[(params[0] as AnyNode).start - 1] !== '(';
      for (const param of params) {
        const typed = param.type === 'AssignmentPattern' ? (param['left'] as AnyNode) : param;
        if (bare) edits.push({ at: typed.start, text: '(' }, { at: typed.end, text: ': any)' });
        else edits.push({ at: typed.end, text: ': any' });
      }
    } else if (node.type === 'MemberExpression' && node['computed'] === false && (node['property'] as AnyNode)['name'] === 'errors' && (node['object'] as AnyNode).type === 'Identifier') {
      // A function's `errors` (AJV's way of returning them): TypeScript knows such expando members only at the top level.
      edits.push({ at: (node['object'] as AnyNode).start, text: '(' }, { at: (node['object'] as AnyNode).end, text: ' as any)' });
    } else if (node.type === 'VariableDeclaration' && !loopHeads.has(node)) {
      // Inside functions every variable is `any`: the counters AJV copies into each other (`const _errs2 = errors`
      // in a loop that sets `errors`) would otherwise be typed from themselves (TS7022).
      for (const d of node['declarations'] as AnyNode[]) {
        const init = d['init'] as AnyNode | null;
        const open = node['kind'] !== 'const' && (init === null || (isLiteral(init) && init['value'] === null));
        if ((d['id'] as AnyNode).type === 'Identifier' && (open || (inFunction.has(node) && !isFunction(init ?? node)))) edits.push({ at: (d['id'] as AnyNode).end, text: ': any' });
      }
    }
  }
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += code.slice(at, edit.at) + edit.text;
    at = edit.end ?? edit.at;
  }
  return { code: out + code.slice(at), usesRuntime };
}
