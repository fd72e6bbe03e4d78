/**
 * Our own emitter for the fast (boolean) validator flavours behind `is…`/`is…Strict`: direct code from the
 * schemas AJV would compile (validators.ts validatedSchemas), one function per named type
 * (`$defs` entry) with the name AJV's got (`validatePaymentCustomerPayer`), early `return false`, each
 * property read once, `typeof`/`===` tests, and the shared module's helpers. The keywords it builds are the
 * table in fast-keywords.ts; a schema using anything else keeps AJV's code (fastSupport says which).
 *
 * Own keys only, as AJV's `ownProperties`: a property counts when it is not `undefined` and the object owns
 * it. An object whose prototype is `Object.prototype` or null owns every key it answers for except the
 * names `Object.prototype` itself has, so `hasOwnProperty` is called only for those names, or for objects
 * of another prototype.
 */
import { jsString } from '../escape.js';
import { isPlainObject as isObject } from '../conforms.js';
import type { JsonSchema } from '../types.js';
import { walkSchema } from '../schema/walk.js';
import { DefFunctions, ModuleConstants, Names, capital, defName, hash, idPart, member, sharedEnumOf } from './js-names.js';
import { FAST_KEYWORDS, PROTOTYPE_KEYS, indent, typeFails, typeTest, type Group, type KeywordContext } from './fast-keywords.js';

/** The schemas the fast flavours check, and what the emitted code may use. */
export interface FastInput {
  /**
   * The schema `is…` checks and the one `is…Strict` checks, each its own pure set of functions: an app that
   * calls only `is…` bundles none of the strict one's unknown-key checks and enum lists.
   */
  schemas: { loose: JsonSchema; strict: JsonSchema };
  /** The object's name: the root function is `validate` + this. */
  rootName: string;
  /** Definitions (by name) whose enum lives as a Set in the shared module (`runtime.sharedEnums`). */
  sharedEnums: ReadonlySet<string>;
  /** The object's own definitions, to tell a shared enum's list. */
  defs: Record<string, unknown>;
}

export interface FastOutput {
  /** Module-neutral JS defining `fast` and `fastStrict`, reading helpers from `runtime`. */
  pieces: string[];
  usesMultipleOf: boolean;
}

/** Where the emitter gives up and AJV builds the code: nesting beyond this many inline subschemas in one function. */
const MAX_INLINE_DEPTH = 48;

/** The keyword and place of the first thing the fast emitter does not build, or undefined when it builds it all. */
export function fastUnsupported(schema: JsonSchema): string | undefined {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  let found: string | undefined;
  walkSchema(schema, (node, pointer) => {
    if (found !== undefined) return;
    for (const [key, value] of Object.entries(node)) {
      const keyword = Object.hasOwn(FAST_KEYWORDS, key) ? FAST_KEYWORDS[key] : undefined;
      if (keyword === undefined || !keyword.supports(value, pointer === '')) {
        found = `${key} at ${pointer === '' ? '/' : pointer}`;
        return;
      }
      if (key === '$ref' && defName(value as string, defs) === undefined) {
        found = `$ref ${JSON.stringify(value)} at ${pointer === '' ? '/' : pointer}`;
        return;
      }
    }
  });
  return found;
}

/** The fast flavours' code, or undefined when a schema uses what this emitter does not build (then AJV's). */
export function fastPieces(input: FastInput): FastOutput | undefined {
  const schemas = [input.schemas.loose, input.schemas.strict];
  if (schemas.some((s) => fastUnsupported(s) !== undefined)) return undefined;
  const usesMultipleOf = { value: false };
  try {
    const pure = (name: string, code: string): string => `const ${name} = /*#__PURE__*/ (function () {\n${code}\n})();`;
    const loose = emitModule(input.schemas.loose, input, usesMultipleOf);
    const strict = emitModule(input.schemas.strict, input, usesMultipleOf);
    return {
      usesMultipleOf: usesMultipleOf.value,
      pieces: [pure('fast', `${loose.code}\nreturn ${loose.root};`), pure('fastStrict', `${strict.code}\nreturn ${strict.root};`)],
    };
  } catch (error) {
    if (error instanceof TooDeep) return undefined;
    throw error;
  }
}

class TooDeep extends Error {}

/** Which types a group's keywords apply to. */
const GROUP_TYPES: Record<Exclude<Group, 'any'>, string[]> = {
  string: ['string'],
  number: ['number', 'integer'],
  object: ['object'],
  array: ['array'],
};

