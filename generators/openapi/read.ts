/**
 * OpenAPI input: Yuno's published OpenAPI files (JSON or YAML) → their operations and the 2xx JSON
 * examples each one gives. `$ref`s (to components/responses, components/examples, …) are resolved by
 * @apidevtools/json-schema-ref-parser inside the one document; nothing is fetched.
 */
import { CodegenError, type Problem } from '../types.js';
import { isPlainObject } from '../conforms.js';

/** An OpenAPI file as handed to the library. */
export interface ApiSource {
  /** Path as the user wrote it, POSIX separators; used in messages and evidence. */
  path: string;
  text: string;
  /** Found through a folder or a glob: skipped, not an error, when it is no OpenAPI document. */
  optional?: boolean;
}

/** One 2xx example of one operation: a payload the API really sends. */
export interface ApiExample {
  /** `payments/create-payment.json POST /payments 201 "Payment"`: how evidence names it. */
  label: string;
  file: string;
  method: string;
  route: string;
  status: string;
  /** The example's name in the file (`(example)` for a lone `example`). */
  name: string;
  value: unknown;
}

export interface ApiOperation {
  file: string;
  method: string;
  route: string;
  /** `POST /payments` */
  label: string;
  examples: ApiExample[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Read every file; all problems (not JSON/YAML, not OpenAPI, a `$ref` that leads nowhere) together. */
export async function readOpenApi(sources: ApiSource[]): Promise<ApiOperation[]> {
  const problems: Problem[] = [];
  const operations: ApiOperation[] = [];
  for (const source of sources) {
    const doc = await load(source, problems);
    if (doc) operations.push(...operationsOf(doc, source.path));
  }
  if (problems.length > 0) throw new CodegenError(problems);
  return operations;
}

async function load(source: ApiSource, problems: Problem[]): Promise<Record<string, unknown> | undefined> {
  const fail = (at: string, message: string): undefined => {
    problems.push({ file: source.path, at, rule: 'openapi', message });
    return undefined;
  };
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(source.path) ? await parseYaml(source.text) : JSON.parse(source.text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('', `not valid ${/\.ya?ml$/i.test(source.path) ? 'YAML' : 'JSON'} (${firstLine(error)}); fix the file or leave it out of "openapi"`);
  }
  if (!isPlainObject(data) || (typeof data.openapi !== 'string' && typeof data.swagger !== 'string') || !isPlainObject(data.paths)) {
    return source.optional ? undefined : fail('', 'not an OpenAPI document (it needs "openapi" and "paths"); leave it out of "openapi"');
  }
  // Most of Yuno's files have no reference at all: nothing to resolve.
  if (!source.text.includes('$ref')) return data;
  const { default: RefParser } = await import('@apidevtools/json-schema-ref-parser');
  try {
    return (await RefParser.dereference(data as never, {
      resolve: { external: false },
      dereference: { circular: 'ignore' },
    })) as Record<string, unknown>;
  } catch (error) {
    return fail('', `a $ref cannot be resolved (${firstLine(error)}); fix the reference`);
  }
}

async function parseYaml(text: string): Promise<unknown> {
  const { createRequire } = await import('node:module');
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  return yaml.load(text);
}

function operationsOf(doc: Record<string, unknown>, file: string): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const [route, item] of Object.entries(doc.paths as Record<string, unknown>)) {
    if (!isPlainObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isPlainObject(op) || !isPlainObject(op.responses)) continue;
      const label = `${method.toUpperCase()} ${route}`;
      const examples: ApiExample[] = [];
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^2\d\d$/.test(status) || !isPlainObject(response)) continue;
        const add = (name: string, raw: unknown): void => {
          const value = typeof raw === 'string' ? parseJsonText(raw) : raw;
          if (value === undefined || !(isPlainObject(value) || Array.isArray(value))) return;
          examples.push({ label: `${file} ${label} ${status} ${JSON.stringify(name)}`, file, method: method.toUpperCase(), route, status, name, value });
        };
        // Swagger 2: one example per media type, under the response itself.
        if (isPlainObject(response.examples)) {
          for (const [type, value] of Object.entries(response.examples)) if (/\bjson\b/i.test(type)) add('(example)', value);
        }
        if (!isPlainObject(response.content)) continue;
        for (const [type, media] of Object.entries(response.content)) {
          if (!/\bjson\b/i.test(type) || !isPlainObject(media)) continue;
          if (media.example !== undefined) add('(example)', media.example);
          if (isPlainObject(media.examples)) {
            for (const [name, example] of Object.entries(media.examples)) {
              if (isPlainObject(example) && 'value' in example) add(name, example.value);
            }
          }
        }
      }
      out.push({ file, method: method.toUpperCase(), route, label, examples });
    }
  }
  return out;
}

/** ReadMe sometimes stores an example as JSON text; other text ("HTTP 201 Created") is no payload. */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
