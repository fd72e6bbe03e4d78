/**
 * Our own emitter for the error-collecting validator flavour behind `assert…`, `parse…`, `safeParse…` and the
 * Standard Schema objects: every problem of a value, as `{instancePath, keyword, params}` (the shared module
 * words the message), exactly the list `ajv.compile` with `allErrors` gives for the same schema, in AJV's
 * order. It runs only after the fast flavour said no, so it is written for size: one function per named type
 * (`$defs` entry, the name AJV's got), each subschema's checks one shared module function `(value, path)`
 * (the same checks, the same function), and a handful of module helpers. It builds the keywords of the fast
 * emitter's table (fast-keywords.ts); a schema using anything else keeps AJV's code (validators.ts).
 *
 * AJV's order, which the emitted code follows (AJV's compile/validate and its rule groups):
 * - a schema that is only a `$ref`: the referenced function, nothing else;
 * - the `type` error first, unless the schema has a single type that is one of the four typed groups below and
 *   keywords of that group: then it comes where that group is checked, in the group test's `else`;
 * - the keywords that apply to every value: `$ref`, `const`, `enum`, `not`, `anyOf`, `oneOf`, `allOf`;
 * - then each typed group behind a test of the value's type: number (`maximum`, `minimum`, `exclusiveMaximum`,
 *   `exclusiveMinimum`, `multipleOf`), string (`maxLength`, `minLength`, `pattern`, `format`), array
 *   (`maxItems`, `minItems`, `items`), object (`maxProperties`, `minProperties`, `required`,
 *   `additionalProperties`, `properties`, `patternProperties`).
 * `anyOf` stops at the first branch that passes and then drops the branches' errors; `not` and a passing
 * `oneOf` drop theirs; `oneOf` stops at its second passing branch (the later ones' errors are not listed) and
 * reports the two as `passingSchemas`.
 *
 * Own keys only, as AJV's `ownProperties`: a property counts when the object owns it and it is not undefined.
 */
import { jsString } from '../escape.js';
import { isPlainObject as isObject } from '../conforms.js';
import type { JsonSchema } from '../types.js';
import { indent, literal, oneOf, typeFails, typeTest } from './fast-keywords.js';
import { fastUnsupported } from './fast.js';
import { DefFunctions, ModuleConstants, Names, capital, hash, idPart, sharedEnumOf } from './js-names.js';
import { mapSchema } from '../schema/walk.js';

/**
 * An open enum's list in a schema both variants share: checked only while the module's `closed$` switch is on
 * (the strict variant), reported as `enum` (validators.ts gatedOpenEnums).
 */
export const OPEN_ENUM_KEYWORD = 'x-yuno-codegen-openEnum';

export interface FullInput {
  /** The schema whose errors the code collects (validators.ts validatedSchemas, or the gated strict one). */
  schema: JsonSchema;
  /** The object's name: the root function is `validate` + this. */
  rootName: string;
  /** Definitions (by name) whose enum lives as a Set in the shared module (`runtime.sharedEnums`). */
  sharedEnums: ReadonlySet<string>;
  /** The object's own definitions, to tell a shared enum's list. */
  defs: Record<string, unknown>;
  /**
   * The schema serves both variants (validators.ts): its open enums' lists (OPEN_ENUM_KEYWORD) and every
   * `additionalProperties: false` are checked only while the module's `closed$` switch is on. Off, the code
   * collects exactly the loose schema's errors, inside `anyOf`/`not` branches too (a branch that fails only
   * on an unknown key passes).
   */
  gated?: boolean;
}

export interface FullOutput {
  /**
   * Module-neutral JS, the body of a function scope: defines `collect$(data)`, which returns the value's errors
   * (null when it has none). Gated (or with a gated open enum), the scope must declare `let closed$` before this code.
   */
  code: string;
  /** Every keyword an error of this code can carry (the shared module words a message for each). */
  keywords: Set<string>;
  usesMultipleOf: boolean;
}

/** Where the emitter gives up and AJV builds the code: subschemas nested deeper than this in one definition. */
const MAX_DEPTH = 48;

class TooDeep extends Error {}

/** The keyword and place of the first thing this emitter does not build, or undefined when it builds it all. */
export function fullUnsupported(schema: JsonSchema): string | undefined {
  // A gated open enum is checked as `enum` is: the same values are supported.
  return fastUnsupported(
    mapSchema(schema, (node) => {
      if (!Object.hasOwn(node, OPEN_ENUM_KEYWORD)) return node;
      const { [OPEN_ENUM_KEYWORD]: values, ...rest } = node;
      return { ...rest, enum: values as unknown[] };
    }),
  );
}