const ALL_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];

/**
 * The test in front of a group's checks, given the types the value can still have: '' when it is surely
 * of the group, undefined when it never is.
 */
function groupGuard(group: Exclude<Group, 'any'>, possible: string[], v: string): string | undefined {
  const own = GROUP_TYPES[group];
  if (!possible.some((t) => own.includes(t))) return undefined;
  const others = possible.filter((t) => !own.includes(t));
  if (others.length === 0) return '';
  if (others.length === 1 && others[0] === 'null') return `${v} !== null`;
  return typeTest(group === 'number' ? 'number' : group, v);
}

/** The functions of one schema (its root and the definitions it reaches), and the name of the root's. */
function emitModule(schema: JsonSchema, input: FastInput, usesMultipleOf: { value: boolean }): { code: string; root: string } {
  const defs = (isObject(schema.$defs) ? schema.$defs : {}) as Record<string, unknown>;
  const moduleNames = new Names(['runtime', 'fast', 'fastStrict', 'data', 'Object', 'Array', 'Number', 'Set', 'RegExp', 'isFinite']);
  const functions = new DefFunctions(moduleNames, input.rootName, defs);
  /** Module constants: the shared helpers on top, the others right before the first function using them. */
  const helpers: string[] = [];
  const helperNames = new Map<string, string>();
  const constants = new ModuleConstants(moduleNames);
  let pending: string[] = [];
  const hoistNamed = (base: string, init: string, into: string[]): string => constants.define(base, init, into);
  const helper = (name: string): string => {
    if (name === 'isMultipleOf') usesMultipleOf.value = true;
    let local = helperNames.get(name);
    if (local === undefined) {
      local = hoistNamed(name, name === 'hasOwn' ? 'Object.prototype.hasOwnProperty' : `runtime.${name}`, helpers);
      helperNames.set(name, local);
    }
    return local;
  };
  const sharedDefs = input.defs;
  const enumSet = (values: string[], base: string): string => {
    const shared = sharedEnumOf(values, input.sharedEnums, sharedDefs);
    if (shared !== undefined) return hoistNamed(`enum${capital(idPart(shared))}`, `runtime.sharedEnums[${jsString(shared)}]`, helpers);
    return hoistNamed(base, `new Set([${values.map((x) => jsString(x)).join(', ')}])`, pending);
  };

  /** Each line failIf wrote, with its condition: what the shared checks are made of (see leaf). */
  const failLines = new Map<string, { condition: string; fail: string; call: boolean }>();
  const failIf = (condition: string, fail: string, call = false): string[] => {
    if (condition === 'false') return [];
    const line = `if (${condition}) ${fail}`;
    failLines.set(line, { condition, fail, call });
    return [line];
  };

  const functionCode = (def: string, fn: string): string => {
    const body = def === '' ? schema : defs[def];
    const locals = new Names();
    const labels = new Names();
    const short = fn.replace(/^validate/, '');
    /** `hint`: the name constants hoisted here are named after (else the value's). */
    const check = (node: unknown, v: string, fail: string, depth: number, hint?: string): string[] => {
      if (depth > MAX_INLINE_DEPTH) throw new TooDeep();
      if (node === true || (isObject(node) && Object.keys(node).length === 0)) return [];
      if (!isObject(node)) return [fail];
      const s = node as JsonSchema;
      const named = hint ?? v.replace(/\$$/, '');
      const base = `${short}${capital(named === 'data' ? '' : idPart(named))}`;
      const cx: KeywordContext = {
        node: s,
        v,
        fail,
        check: (sub, value, f) => check(sub, value, f, depth + 1),
        hoist: (kind, init) => hoistNamed(`${kind}${capital(base)}`, init, pending),
        local: (name) => locals.give(`${idPart(name).replace(/\$+$/, '')}$`),
        helper,
        shared: (name, init) => hoistNamed(name, init, helpers),
        label: (name) => labels.give(name),
        refFunction: (ref) => functions.ofRef(ref),
        enumSet: (values) => enumSet(values, `enum${capital(base)}`),
        leaf: (sub, optional, name) => {
          // The property's checks as one test, when each is a line failIf wrote (else it keeps its own code).
          const tests: string[] = [];
          let calls = 0;
          for (const line of check(sub, 'value', 'return false;', depth + 1, name)) {
            const known = failLines.get(line);
            if (known === undefined || known.fail !== 'return false;') return undefined;
            tests.push(known.condition);
            if (known.call) calls++;
          }
          const valid = tests.length === 0 ? 'true' : tests.length === 1 ? `!(${tests[0] as string})` : `!(${tests.map((t) => `(${t})`).join(' || ')})`;
          // Every type test fails for undefined; without one a required value must be there.
          const typed = isObject(sub) && sub['type'] !== undefined;
          const body = optional ? (tests.length === 0 ? undefined : `value === undefined || ${valid}`) : typed ? valid : tests.length === 0 ? 'value !== undefined' : `value !== undefined && ${valid}`;
          if (body === undefined) return 'none';
          // A reference to a named type stays a direct call: a shared check around it would be one call more.
          if (calls === tests.length) return undefined;
          const init = `(value) => ${body}`;
          return hoistNamed(`check${hash(init)}`, init, pending);
        },
        failIf: (condition, call) => failIf(condition, fail, call),
      };
      const lines: string[] = [];
      const types = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : undefined;
      if (types !== undefined) {
        const allowed = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
        lines.push(...failIf(typeFails(allowed, v), fail));
      }
      const possible = types === undefined ? ALL_TYPES : types.includes('number') ? [...new Set([...types, 'integer'])] : types;
      const run = (keys: string[]): void => {
        for (const key of keys) {
          const code = Object.hasOwn(s, key) ? FAST_KEYWORDS[key]?.code : undefined;
          if (code !== undefined) lines.push(...code(cx));
        }
      };
      run(['const', 'enum']);
      for (const group of ['string', 'number', 'object', 'array'] as const) {
        const guard = groupGuard(group, possible, v);
        if (guard === undefined) continue;
        const body: string[] = [];
        if (group === 'object') body.push(...objectCode(s, v, fail, cx));
        for (const [key, keyword] of Object.entries(FAST_KEYWORDS)) {
          if (keyword.group === group && keyword.code !== undefined && Object.hasOwn(s, key)) body.push(...keyword.code(cx));
        }
        if (body.length === 0) continue;
        lines.push(...(guard === '' ? body : [`if (${guard}) {`, ...indent(body), '}']));
      }
      run(['$ref', 'allOf', 'anyOf', 'oneOf', 'not']);
      return lines;
    };
    const lines = check(body, 'data', 'return false;', 0);
    return [`function ${fn}(data) {`, ...indent([...lines, 'return true;']), '}'].join('\n');
  };

  const code = functions.writeAll((def, fn) => {
    pending = [];
    const text = functionCode(def, fn);
    return [...pending, text].join('\n');
  });
  return { code: [...helpers, ...code].join('\n'), root: functions.root };
}

