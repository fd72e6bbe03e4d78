/**
 * Reading the inputs of a run and fingerprinting them. The fingerprint (pages, overrides, schemas, our
 * templates and data, the user's templates, options, config text, tool version) is stored in out/'s
 * manifest; when it and every output file are unchanged, `generate` stops here, before any heavy module
 * is loaded. Only node: built-ins and light modules are imported.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { listFiles, packageRoot, readTemplateDir } from './assets.js';
import { displayPath, type OpenApiEntry, type Plan } from './config.js';
import { GLOB_MAGIC, globFiles } from './glob.js';
import { MANIFEST_NAME, fsReason, readManifest, sha256 } from './write.js';
import { CodegenError, type PageSource, type Problem, type TemplateSet } from './types.js';
import type { ApiSource } from './openapi/read.js';

export interface Inputs {
  pages: PageSource[];
  /**
   * The OpenAPI files the plan's `openapi` entries name, each once, in a stable order. Each is named
   * the same on every machine (evidence in committed schemas quotes it): inside a folder entry by its
   * path in the folder, otherwise as the entry or glob gave it.
   */
  openapi: ApiSource[];
  /** Their absolute paths, for watch. */
  openapiFiles: string[];
  schemas: { path: string; text: string }[];
  /** The user's templates (`--templates`), keyed by file name. */
  templates: TemplateSet;
  /** The changelog the package ships (config `changelog`, target package), when the file exists. */
  changelog?: string;
  /** The fingerprint of everything that decides the output. */
  hash: string;
}

let version: string | undefined;

/** The tool's own version (package.json). */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The overrides file that goes with a page: `<page without .md/.mdx>.overrides.json`. */
export function overridesPath(page: string): string {
  return `${page.replace(/\.mdx?$/i, '')}.overrides.json`;
}

/**
 * The most bytes read from one input. Far above any real page (the largest is 230 KB; the page reader
 * refuses more than 2 MiB) or OpenAPI file, and a bound for what is not a file at all: a device such as
 * /dev/zero or a stream that never ends is cut off here instead of filling the memory.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Read an input with a size bound: a regular file by its size (refused before reading when too large),
 * anything else (a pipe, a device, /dev/stdin) in chunks up to the bound. Throws with `code` 'EFBIG' when
 * it is larger, 'EISDIR' for a directory.
 */
export function readBounded(path: string, limit = MAX_INPUT_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const tooLarge = (): never => {
      throw Object.assign(new Error(`larger than ${limit} bytes`), { code: 'EFBIG' });
    };
    if (st.isFile() && st.size > limit) tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) tooLarge();
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Why an input could not be read, for messages: fsReason, and the size bound. */
function readReason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'EFBIG' ? `more than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, or endless like a device; give the path of a file` : fsReason(error);
}

/** True when every input of the plan is a regular file: only those can be fingerprinted and read again. */
export function regularInputs(plan: Plan): boolean {
  const regular = (abs: string): boolean => {
    try {
      return statSync(abs).isFile();
    } catch {
      return true; // a missing file is reported by the run
    }
  };
  return plan.pages.every((p) => regular(p.abs)) && plan.schemas.every((s) => regular(s.abs));
}

/** CRLF checkouts (git autocrlf) must not look like changed inputs; every reader normalises line ends. */
function fingerprint(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buf.includes(13) ? sha256(buf.toString('latin1').replace(/\r\n/g, '\n')) : sha256(buf);
}

