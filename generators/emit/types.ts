/**
 * Types: json-schema-to-typescript (without Prettier) on a copy of the schema prepared for it:
 * JSDoc text composed from the description and constraints, `$ref`s to shared definitions replaced by
 * the definition's name (declared once in the shared module), objects closed so no index signature appears.
 */
import type { JsonSchema } from '../types.js';
import { CodegenError } from '../types.js';
import { jsString } from '../templates.js';
import { mapSchema } from './validators.js';

type Compile = typeof import('json-schema-to-typescript').compile;
let compileLoaded: Promise<Compile> | undefined;

function loadCompile(): Promise<Compile> {
  compileLoaded ??= import('json-schema-to-typescript').then((m) => m.compile);
  return compileLoaded;
}

/** TypeScript declarations (no imports) for one schema named `name`; `defs` are the names declared elsewhere. */
export async function emitTypes(schema: JsonSchema, name: string, where: string): Promise<string> {
  const compile = await loadCompile();
  const prepared = prepareForTypes(schema, name, where);
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
  return layout(text);
}

/** The JSDoc text of one schema: description, then one tag per constraint, then the examples. */
export function docText(node: JsonSchema): string {
  const lines: string[] = [];
  if (typeof node.description === 'string' && node.description !== '') lines.push(node.description);
  const meanings = node['x-enumDescriptions'];
  if (meanings && Array.isArray(node.enum) && node.enum.length <= 30) {
    if (lines.length > 0) lines.push('');
    for (const value of node.enum) {
      const meaning = meanings[String(value)];
      lines.push(meaning === undefined ? `- ${jsString(value)}` : `- ${jsString(value)}: ${meaning}`);
    }
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
  return escapeForComment(lines.join('\n'));
}

/** json2ts prefixes each line with ` * `; we only have to keep the text from closing the comment. */
function escapeForComment(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\*\//g, '*\\/');
}

const DEF_REF = /^#\/\$defs\/([^/]+)$/;

function prepareForTypes(schema: JsonSchema, name: string, where: string): JsonSchema {
  const root = mapSchema(schema, (node) => {
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      // Titles would make json2ts declare named types per nested object, clashing across objects.
      if (key === 'title' || key === '$id' || key === '$schema' || key === '$defs' || key === 'examples') continue;
      if (key === 'description' || key === 'x-enumDescriptions' || key === 'x-minDigits' || key === 'x-maxDigits') continue;
      out[key] = value;
    }
    if (typeof node.$ref === 'string') {
      const match = DEF_REF.exec(node.$ref);
      if (!match) {
        throw new CodegenError([
          { file: where, at: node.$ref, rule: 'types', message: `$ref "${node.$ref}" is not supported for types; refer to a definition as "#/$defs/Name"` },
        ]);
      }
      delete out.$ref;
      out['tsType'] = decodeURIComponent(match[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    }
    const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
    if (out.properties === undefined && isObject && out.additionalProperties === undefined) out.additionalProperties = true;
    const text = docText(node);
    if (text !== '') out.description = text;
    return out;
  });
  root.title = name;
  return root;
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
