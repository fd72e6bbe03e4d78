/**
 * The per-object cache of generateEach: content-addressed entries holding one object's canonical schema
 * and emitted files, so that a run where one page changed extracts and emits that page's object only.
 *
 * The key of an object is a hash of everything that decides its output bytes: the tool's own code,
 * templates, data and dependency versions (toolIdentity), the resolved options, the templates of the run,
 * the input's own bytes (a page and its overrides, or a schema file), and with OpenAPI files every
 * payload the API sends plus the operations matched to this page. The files shared by all objects are
 * never cached: they are rebuilt each run from the objects' summaries.
 *
 * Where entries live is the caller's business (an ObjectCache); this module only builds and checks
 * them. An entry is trusted only when it names the key asked for and its digest matches its bytes: a
 * damaged, truncated or foreign entry is a miss, and the object is generated again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { listFiles, packageRoot } from './assets.js';
import type { ApiSource } from './openapi/read.js';
import { EncodedFile, type GeneratedFile, type PageSource, type ResolvedOptions, type SchemaDocument, type TemplateSet } from './types.js';

/** One object as a cache entry holds it: its schema, its files, and what the emitters kept of it for the shared files. */
export interface CachedObject {
  doc: SchemaDocument;
  files: GeneratedFile[];
  kept: Record<string, unknown>;
}

const FORMAT = 'yuno-codegen object cache 1';

let identity: string | undefined;

/**
 * The tool's code identity: its version, every file of its compiled code (or of its sources, when run
 * from them), its built-in templates and data, and the versions of its dependencies. Once per process.
 */
export function toolIdentity(): string {
  if (identity) return identity;
  const hash = createHash('sha256');
  const root = packageRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  // The entries' metadata is in V8's serialization format, which is Node's to change.
  hash.update(`version ${pkg.version}\nnode ${process.version}\n`);
  const code = dirname(fileURLToPath(import.meta.url));
  const dirs = [code, join(code, '..', 'precompiled'), join(root, 'templates'), join(root, 'data')];
  for (const dir of dirs) {
    for (const file of listFiles(dir)) hash.update(`file ${file}\n`).update(readFileSync(join(dir, file)));
  }
  const require = createRequire(join(root, 'package.json'));
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) hash.update(`dependency ${name} ${dependencyVersion(require, name)}\n`);
  identity = hash.digest('hex');
  return identity;
}

function dependencyVersion(require: NodeJS.Require, name: string): string {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    try {
      dir = dirname(require.resolve(`${name}/package.json`));
    } catch {
      return 'missing';
    }
  }
  // The entry may sit deep in the package: walk up to the package.json that names it.
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    try {
      const found = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (found.name === name) return found.version ?? 'unknown';
    } catch {
      // keep walking up
    }
  }
  return 'unknown';
}

/**
 * What every object's key of one run shares: the tool, the options, the templates, and whether the
 * run has a single object (its Markdown page is then kept for the README).
 */
export function runKey(options: ResolvedOptions, templates: TemplateSet, single: boolean, tool = toolIdentity()): string {
  const hash = createHash('sha256').update(`${FORMAT}\ntool ${tool}\noptions ${JSON.stringify(options)}\nsingle ${single}\n`);
  for (const name of Object.keys(templates).sort()) {
    const source = templates[name]?.source ?? '';
    hash.update(`template ${JSON.stringify(name)} ${Buffer.byteLength(source)}\n`).update(source);
  }
  return hash.digest('hex');
}

/** The evidence every page's key shares when there are OpenAPI files: all of them (their payloads all count). */
export function apiKey(openapi: ApiSource[]): string {
  const hash = createHash('sha256');
  for (const api of openapi) hash.update(`openapi ${JSON.stringify([api.path, api.optional === true])} ${Buffer.byteLength(api.text)}\n`).update(api.text);
  return hash.digest('hex');
}