/** Keywords per typed group, in the order AJV checks them (its vocabularies' order). */
const GROUPS: { group: 'number' | 'string' | 'array' | 'object'; keywords: string[] }[] = [
  { group: 'number', keywords: ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf'] },
  { group: 'string', keywords: ['maxLength', 'minLength', 'pattern', 'format'] },
  { group: 'array', keywords: ['maxItems', 'minItems', 'items'] },
  { group: 'object', keywords: ['maxProperties', 'minProperties', 'required', 'additionalProperties', 'properties', 'patternProperties'] },
];

/** The keywords AJV checks for every value, in its order (`$ref` from its core vocabulary first). */
const ANY_KEYWORDS = ['$ref', 'const', OPEN_ENUM_KEYWORD, 'enum', 'not', 'anyOf', 'oneOf', 'allOf'];

/**
 * Whether `type`'s error comes in the group of that type: the schema has a keyword AJV files there (`format`
 * sits in its number group as well as the string one, though it checks only strings).
 */
function typeInGroup(s: JsonSchema, type: string): boolean {
  const group = GROUPS.find((g) => g.group === type);
  if (group === undefined) return false;
  return group.keywords.some((k) => Object.hasOwn(s, k)) || (type === 'number' && Object.hasOwn(s, 'format'));
}

/** The module helpers, each defined once when some code uses it; `push$` records one error. */
const HELPERS: Record<string, { init: string; uses?: string[] }> = {
  push$: { init: '(instancePath, keyword, params) => {\n  errs$.push({ instancePath, keyword, params });\n}' },
  hasOwn$: { init: 'Object.prototype.hasOwnProperty' },
  own$: { init: '(o, key) => (hasOwn$.call(o, key) ? o[key] : undefined)', uses: ['hasOwn$'] },
  esc$: { init: '(key) => key.replace(/~/g, "~0").replace(/\\//g, "~1")' },
  at$: { init: '(o, path, key, check) => {\n  const value = own$(o, key);\n  if (value !== undefined) check(value, path + "/" + esc$(key));\n}', uses: ['own$', 'esc$'] },
  need$: {
    init: '(o, path, keys) => {\n  for (const key of keys) if (own$(o, key) === undefined) push$(path, "required", { missingProperty: key });\n}',
    uses: ['own$', 'push$'],
  },
  extra$: {
    init: '(o, path, props) => {\n  for (const key of Object.keys(o)) if (!props.includes(key)) push$(path, "additionalProperties", { additionalProperty: key });\n}',
    uses: ['push$'],
  },
  props$: {
    init: '(o, path, props) => {\n  for (let i = 0; i < props.length; i += 2) if (props[i + 1] !== 0) at$(o, path, props[i], props[i + 1]);\n}',
    uses: ['at$'],
  },
  each$: { init: '(list, path, check) => {\n  for (let i = 0; i < list.length; i++) check(list[i], path + "/" + i);\n}' },
  pass$: { init: '() => {}' },
  anyOf$: {
    init:
      '(value, path, checks) => {\n' +
      '  const before = errs$.length;\n' +
      '  for (const check of checks) {\n' +
      '    const at = errs$.length;\n' +
      '    check(value, path);\n' +
      '    if (errs$.length === at) {\n' +
      '      errs$.length = before;\n' +
      '      return;\n' +
      '    }\n' +
      '  }\n' +
      '  push$(path, "anyOf", {});\n' +
      '}',
    uses: ['push$'],
  },
  oneOf$: {
    init:
      '(value, path, checks) => {\n' +
      '  const before = errs$.length;\n' +
      '  const passing = [];\n' +
      '  for (let i = 0; i < checks.length && passing.length < 2; i++) {\n' +
      '    const at = errs$.length;\n' +
      '    checks[i](value, path);\n' +
      '    if (errs$.length === at) passing.push(i);\n' +
      '  }\n' +
      '  if (passing.length === 1) errs$.length = before;\n' +
      '  else push$(path, "oneOf", { passingSchemas: passing.length === 0 ? null : passing });\n' +
      '}',
    uses: ['push$'],
  },
  not$: {
    init:
      '(value, path, check) => {\n' +
      '  const before = errs$.length;\n' +
      '  check(value, path);\n' +
      '  if (errs$.length === before) push$(path, "not", {});\n' +
      '  else errs$.length = before;\n' +
      '}',
    uses: ['push$'],
  },
};

const trivial = (node: unknown): boolean => node === true || (isObject(node) && Object.keys(node).length === 0);

/**
 * An object closed by `additionalProperties: false` whose known keys are exactly its `properties`: its unknown
 * keys are found with the table of its properties (`extra$`), before the properties' checks as AJV orders them.
 */
const closedByTable = (s: JsonSchema): boolean =>
  s.additionalProperties === false && isObject(s.properties) && Object.keys(s.properties).length > 0 && !isObject(s['patternProperties']);

/** The error-collecting code of one schema, or undefined when it uses what this emitter does not build (then AJV's). */
export function fullCode(input: FullInput): FullOutput | undefined {
  if (fullUnsupported(input.schema) !== undefined) return undefined;
  try {
    return emitModule(input);
  } catch (error) {
    if (error instanceof TooDeep) return undefined;
    throw error;
  }
}

function emitModule(input: FullInput): FullOutput {
  const schema = input.schema;
  const defs = (isObject(schema.$defs) ? schema.$defs : {}) as Record<string, unknown>;
  const keywords = new Set<string>();
  let usesMultipleOf = false;
  // Module names never end with `$` (Names strips it); the helpers and the module's state all do.
  const moduleNames = new Names(['runtime', 'data', 'value', 'path', 'key', 'list', 'check', 'checks', 'props', 'o', 'i', 'Object', 'Array', 'Number', 'Set', 'RegExp', 'isFinite', 'Math']);
  const functions = new DefFunctions(moduleNames, input.rootName, defs);
  // fullUnsupported said every `$ref` names a definition.
  const refFunction = (ref: string): string => functions.ofRef(ref) as string;

  // Module constants, each defined once by its initialiser: helpers and runtime reads on top, the shared
  // checks right before the first function using them (a check may use a check defined before it).
  const top: string[] = [];
  const used = new Set<string>();
  const use = (name: string): string => {
    if (!used.has(name)) {
      used.add(name);
      const helper = HELPERS[name] as { init: string; uses?: string[] };
      for (const dep of helper.uses ?? []) use(dep);
      top.push(`const ${name} = ${helper.init};`);
    }
    return name;
  };
  const constants = new ModuleConstants(moduleNames);
  /** In front of a closed object's unknown-key check: only the strict variant runs it when the code serves both. */
  const gate = input.gated === true ? 'if (closed$) ' : '';
  let pending: string[] = [];
  const hoist = (base: string, init: string, into: string[] = pending): string => constants.define(base, init, into);
  const runtime = (name: string): string => {
    if (name === 'isMultipleOf') usesMultipleOf = true;
    return hoist(name, `runtime.${name}`, top);
  };
  const error = (p: string, keyword: string, params = '{}'): string => {
    keywords.add(keyword);
    return `${use('push$')}(${p}, ${jsString(keyword)}, ${params});`;
  };

  /** The name of a function `(value, path)` collecting the errors of `node`, or undefined when it never fails. */
  const checkOf = (node: unknown, depth: number): string | undefined => {
    if (trivial(node)) return undefined;
    if (isObject(node) && Object.keys(node).length === 1 && typeof node['$ref'] === 'string') return refFunction(node['$ref']);
    const body = collect(node, 'value', 'path', depth + 1);
    if (body.length === 0) return undefined;
    const init = `(value, path) => {\n${indent(body).join('\n')}\n}`;
    return hoist(`check${hash(init)}`, init);
  };
  /** `checkOf`, with a check that passes everything for a schema that never fails (a branch must be a function). */
  const branchOf = (node: unknown, depth: number): string => checkOf(node, depth) ?? use('pass$');

  /** The statements collecting the errors of `node` for the value `v` at the instance path `p`, in AJV's order. */
  const collect = (node: unknown, v: string, p: string, depth: number): string[] => {
    if (depth > MAX_DEPTH) throw new TooDeep();
    if (trivial(node)) return [];
    if (!isObject(node)) return [error(p, 'false schema')];
    const s = node as JsonSchema;
    if (Object.keys(s).length === 1 && typeof s.$ref === 'string') return [`${refFunction(s.$ref)}(${v}, ${p});`];
    const lines: string[] = [];
    const types = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : [];
    const single = types.length === 1 ? (types[0] as string) : undefined;
    const inGroup = single !== undefined && typeInGroup(s, single);
    const typeError = (): string => error(p, 'type', `{ type: ${JSON.stringify(s.type)} }`);
    if (types.length > 0 && !inGroup) {
      const allowed = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
      lines.push(`if (${typeFails(allowed, v)}) ${typeError()}`);
    }
    for (const key of ANY_KEYWORDS) if (Object.hasOwn(s, key)) lines.push(...anyKeyword(key, s, v, p, depth));
    for (const { group, keywords: groupKeywords } of GROUPS) {
      const body: string[] = [];
      for (const key of groupKeywords) if (Object.hasOwn(s, key)) body.push(...groupKeyword(key, s, v, p, depth));
      const reportsType = inGroup && single === group;
      if (body.length === 0 && !reportsType) continue;
      // typeTest wraps a compound test in parentheses, for use inside a larger expression; here it stands alone.
      const wrapped = typeTest(group, v);
      const test = wrapped.startsWith('(') && wrapped.endsWith(')') ? wrapped.slice(1, -1) : wrapped;
      if (body.length === 0) lines.push(`if (!(${test})) ${typeError()}`);
      else lines.push(`if (${test}) {`, ...indent(body), ...(reportsType ? [`} else ${typeError()}`] : ['}']));
    }
    return lines;
  };

  /** The test that `v` is one of these scalars: the fast emitter's (a Set from nine values on, shared ones read from the run-time). */
  const sets = {
    enumSet: (values: string[]): string => {
      const shared = sharedEnumOf(values, input.sharedEnums, input.defs);
      return shared !== undefined
        ? hoist(`enum${capital(idPart(shared))}`, `runtime.sharedEnums[${jsString(shared)}]`, top)
        : hoist('enumValues', `new Set([${values.map((x) => jsString(x)).join(', ')}])`);
    },
    hoist: (base: string, init: string): string => hoist(base, init),
  };
  const oneOfValues = (values: unknown[], v: string): string => oneOf(values, v, sets);

  const anyKeyword = (key: string, s: JsonSchema, v: string, p: string, depth: number): string[] => {
    const value = (s as Record<string, unknown>)[key];
    switch (key) {
      case '$ref':
        return [`${refFunction(value as string)}(${v}, ${p});`];
      case 'const':
        return [`if (${v} !== ${literal(value)}) ${error(p, 'const')}`];
      case OPEN_ENUM_KEYWORD:
        return [`if (closed$ && !(${oneOfValues(value as unknown[], v)})) ${error(p, 'enum')}`];
      case 'enum':
        return [`if (!(${oneOfValues(value as unknown[], v)})) ${error(p, 'enum')}`];
      case 'not':
        keywords.add('not');
        return [`${use('not$')}(${v}, ${p}, ${branchOf(value, depth)});`];
      case 'anyOf': {
        // A branch that never fails makes the keyword pass whatever the value (AJV writes no code for it).
        if ((value as unknown[]).some(trivial)) return [];
        keywords.add('anyOf');
        return [`${use('anyOf$')}(${v}, ${p}, [${(value as unknown[]).map((b) => branchOf(b, depth)).join(', ')}]);`];
      }
      case 'oneOf':
        keywords.add('oneOf');
        return [`${use('oneOf$')}(${v}, ${p}, [${(value as unknown[]).map((b) => branchOf(b, depth)).join(', ')}]);`];
      case 'allOf':
        return (value as unknown[]).flatMap((b) => {
          const check = checkOf(b, depth);
          return check === undefined ? [] : [`${check}(${v}, ${p});`];
        });
      default:
        return [];
    }
  };

  const limit = (p: string, keyword: string, failsWhen: string, n: unknown): string => `if (${failsWhen}) ${error(p, keyword, `{ limit: ${literal(n)} }`)}`;
  const compare = (p: string, keyword: string, failsWhen: string, comparison: string, n: unknown): string =>
    `if (${failsWhen}) ${error(p, keyword, `{ comparison: "${comparison}", limit: ${literal(n)} }`)}`;

  const groupKeyword = (key: string, s: JsonSchema, v: string, p: string, depth: number): string[] => {
    const value = (s as Record<string, unknown>)[key];
    switch (key) {
      case 'maximum':
        return [compare(p, key, `${v} > ${literal(value)}`, '<=', value)];
      case 'minimum':
        return [compare(p, key, `${v} < ${literal(value)}`, '>=', value)];
      case 'exclusiveMaximum':
        return [compare(p, key, `${v} >= ${literal(value)}`, '<', value)];
      case 'exclusiveMinimum':
        return [compare(p, key, `${v} <= ${literal(value)}`, '>', value)];
      case 'multipleOf':
        return [`if (!${runtime('isMultipleOf')}(${v}, ${literal(value)})) ${error(p, key, `{ multipleOf: ${literal(value)} }`)}`];
      case 'maxLength':
        return [limit(p, key, `${runtime('codePointLength')}(${v}) > ${value}`, value)];
      case 'minLength':
        return (value as number) === 0 ? [] : [limit(p, key, `${runtime('codePointLength')}(${v}) < ${value}`, value)];
      case 'pattern': {
        const re = hoist('pattern', `new RegExp(${jsString(value)}, "u")`);
        return [`if (!${re}.test(${v})) ${error(p, key, `{ pattern: ${jsString(value)} }`)}`];
      }
      case 'format': {
        const format = value as string;
        const fn = hoist(`format${format.split('-').map(capital).join('')}`, `runtime.formats[${jsString(format)}]`, top);
        return [`if (!${fn}(${v})) ${error(p, key, `{ format: ${jsString(format)} }`)}`];
      }
      case 'maxItems':
        return [limit(p, key, `${v}.length > ${value}`, value)];
      case 'minItems':
        return [limit(p, key, `${v}.length < ${value}`, value)];
      case 'items': {
        const check = checkOf(value, depth);
        return check === undefined ? [] : [`${use('each$')}(${v}, ${p}, ${check});`];
      }
      case 'maxProperties':
        return [limit(p, key, `Object.keys(${v}).length > ${value}`, value)];
      case 'minProperties':
        return [limit(p, key, `Object.keys(${v}).length < ${value}`, value)];
      case 'required': {
        const names = value as string[];
        if (names.length === 0) return [];
        keywords.add('required');
        return [`${use('need$')}(${v}, ${p}, [${names.map((n) => jsString(n)).join(', ')}]);`];
      }
      case 'additionalProperties':
        return additional(s, v, p, depth);
      case 'properties': {
        // One table of names and checks (0: nothing to check), which a closed object's key test reads too.
        const entries = Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, checkOf(sub, depth)] as const);
        if (entries.length === 0 || (entries.every(([, check]) => check === undefined) && !closedByTable(s))) return [];
        const table = `const props = [${entries.map(([name, check]) => `${jsString(name)}, ${check ?? 0}`).join(', ')}];`;
        const closed = closedByTable(s) ? [`${gate}${use('extra$')}(${v}, ${p}, props);`] : [];
        const checks = entries.some(([, check]) => check !== undefined) ? [`${use('props$')}(${v}, ${p}, props);`] : [];
        return [table, ...closed, ...checks];
      }
      case 'patternProperties':
        return Object.entries(value as Record<string, unknown>).flatMap(([pattern, sub]) => {
          const check = checkOf(sub, depth);
          if (check === undefined) return [];
          const re = hoist('pattern', `new RegExp(${jsString(pattern)}, "u")`);
          return [`for (const key of Object.keys(${v})) if (${re}.test(key)) ${check}(${v}[key], ${p} + "/" + ${use('esc$')}(key));`];
        });
      default:
        return [];
    }
  };

  /** `additionalProperties`: every own key neither `properties` nor `patternProperties` knows. */
  const additional = (s: JsonSchema, v: string, p: string, depth: number): string[] => {
    const extra = s.additionalProperties as unknown;
    // Checked with the `properties` table (written there, still before the properties' own checks).
    if (trivial(extra) || closedByTable(s)) return [];
    const names = Object.keys(isObject(s.properties) ? s.properties : {});
    const patterns = Object.keys(isObject(s['patternProperties']) ? s['patternProperties'] : {});
    const known = [
      ...(names.length > 8 ? [`${hoist('known', `new Set([${names.map((n) => jsString(n)).join(', ')}])`)}.has(key)`] : names.map((n) => `key === ${jsString(n)}`)),
      ...patterns.map((pattern) => `${hoist('pattern', `new RegExp(${jsString(pattern)}, "u")`)}.test(key)`),
    ];
    const unknown = known.length === 0 ? '' : `if (!(${known.join(' || ')})) `;
    if (extra === false) return [`${gate}for (const key of Object.keys(${v})) ${unknown}${error(p, 'additionalProperties', '{ additionalProperty: key }')}`];
    const check = checkOf(extra, depth) as string;
    return [`for (const key of Object.keys(${v})) ${unknown}${check}(${v}[key], ${p} + "/" + ${use('esc$')}(key));`];
  };

  const written = functions.writeAll((def, fn) => {
    pending = [];
    const body = collect(def === '' ? schema : defs[def], 'data', 'path', 0);
    return [...pending, `function ${fn}(data, path) {`, ...indent(body), '}'].join('\n');
  });
  const collector =
    'const collect$ = (data) => {\n' +
    '  const outer = errs$;\n' +
    '  errs$ = [];\n' +
    '  try {\n' +
    `    ${functions.root}(data, "");\n` +
    '    return errs$.length === 0 ? null : errs$;\n' +
    '  } finally {\n' +
    '    errs$ = outer;\n' +
    '  }\n' +
    '};';
  const code = ['let errs$ = [];', ...top, ...written, collector].join('\n');
  return { code, keywords, usesMultipleOf };
}