/** Read every input the plan names; all read problems are reported together. */
export function readInputs(plan: Plan): Inputs {
  const problems: Problem[] = [...plan.problems];
  const lines: string[] = [`tool ${toolVersion()}`];
  const show = (abs: string): string => displayPath(abs, plan.cwd);
  const hint = plan.config ? ` (paths in ${plan.config.rel} are relative to that file)` : '';
  const pulled = new Map(plan.sources.map((s) => [resolve(plan.base, s.pinned), s.url]));
  const readFile = (abs: string, what: 'page' | 'schema'): Buffer | undefined => {
    try {
      if (statSync(abs).isDirectory()) {
        problems.push({ file: show(abs), at: '', rule: 'input', message: `is a directory, not a ${what}; give ${what === 'page' ? 'a .md or .mdx file' : 'a .json file'}` });
        return undefined;
      }
      return readBounded(abs);
    } catch (error) {
      const reason = readReason(error);
      const url = pulled.get(abs);
      if (url !== undefined && reason === 'not found') {
        problems.push({ file: show(abs), at: '', rule: 'input', message: `the pinned copy of ${url} is missing; run yuno-codegen pull` });
        return undefined;
      }
      const fix = reason === 'not found' ? `; check the path${hint}` : '';
      problems.push({ file: show(abs), at: '', rule: 'input', message: `cannot read the ${what} (${reason})${fix}` });
      return undefined;
    }
  };

  const pages: PageSource[] = [];
  for (const page of plan.pages) {
    const bytes = readFile(page.abs, 'page');
    if (!bytes) continue;
    const source: PageSource = { path: page.rel, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    lines.push(`page ${page.rel} ${fingerprint(bytes)} beside=${page.besideSchema}`);
    const ovAbs = overridesPath(page.abs);
    if (existsSync(ovAbs)) {
      try {
        const text = readBounded(ovAbs).toString('utf8');
        source.overrides = { path: overridesPath(page.rel), text };
        lines.push(`overrides ${source.overrides.path} ${fingerprint(Buffer.from(text))}`);
      } catch (error) {
        problems.push({ file: show(ovAbs), at: '', rule: 'input', message: `cannot read the overrides file (${readReason(error)})` });
      }
    }
    pages.push(source);
  }
  const schemas: { path: string; text: string }[] = [];
  for (const schema of plan.schemas) {
    const bytes = readFile(schema.abs, 'schema');
    if (!bytes) continue;
    schemas.push({ path: schema.rel, text: bytes.toString('utf8') });
    lines.push(`schema ${schema.rel} ${fingerprint(bytes)}`);
  }

  const openapi: ApiSource[] = [];
  const openapiFiles: string[] = [];
  const seen = new Set<string>();
  for (const entry of plan.openapi) {
    const found = openApiFiles(entry, problems, show, hint);
    for (const { abs, label, optional } of found) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      let bytes: Buffer;
      try {
        bytes = readBounded(abs);
      } catch (error) {
        problems.push({ file: show(abs), at: '', rule: 'input', message: `cannot read the OpenAPI file (${readReason(error)})` });
        continue;
      }
      openapi.push(optional ? { path: label, text: bytes.toString('utf8'), optional } : { path: label, text: bytes.toString('utf8') });
      openapiFiles.push(abs);
      lines.push(`openapi ${label} ${fingerprint(bytes)}`);
    }
  }

  let templates: TemplateSet = {};
  if (plan.templatesDir !== undefined) {
    try {
      if (!statSync(plan.templatesDir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      templates = readTemplateDir(plan.templatesDir);
      for (const t of Object.values(templates)) t.path = displayPath(t.path, plan.cwd);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'not a directory' : fsReason(error);
      problems.push({ file: show(plan.templatesDir), at: '', rule: 'input', message: `cannot read the templates directory (${reason})` });
    }
  }
  for (const name of Object.keys(templates).sort()) {
    lines.push(`template user ${name} ${fingerprint(Buffer.from((templates[name] as { source: string }).source))}`);
  }
  if (problems.length > 0) throw new CodegenError(problems);

  const root = packageRoot();
  for (const file of listFiles(join(root, 'templates'))) {
    lines.push(`template ours ${file} ${fingerprint(readFileSync(join(root, 'templates', file)))}`);
  }
  for (const file of listFiles(join(root, 'data'))) {
    lines.push(`data ${file} ${fingerprint(readFileSync(join(root, 'data', file)))}`);
  }
  lines.push(
    `options ${JSON.stringify({
      target: plan.target,
      only: plan.only,
      packageName: plan.packageName ?? null,
      packageVersion: plan.packageVersion ?? null,
    })}`,
  );
  if (plan.config) lines.push(`config ${fingerprint(Buffer.from(plan.config.text))}`);
  let changelog: string | undefined;
  if (plan.target === 'package' && plan.config && existsSync(plan.changelogPath)) {
    changelog = readFileSync(plan.changelogPath, 'utf8').replace(/\r\n/g, '\n');
    lines.push(`changelog ${fingerprint(Buffer.from(changelog))}`);
  }
  const hash = createHash('sha256').update(lines.join('\n')).digest('hex');
  return { pages, openapi, openapiFiles, schemas, templates, ...(changelog !== undefined ? { changelog } : {}), hash };
}

const OPENAPI_EXTENSIONS = /\.(?:json|ya?ml)$/i;

/**
 * The files one `openapi` entry names: the file itself, every .json/.yaml/.yml file in a folder, or what
 * a glob matches (tinyglobby). Files found through a folder or a glob are skipped later when they turn
 * out not to be OpenAPI documents; a file named alone must be one.
 */
function openApiFiles(entry: OpenApiEntry, problems: Problem[], show: (abs: string) => string, hint: string): { abs: string; label: string; optional: boolean }[] {
  const abs = resolve(entry.base, entry.given);
  const posix = (p: string): string => p.split(sep).join('/');
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    stat = undefined;
  }
  if (stat?.isFile()) return [{ abs, label: posix(entry.given).replace(/^\.\//, ''), optional: false }];
  if (stat?.isDirectory()) {
    return listFiles(abs).filter((f) => OPENAPI_EXTENSIONS.test(f)).map((f) => ({ abs: join(abs, f), label: f, optional: true }));
  }
  if (GLOB_MAGIC.test(entry.given)) {
    const matches = globFiles(entry.given, entry.base);
    if (matches.length === 0) problems.push({ file: show(abs), at: '', rule: 'input', message: `the OpenAPI glob matches no file${hint}` });
    return matches.map((m) => ({ abs: resolve(entry.base, m), label: m, optional: true }));
  }
  problems.push({ file: show(abs), at: '', rule: 'input', message: `cannot read the OpenAPI file (not found); check the path${hint}` });
  return [];
}

/**
 * True when out/'s manifest records this fingerprint and every file it lists (inside out/ and beside the
 * pages) still has the recorded contents.
 */
export function isUpToDate(outDir: string, hash: string): boolean {
  const manifest = readManifest(outDir);
  if (!manifest || manifest.inputs !== hash) return false;
  const intact = (abs: string, expected: string): boolean => {
    try {
      return sha256(readFileSync(abs)) === expected;
    } catch {
      return false;
    }
  };
  for (const [path, expected] of Object.entries(manifest.files)) if (!intact(join(outDir, path), expected)) return false;
  for (const [path, expected] of Object.entries(manifest.beside)) if (!intact(join(outDir, path), expected)) return false;
  return !toolChangedSince(join(outDir, MANIFEST_NAME));
}

/**
 * Working on yuno-codegen itself, the compiled code changes without a version bump; then a manifest
 * older than the build must not count as current. Installed copies have no generators/ sources.
 */
function toolChangedSince(manifestPath: string): boolean {
  const root = packageRoot();
  if (!existsSync(join(root, 'generators', 'index.ts'))) return false;
  let stamp: number;
  try {
    stamp = statSync(manifestPath).mtimeMs;
  } catch {
    return true;
  }
  const built = join(root, 'dist', 'generators');
  return listFiles(built).some((f) => f.endsWith('.js') && statSync(join(built, f)).mtimeMs > stamp);
}
