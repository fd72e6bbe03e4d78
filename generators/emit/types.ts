/**
 * Types: json-schema-to-typescript (without Prettier) on a copy of the schema prepared for it:
 * JSDoc text composed from the description and constraints, `$ref`s to shared definitions replaced by
 * the definition's name (declared once in the shared module), objects closed so no index signature appears.
 */
import { Module, createRequire } from 'node:module';
import type { JsonSchema } from '../types.js';
import { CodegenError } from '../types.js';
import { commentText, jsString } from '../escape.js';
import { mapSchema, refTokenKey } from '../schema/walk.js';
import { isOpenEnum } from './validators.js';
import { defTypeName } from '../rules/names.js';

type Compile = typeof import('json-schema-to-typescript').compile;
let compileLoaded: Promise<Compile> | undefined;

export function loadCompile(): Promise<Compile> {
  compileLoaded ??= Promise.resolve().then(requireJson2ts);
  return compileLoaded;
}

/**
 * json-schema-to-typescript `require`s Prettier when it loads, and Prettier's CommonJS entry then imports
 * its 700 KB core: ~40 ms of every run, for a formatter we turn off (`format: false`; format.ts owns the
 * layout). While json2ts loads, a placeholder stands in the require cache for Prettier's entry (unless the
 * process has loaded Prettier already), and is removed right after, so a later `require('prettier')` gets
 * the real one. json2ts keeps the placeholder it was given, so the placeholder forwards every member to
 * the real Prettier, loaded at first use: another caller of json2ts in the same process, formatting on,
 * gets Prettier's output as if we had never been there.
 */