/**
 * `properties`, `required`, `patternProperties` and `additionalProperties` of one object (AJV's
 * `ownProperties`: a key counts when the object owns it and its value is not undefined).
 */
function objectCode(s: JsonSchema, v: string, fail: string, cx: KeywordContext): string[] {
  const properties = (isObject(s.properties) ? s.properties : {}) as Record<string, unknown>;
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  const patterns = (isObject(s['patternProperties']) ? s['patternProperties'] : {}) as Record<string, unknown>;
  const additional = s.additionalProperties as unknown;
  const lines: string[] = [];
  // The object as far as its own keys go: itself when its prototype is Object.prototype or null (it owns
  // every key it answers for but that prototype's own names), else a view of its own properties only: each
  // read there reads the object's property when it happens, so a getter the schema never asks for never runs.
  let own: string | undefined;
  const view = (): string => (own ??= cx.local(`${v.replace(/\$$/, '')}Own`));
  const present = (p: string, name: string): string =>
    PROTOTYPE_KEYS.has(name) ? `${p} !== undefined && ${cx.helper('hasOwn')}.call(${view()}, ${jsString(name)})` : `${p} !== undefined`;
  const absent = (p: string, name: string): string =>
    PROTOTYPE_KEYS.has(name) ? `${p} === undefined || !${cx.helper('hasOwn')}.call(${view()}, ${jsString(name)})` : `${p} === undefined`;
  const mustHave = new Set(required);
  for (const [name, sub] of Object.entries(properties)) {
    const needed = mustHave.has(name);
    if (!needed && (sub === true || (isObject(sub) && Object.keys(sub).length === 0))) continue;
    const leaf = PROTOTYPE_KEYS.has(name) ? undefined : cx.leaf(sub, !needed, name);
    if (leaf === 'none') continue;
    if (leaf !== undefined) {
      // Read once, as the argument of the shared check.
      lines.push(...cx.failIf(`!${leaf}(${member(view(), name)})`));
      continue;
    }
    const p = cx.local(name);
    const body = cx.check(sub, p, fail);
    lines.push(`const ${p} = ${member(view(), name)};`);
    // Every type test fails for undefined: a required property with one needs no presence test of its own.
    const typed = isObject(sub) && sub['type'] !== undefined && !PROTOTYPE_KEYS.has(name);
    if (needed) lines.push(...(typed ? [] : cx.failIf(absent(p, name))), ...body);
    else lines.push(`if (${present(p, name)}) {`, ...indent(body), '}');
  }
  for (const name of required) {
    if (Object.hasOwn(properties, name)) continue;
    const p = cx.local(name);
    lines.push(`const ${p} = ${member(view(), name)};`, ...cx.failIf(absent(p, name)));
  }
  const patternSets = Object.keys(patterns).map((p) => ({ p, re: cx.hoist('pattern', `new RegExp(${jsString(p)}, "u")`) }));
  const keyLoop = (k: string, body: string[]): string[] => [`for (const ${k} of Object.keys(${view()})) {`, ...indent(body), '}'];
  if (patternSets.length > 0) {
    const k = cx.local('key');
    const body: string[] = [];
    for (const { p, re } of patternSets) {
      const value = cx.local('matched');
      const checks = cx.check(patterns[p], value, fail);
      if (checks.length === 0) continue;
      body.push(`if (${re}.test(${k})) {`, ...indent([`const ${value} = ${view()}[${k}];`, ...checks]), '}');
    }
    if (body.length > 0) lines.push(...keyLoop(k, body));
  }
  if (additional !== undefined && additional !== true) {
    const names = Object.keys(properties);
    const k = cx.local('key');
    const known = [
      ...(names.length > 8 ? [`${cx.hoist('known', `new Set([${names.map((n) => jsString(n)).join(', ')}])`)}.has(${k})`] : names.map((n) => `${k} === ${jsString(n)}`)),
      ...patternSets.map(({ re }) => `${re}.test(${k})`),
    ];
    const unknown = known.length === 0 ? 'true' : `!(${known.join(' || ')})`;
    if (additional === false) {
      lines.push(...keyLoop(k, [`if (${unknown}) ${fail}`]));
    } else {
      const value = cx.local('extra');
      const checks = cx.check(additional, value, fail);
      if (checks.length > 0) lines.push(...keyLoop(k, [`if (${unknown}) {`, ...indent([`const ${value} = ${view()}[${k}];`, ...checks]), '}']));
    }
  }
  if (own !== undefined) {
    const ownOnly = cx.shared(
      'ownOnly',
      '(o) => {\n' +
        '  const own = Object.create(null);\n' +
        '  for (const key of Object.getOwnPropertyNames(o)) {\n' +
        '    Object.defineProperty(own, key, { get: () => o[key], enumerable: Object.prototype.propertyIsEnumerable.call(o, key) });\n' +
        '  }\n' +
        '  return own;\n' +
        '}',
    );
    // The answer is Object.getPrototypeOf's. Reading a property first (an inline-cached load) tells V8 the
    // object's shape, so that call then folds to a constant; alone, it cost a builtin call per object, a fifth
    // of isPayment's time on a full Payment. The property is a symbol of this module's own, which no ordinary
    // object has, so no getter of the user's runs; unlike `__proto__`, reading it neither throws (`node
    // --disable-proto=throw`) nor misses the shape (Deno, `--disable-proto=delete`).
    const probe = cx.shared('shapeProbe', 'Symbol("yuno-codegen shape probe")');
    const plain = `${v}[${probe}] === undefined && Object.getPrototypeOf(${v}) === Object.prototype || Object.getPrototypeOf(${v}) === null`;
    // A Proxy's traps may throw (a get trap that refuses unknown keys, a getPrototypeOf trap): its own keys
    // alone then answer, through the view, as AJV reads only the keys the schema names.
    lines.unshift(`let ${own};`, 'try {', `  ${own} = ${plain} ? ${v} : ${ownOnly}(${v});`, '} catch {', `  ${own} = ${ownOnly}(${v});`, '}');
  }
  return lines;
}