/** A page's key: its bytes and overrides, plus (with OpenAPI files) the evidence and what matched it. */
export function pageKey(run: string, page: PageSource, api?: { key: string; match: unknown }): string {
  const hash = createHash('sha256').update(`run ${run}\npage ${JSON.stringify(page.path)} ${page.bytes.byteLength}\n`).update(page.bytes);
  if (page.overrides) {
    hash.update(`overrides ${JSON.stringify(page.overrides.path)} ${Buffer.byteLength(page.overrides.text)}\n`).update(page.overrides.text);
  }
  if (api) hash.update(`api ${api.key}\nmatch ${JSON.stringify(api.match)}\n`);
  return hash.digest('hex');
}

/** A schema file's key. */
export function schemaKey(run: string, file: { path: string; text: string }): string {
  return createHash('sha256')
    .update(`run ${run}\nschema ${JSON.stringify(file.path)} ${Buffer.byteLength(file.text)}\n`)
    .update(file.text)
    .digest('hex');
}

interface Meta {
  doc: SchemaDocument;
  kept: Record<string, unknown>;
  files: [path: string, size: number][];
}

/**
 * An entry: one header line (format, key, digest and size of the body), then the body: the metadata
 * (the object's schema document, what the emitters kept of it, file names and sizes) in V8's
 * serialization format (the emitters' `kept` is structured-clone data: Sets, say), its size in a
 * line of its own before it, and the files' UTF-8 bytes.
 */
export function encodeEntry(key: string, object: CachedObject): Uint8Array {
  const encoder = new TextEncoder();
  const bodies = object.files.map((f) => f.bytes ?? encoder.encode(f.contents));
  const meta: Meta = { doc: object.doc, kept: object.kept, files: object.files.map((f, i) => [f.path, bodies[i]!.byteLength]) };
  const metaBytes = serialize(meta);
  const body = Buffer.concat([encoder.encode(`${metaBytes.byteLength}\n`), metaBytes, ...bodies]);
  const header = { format: FORMAT, key, digest: digestOf(key, body), size: body.byteLength };
  return Buffer.concat([encoder.encode(`${JSON.stringify(header)}\n`), body]);
}

/** The object an entry holds, or undefined when it is not a sound entry for `key`. */
export function decodeEntry(key: string, entry: Uint8Array): CachedObject | undefined {
  try {
    const bytes = Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength);
    const headerEnd = bytes.indexOf(10);
    if (headerEnd < 0) return undefined;
    const header = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8')) as Record<string, unknown>;
    const body = bytes.subarray(headerEnd + 1);
    if (header['format'] !== FORMAT || header['key'] !== key || header['size'] !== body.byteLength) return undefined;
    if (header['digest'] !== digestOf(key, body)) return undefined;
    const sizeEnd = body.indexOf(10);
    const metaSize = Number(body.subarray(0, sizeEnd).toString('latin1'));
    if (sizeEnd < 0 || !Number.isInteger(metaSize) || sizeEnd + 1 + metaSize > body.byteLength) return undefined;
    const meta = deserialize(body.subarray(sizeEnd + 1, sizeEnd + 1 + metaSize)) as Meta;
    if (!isDoc(meta.doc) || !Array.isArray(meta.files) || typeof meta.kept !== 'object' || meta.kept === null) return undefined;
    const files: GeneratedFile[] = [];
    let at = sizeEnd + 1 + metaSize;
    for (const [path, size] of meta.files) {
      if (typeof path !== 'string' || !Number.isInteger(size) || size < 0 || at + size > body.byteLength) return undefined;
      files.push(new EncodedFile(path, new Uint8Array(body.subarray(at, at + size))));
      at += size;
    }
    if (at !== body.byteLength) return undefined;
    return { doc: meta.doc, files, kept: meta.kept };
  } catch {
    return undefined;
  }
}

function digestOf(key: string, body: Uint8Array): string {
  return createHash('sha256').update(`${key}\n`).update(body).digest('hex');
}

function isDoc(value: unknown): value is SchemaDocument {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d['name'] === 'string' && typeof d['slug'] === 'string' && typeof d['source'] === 'string' && typeof d['schema'] === 'object' && d['schema'] !== null;
}