function requireJson2ts(): Compile {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('json-schema-to-typescript');
  const prettier = createRequire(entry).resolve('prettier');
  if (require.cache[prettier]) return (require(entry) as typeof import('json-schema-to-typescript')).compile;
  const placeholder = new Module(prettier);
  placeholder.filename = prettier;
  placeholder.loaded = true;
  let real: Record<string | symbol, unknown> | undefined;
  const load = (): Record<string | symbol, unknown> => {
    if (require.cache[prettier] === placeholder) delete require.cache[prettier];
    return (real ??= require(prettier) as Record<string | symbol, unknown>);
  };
  placeholder.exports = new Proxy(
    {},
    {
      get: (_target, key) => load()[key],
      has: (_target, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
  require.cache[prettier] = placeholder;
  try {
    return (require(entry) as typeof import('json-schema-to-typescript')).compile;
  } finally {
    if (require.cache[prettier] === placeholder) delete require.cache[prettier];
  }
}

/**
 * TypeScript declarations (no imports) for one schema named `name`, and for the definitions in `declare`
 * (the object's named nested objects, see naming.ts), each an exported interface of its own; a `$ref` to any
 * other definition is its name, declared elsewhere (the shared module).
 */
export async function emitTypes(schema: JsonSchema, name: string, where: string, declare: readonly string[] = []): Promise<string> {
  const compile = await loadCompile();
  const stand = new StandIns(JSON.stringify(schema));
  const prepared = prepareForTypes(schema, name, where, stand, new Set(declare));
  const text = await compile(prepared as never, name, {
    bannerComment: '',
    format: false,
    additionalProperties: false,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    strictIndexSignatures: true,
    unknownAny: true,
    unreachableDefinitions: false,
    // Bounded arrays stay `T[]`; json2ts would otherwise spell out one tuple per allowed length.
    maxItems: -1,
    $refOptions: {},
  });
  return layout(stand.restore(text));
}

/** Object.prototype's members: json2ts calls `record.hasOwnProperty(…)` on schema records and data alike. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * What json2ts must not see as is, replaced by identifiers it prints verbatim and swapped back in its
 * output: property names that are Object.prototype members (`hasOwnProperty` shadows the method json2ts
 * calls on the `properties` record), and enum/const values that are objects or arrays (json2ts walks them
 * as schemas: a `$ref` key in one is resolved as a reference). The stand-ins occur nowhere in the schema.
 */
class StandIns {
  private readonly prefix: string;
  private readonly names: string[] = [];
  private readonly values: string[] = [];

  constructor(schemaText: string) {
    let n = 0;
    while (schemaText.includes(`yunoCodegenStandIn${n}`)) n++;
    this.prefix = `yunoCodegenStandIn${n}`;
  }

  /** A property name json2ts can take. */
  name(original: string): string {
    if (!PROTOTYPE_NAMES.has(original)) return original;
    const index = this.names.indexOf(original);
    if (index >= 0) return `${this.prefix}_name${index}`;
    this.names.push(original);
    return `${this.prefix}_name${this.names.length - 1}`;
  }

  /** An enum/const value json2ts can take: objects and arrays become a string literal to swap back. */
  value(original: unknown): unknown {
    if (original === null || typeof original !== 'object') return original;
    this.values.push(jsString(original));
    return `${this.prefix}_value${this.values.length - 1}`;
  }

  /** json2ts prints a name bare (all Object.prototype names are identifiers) and a value as a JSON string. */
  restore(text: string): string {
    if (this.names.length === 0 && this.values.length === 0) return text;
    return text.replace(new RegExp(`"${this.prefix}_value(\\d+)"|\\b${this.prefix}_name(\\d+)\\b`, 'g'), (_all, value?: string, name?: string) =>
      value !== undefined ? (this.values[Number(value)] as string) : (this.names[Number(name)] as string),
    );
  }
}

/** The JSDoc text of one schema: description, then one tag per constraint, then the examples. */
export function docText(node: JsonSchema): string {
  const lines: string[] = [];
  if (typeof node.description === 'string' && node.description !== '') lines.push(node.description);
  const meanings = node['x-enumDescriptions'];
  if (meanings && Array.isArray(node.enum) && node.enum.length <= 30) {
    if (lines.length > 0) lines.push('');
    for (const value of node.enum) {
      const meaning = Object.hasOwn(meanings, String(value)) ? meanings[String(value)] : undefined;
      lines.push(meaning === undefined ? `- ${jsString(value)}` : `- ${jsString(value)}: ${meaning}`);
    }
  }
  if (isOpenEnum(node)) {
    if (lines.length > 0) lines.push('');
    lines.push('Known values: the API may send others (the Strict validators accept only these).');
  }
  if (node['x-notOnPage'] === true) {
    if (lines.length > 0) lines.push('');
    lines.push('Not on the doc page; from the API.');
  }
  const tags: string[] = [];
  for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const) {
    const value = node[key];
    if (typeof value === 'number') tags.push(`@${key} ${value}`);
  }
  if (typeof node.format === 'string') tags.push(`@format ${node.format}`);
  if (typeof node['x-minDigits'] === 'number') tags.push(`At least ${node['x-minDigits']} digits (as documented).`);
  if (typeof node['x-maxDigits'] === 'number') tags.push(`At most ${node['x-maxDigits']} digits (as documented).`);
  for (const example of Array.isArray(node.examples) ? node.examples : []) tags.push(`@example ${jsString(example)}`);
  if (tags.length > 0 && lines.length > 0) lines.push('');
  lines.push(...tags);
  // json2ts prefixes each line with ` * ` itself.
  return commentText(lines.join('\n'));
}


/** The keywords json2ts reads a value's shape from; a schema with none of them holds any value. */
const SHAPE_KEYWORDS = new Set([
  'type', 'tsType', '$ref', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'properties', 'patternProperties',
  'additionalProperties', 'required', 'items', 'prefixItems', 'additionalItems',
]);

/** Keywords whose keys are names or patterns, not keywords. */
const RECORDS = new Set(['properties', 'patternProperties', 'dependentSchemas', 'dependencies']);

const DEF_REF = /^#\/\$defs\/([^/]+)$/;

function prepareForTypes(schema: JsonSchema, name: string, where: string, stand: StandIns, declare: ReadonlySet<string>): JsonSchema {
  const defs = schema.$defs ?? {};
  /** A declared definition that also allows null: its interface is the object, each reference adds `| null`. */
  const nullable = (def: string): boolean => {
    const type = defs[def]?.type;
    return Array.isArray(type) && type.includes('null');
  };
  const prepare = (target: JsonSchema): JsonSchema => mapSchema(target, (node) => {
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      // Titles would make json2ts declare named types per nested object, clashing across objects.
      if (key === 'title' || key === '$id' || key === '$schema' || key === '$defs' || key === 'examples') continue;
      if (key === 'description' || key === 'x-enumDescriptions' || key === 'x-minDigits' || key === 'x-maxDigits') continue;
      // Data that does not change the type and that json2ts would walk as schemas; definitions are
      // declared by name elsewhere (a `$ref` to one becomes its name below).
      if (key === 'default' || key === 'definitions' || key.startsWith('x-')) continue;
      if (RECORDS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [stand.name(k), v]));
      } else if (key === 'required' && Array.isArray(value)) {
        out.required = value.map((k: unknown) => (typeof k === 'string' ? stand.name(k) : k)) as string[];
      } else if (key === 'enum' && Array.isArray(value)) {
        out.enum = value.map((v: unknown) => stand.value(v));
      } else if (key === 'const') {
        out['const'] = stand.value(value);
      } else {
        out[key] = value;
      }
    }
    if (typeof node.$ref === 'string') {
      const match = DEF_REF.exec(node.$ref);
      if (!match) {
        throw new CodegenError([
          { file: where, at: node.$ref, rule: 'types', message: `$ref "${node.$ref}" is not supported for types; refer to a definition as "#/$defs/Name"` },
        ]);
      }
      const def = refTokenKey(match[1] ?? '');
      delete out.$ref;
      // json2ts declares a definition it reaches by `$ref` under its title, once.
      if (declare.has(def)) {
        const reference: JsonSchema[] = nullable(def) ? [{ $ref: node.$ref }, { type: 'null' }] : [{ $ref: node.$ref }];
        if (out.anyOf === undefined) out.anyOf = reference;
        else out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: reference }];
      }
      else out['tsType'] = defTypeName(def);
    }
    if (isOpenEnum(node)) {
      // json2ts prints a `tsType` as it is, in place of everything else the schema says.
      delete out.enum;
      delete out.type;
      out['tsType'] = openEnumType(node);
    }
    const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
    if (out.properties === undefined && isObject && out.additionalProperties === undefined) out.additionalProperties = true;
    // A schema that says nothing of its value's shape (`{}`, or only bounds that apply to one type) admits any
    // value; json2ts types one with any keyword left (its description below, say) as an object.
    if (!Object.keys(out).some((key) => SHAPE_KEYWORDS.has(key))) out['tsType'] = 'unknown';
    const text = docText(node);
    if (text !== '') out.description = text;
    return out;
  });
  const root = prepare(schema);
  root.title = name;
  if (declare.size > 0) {
    root.$defs = Object.fromEntries(
      [...declare].map((def) => {
        const prepared = prepare(defs[def] ?? {});
        if (Array.isArray(prepared.type)) prepared.type = prepared.type.filter((t) => t !== 'null');
        if (Array.isArray(prepared.type) && prepared.type.length === 1) prepared.type = prepared.type[0];
        return [def, { ...prepared, title: def }];
      }),
    ) as JsonSchema['$defs'];
  }
  return root;
}

/** What each JSON type adds to an open enum's type besides its listed values. */
const OPEN_MEMBERS: Record<string, string> = {
  string: '(string & {})',
  number: '(number & {})',
  integer: '(number & {})',
  boolean: 'boolean',
  object: '{ [k: string]: unknown }',
  array: 'unknown[]',
};

/**
 * The type of an open enum: its listed values as literals, so editors still complete them, then any other
 * value of its `type` (`(string & {})`: TypeScript keeps the literals instead of merging them into
 * `string`), then `null` when the type allows it: `("A" | "B" | (string & {}) | null)`.
 */
export function openEnumType(node: JsonSchema): string {
  const values = (node.enum ?? []) as unknown[];
  const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const declared = Array.isArray(node.type) ? node.type : typeof node.type === 'string' ? [node.type] : [...new Set(values.map(jsonType))];
  const allows = (v: unknown): boolean =>
    declared.includes(jsonType(v) as never) || (typeof v === 'number' && (declared.includes('number') || (declared.includes('integer') && Number.isInteger(v))));
  const members: string[] = [];
  const add = (member: string): void => void (members.includes(member) || members.push(member));
  for (const v of values) if (v !== null && typeof v !== 'object' && allows(v)) add(typeof v === 'string' ? jsString(v) : String(v));
  for (const t of declared) if (t !== 'null' && OPEN_MEMBERS[t] !== undefined) add(OPEN_MEMBERS[t]);
  if (declared.includes('null')) add('null');
  // In parentheses, as json2ts prints a closed enum: json2ts puts a `tsType` as it is before `[]` for arrays.
  return members.length === 0 ? 'never' : members.length === 1 ? (members[0] as string) : `(${members.join(' | ')})`;
}

/**
 * Indent json2ts's unformatted output by brace depth (comments excepted) and put long literal unions one
 * member per line, so the declarations read well without running Prettier.
 */
export function layout(text: string): string {
  const out: string[] = [];
  let depth = 0;
  let inComment = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const pad = '  '.repeat(depth);
    if (inComment || line.startsWith('/*')) {
      inComment = !line.endsWith('*/');
      out.push(pad + (line.startsWith('*') ? ` ${line}` : line));
      continue;
    }
    if (line.startsWith('}')) depth = Math.max(0, depth - 1);
    out.push(...splitUnion('  '.repeat(depth), line));
    if (line.endsWith('{')) depth++;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

/** `export type X = ("a" | "b" | …)` longer than 100 columns → one `| "a"` per line. */
function splitUnion(pad: string, line: string): string[] {
  const head = /^(export type [\w$]+ = )\((.*)\)$/.exec(line);
  if (pad.length + line.length <= 100 || !head) return [pad + line];
  const members = splitTopLevel(head[2] ?? '');
  if (members.length < 2) return [pad + line];
  return [pad + (head[1] ?? '').trimEnd(), ...members.map((m, i) => `${pad}  | ${m}${i === members.length - 1 ? ';' : ''}`)];
}

/** Split on ` | ` outside string literals and brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (depth === 0 && text.startsWith(' | ', i)) {
      parts.push(text.slice(start, i));
      start = i + 3;
      i += 2;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
