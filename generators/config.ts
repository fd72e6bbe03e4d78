/**
 * The configuration edge of the CLI: find `yuno-codegen.config.json`, parse it with a precise syntax
 * error, validate it against the shipped JSON Schema, and resolve config + flags into one Plan of
 * absolute paths. Nothing here imports a heavy module eagerly (AJV is loaded only to validate).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { loadPrecompiled, packageRoot } from './assets.js';
import { globBase, globFiles, isGlob } from './glob.js';
import { configSchema, configSchemaText } from './config-schema.js';
import { DEFAULTS, MAX_THREADS, OUTPUT_KINDS, TARGETS, type OutputKind, type Target } from './options.js';
import { LOCK_NAME } from './sources/lock.js';
import { isUrl, sourceOf, type SourceSpec } from './sources/url.js';
import { CodegenError, type Problem } from './types.js';
import { fsReason } from './write.js';

export const CONFIG_NAME = 'yuno-codegen.config.json';

/** The config file's keys, as the JSON Schema describes them. */
export interface Config {
  /** Doc pages: files, globs or URLs (pinned by `pull`). */
  pages?: string[];
  /** Yuno's OpenAPI files: files, folders, globs or URLs (pinned by `pull`). */
  openapi?: string[];
  /** Where `pull` keeps the pinned copies of URL sources. @default "yuno-sources" */
  pinned?: string;
  /** The package's changelog, which `generate --bump` adds to and the package target ships. @default "yuno-codegen.changelog.md" */
  changelog?: string;
  schemas?: string[];
  out?: string;
  target?: Target;
  templates?: string;
  only?: OutputKind[];
  packageName?: string;
  packageVersion?: string;
  writeSchemas?: boolean;
  /** The object cache's directory, or false for none. */
  cache?: string | false;
  /** Worker threads for the emit stage; 0 emits in the calling thread. Default: by the machine's cores and the objects. */
  threads?: number;
}

/** The flags that choose inputs and outputs (shared by generate, check and watch). */
export interface InputFlags {
  config?: string;
  out?: string;
  page?: string[];
  schema?: string[];
  /** OpenAPI files, folders or globs; replace the config's `openapi` (and only that). */
  openapi?: string[];
  templates?: string;
  target?: Target;
  only?: OutputKind[];
  /** `--cache DIR` (relative to the working directory) or `--no-cache`; over the config's `cache`. */
  cache?: string | false;
}

/** An `openapi` entry as given (a file, a folder or a glob), resolved against the base it was given in. */
export interface OpenApiEntry {
  /** The entry as written. */
  given: string;
  /** The directory it is relative to. */
  base: string;
}

export interface PlanFile {
  /** Absolute path, for reading. */
  abs: string;
  /** POSIX path relative to the base it was given against; used in messages, banners and hashes. */
  rel: string;
  /** Write this page's canonical schema beside it (pages listed in a config file). */
  besideSchema: boolean;
}

/** Everything one run needs, with config and flags merged and every path absolute. */
export interface Plan {
  cwd: string;
  config?: { path: string; rel: string; text: string };
  pages: PlanFile[];
  schemas: PlanFile[];
  openapi: OpenApiEntry[];
  outDir: string;
  templatesDir?: string;
  target: Target;
  only: OutputKind[];
  packageName?: string;
  packageVersion?: string;
  /** No config and no input flags: the embedded Customer Session page is the input (the summary says so). */
  embedded: boolean;
  /** The object cache's directory (absolute); undefined when the cache is off. */
  cacheDir?: string;
  /** The config's `threads`, when it sets one (the library chooses otherwise). */
  threads?: number;
  /** The directories under the `pages` globs, where a new page can appear (for watch). */
  pageGlobDirs: string[];
  /** Input problems found while resolving (a page glob that matches nothing), reported with the read problems. */
  problems: Problem[];
  /** The URL entries of the config's `pages` and `openapi`, each with its pinned copy. */
  sources: SourceSpec[];
  /** The lock of the URL sources, beside the config file (or in the working directory without one). */
  lockPath: string;
  /** The package's changelog (config `changelog`), beside the config file by default. */
  changelogPath: string;
  /** The directory config paths are relative to. */
  base: string;
}


/** The config file in `dir` or the nearest directory above it. */
export function findConfig(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const up = dirname(current);
    if (up === current) return undefined;
    current = up;
  }
}

/** A path for messages: relative to the working directory when inside it, POSIX separators. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return shown.split(sep).join('/');
}

function posixRelative(from: string, to: string): string {
  const rel = relative(from, to);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** Read the config text; a missing or unreadable file is an input problem. */
export function readConfigText(path: string, cwd: string): string {
  const shown = displayPath(path, cwd);
  try {
    if (statSync(path).isDirectory()) {
      throw new CodegenError([problem(shown, '', 'config', 'is a directory; give the path of a yuno-codegen.config.json file')]);
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CodegenError) throw error;
    throw new CodegenError([problem(shown, '', 'config', `cannot read the config file (${fsReason(error)})`)]);
  }
}

/** JSON.parse with an error that says where and what, independent of the Node version's wording. */
export function parseJson(text: string, file: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const { offset, message } = locateJsonError(body);
    const before = body.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1] ?? '').length + 1;
    throw new CodegenError([
      problem(file, `line ${line}, column ${column}`, 'config-json', `not valid JSON: ${message}; fix the syntax`),
    ]);
  }
}

/** Find the first JSON syntax error: a small scanner, so the message does not depend on V8's wording. */
function locateJsonError(text: string): { offset: number; message: string } {
  let i = 0;
  class Stop {
    constructor(readonly message: string) {}
  }
  const here = (): string => (i >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[i])}`);
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else {
          i++;
          throw new Stop('invalid escape in a string');
        }
        continue;
      }
      if (c < ' ') throw new Stop('line break or control character inside a string');
      i++;
    }
    throw new Stop('unterminated string');
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') throw new Stop(`${here()}, expected a "quoted" key`);
          string();
          ws();
          if (text[i] !== ':') throw new Stop(`${here()}, expected ":" after the key`);
          i++;
        }
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === close) throw new Stop(`trailing comma before "${close}"`);
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        throw new Stop(`${here()}, expected "," or "${close}"`);
      }
    }
    if (c === '"') return string();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (number.test(text)) {
      i = number.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    throw new Stop(`${here()}, expected a value`);
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop(`${here()} after the end of the JSON value`);
  } catch (error) {
    if (error instanceof Stop) return { offset: i, message: error.message };
    throw error;
  }
  return { offset: 0, message: 'not parseable' };
}

/** Validate a parsed config against its JSON Schema (config-schema.ts); every problem names its key. */
export async function validateConfig(value: unknown, file: string): Promise<Config> {
  configCheck ??= (async () => {
    const schemaText = configSchemaText();
    const built = await loadPrecompiled<ValidateFn & { schemaHash?: string }>('config.cjs');
    // A check built from another version of the schema (edited since the build) is compiled afresh.
    return built && built.schemaHash === configSchemaHash(schemaText) ? built : compileConfigCheck(schemaText);
  })();
  const check = await configCheck;
  if (check(value)) return value as Config;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of check.errors ?? []) {
    let at = e.instancePath || '/';
    let message = e.message ?? 'is invalid';
    const got = valueAt(value, e.instancePath);
    if (e.instancePath === '/cache') {
      // One message for the three errors of its anyOf.
      message = `must be a directory path or false (got ${JSON.stringify(got)})`;
    } else if (e.instancePath === '/threads') {
      // One message for its type and bounds.
      message = `must be a whole number from 0 to ${MAX_THREADS} (got ${JSON.stringify(got)})`;
    } else if (e.keyword === 'additionalProperties') {
      const key = String(e.params['additionalProperty']);
      at = `${e.instancePath}/${key}`;
      message = `unknown key "${key}"; the known keys are ${Object.keys(configSchema()['properties'] as object).filter((k) => k !== '$schema').join(', ')}`;
    } else if (e.keyword === 'enum') {
      const allowed = (e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      message = `must be one of ${allowed} (got ${JSON.stringify(got)})`;
    } else if (e.keyword === 'type') {
      message = `must be ${article(String(e.params['type']))} (got ${JSON.stringify(got)})`;
    } else if (e.keyword === 'pattern' && e.instancePath === '/packageName') {
      message = `must be a valid npm package name such as "yuno-types" or "@acme/yuno-types" (got ${JSON.stringify(got)})`;
    } else if (e.keyword === 'pattern' && e.instancePath === '/packageVersion') {
      message = `must be a semver version such as "1.2.3" (got ${JSON.stringify(got)})`;
    }
    const key = `${at}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem(file, at, 'config', message));
  }
  throw new CodegenError(problems);
}

let configCheck: Promise<ValidateFn> | undefined;

/** The AJV options of the config check, shared with scripts/precompile.mjs, which compiles it at build time. */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: false } as const;

export function configSchemaHash(schemaText: string): string {
  return createHash('sha256').update(schemaText).digest('hex');
}

/** Compile the config check from the schema's text (running from source, or the schema changed since the build). */
async function compileConfigCheck(schemaText: string): Promise<ValidateFn> {
  const schema = JSON.parse(schemaText) as object;
  const mod = (await import('ajv')) as unknown as { default: AjvClass | { default: AjvClass } };
  const Ajv = ('default' in mod.default ? mod.default.default : mod.default) as AjvClass;
  return new Ajv(CONFIG_AJV_OPTIONS).compile(schema);
}

interface AjvClass {
  new (options: object): { compile(schema: object): ValidateFn };
}
interface ValidateFn {
  (value: unknown): boolean;
  errors?: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null;
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

/**
 * A config read without validation, for the no-op check only: anything unexpected returns undefined and
 * the full path (which validates) takes over. A hit is safe because the raw config text is hashed.
 */
export function trustedConfig(value: unknown): Config | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const strings = (x: unknown): boolean => x === undefined || (Array.isArray(x) && x.every((s) => typeof s === 'string'));
  const str = (x: unknown): boolean => x === undefined || typeof x === 'string';
  if (!strings(v['pages']) || !strings(v['schemas']) || !strings(v['only']) || !strings(v['openapi'])) return undefined;
  if (!str(v['out']) || !str(v['templates']) || !str(v['packageName']) || !str(v['packageVersion'])) return undefined;
  if (!str(v['pinned']) || !str(v['changelog'])) return undefined;
  if (v['target'] !== undefined && !TARGETS.includes(v['target'] as Target)) return undefined;
  if (v['writeSchemas'] !== undefined && typeof v['writeSchemas'] !== 'boolean') return undefined;
  if (v['cache'] !== undefined && v['cache'] !== false && typeof v['cache'] !== 'string') return undefined;
  if (v['threads'] !== undefined && typeof v['threads'] !== 'number') return undefined;
  return v as Config;
}

/** The embedded seed page, used when there is neither a config nor an input flag. */
export function seedPage(): PlanFile {
  const abs = join(packageRoot(), 'schema', 'the-customer-session-object.md');
  return { abs, rel: posixRelative(packageRoot(), abs), besideSchema: false };
}

const PAGE_FILE = /\.mdx?$/i;

/**
 * Merge flags over config. Paths in the config are relative to the config file, paths in flags to the
 * working directory. Input flags (`--page`, `--schema`) replace the config's inputs as a whole. A page
 * entry that is a glob stands for the .md and .mdx files it matches, sorted (tinyglobby, loaded only then).
 */
export function resolvePlan(
  flags: InputFlags,
  cwd: string,
  config?: { path: string; text: string; value: Config },
): Plan {
  const base = config ? dirname(config.path) : cwd;
  const value = config?.value ?? {};
  const fromFlags = (flags.page?.length ?? 0) > 0 || (flags.schema?.length ?? 0) > 0;
  const file = (root: string, p: string, besideSchema: boolean): PlanFile => {
    const abs = resolve(root, p);
    return { abs, rel: posixRelative(root, abs), besideSchema };
  };
  const problems: Problem[] = [];
  const pageGlobDirs: string[] = [];
  const sources: SourceSpec[] = [];
  const pinnedDir = value.pinned ?? DEFAULTS.pinned;
  /** A URL entry of the config stands for its pinned copy (`pull` fetches it; nothing else touches the network). */
  const pinnedOf = (entry: string, kind: 'page' | 'openapi', at: string): string | undefined => {
    const spec = sourceOf(entry, kind, pinnedDir, config ? displayPath(config.path, cwd) : entry, at);
    if ('rule' in spec) {
      problems.push(spec);
      return undefined;
    }
    sources.push(spec);
    return spec.pinned;
  };
  /** Page entries (files or globs) → files; `where(i)` says how to name entry i in a problem. */
  const pageFiles = (root: string, entries: string[], beside: boolean, where: (i: number, glob: string) => Problem): PlanFile[] => {
    const out: PlanFile[] = [];
    // A page a glob matches that another entry lists too is taken once (one listed twice by name stays a
    // duplicate, an error later).
    const listed = new Set<string>();
    const globbed = new Set<string>();
    entries.forEach((entry, i) => {
      if (isUrl(entry)) {
        if (fromFlags) {
          problems.push(problem(entry, '', 'input', 'a URL page comes from the config\'s "pages", pinned by yuno-codegen pull; flags take files'));
          return;
        }
        const pinned = pinnedOf(entry, 'page', `/pages/${i}`);
        if (pinned === undefined) return;
        entry = pinned;
      }
      if (!isGlob(entry, root)) {
        const named = file(root, entry, beside);
        if (globbed.has(named.abs)) return;
        listed.add(named.abs);
        out.push(named);
        return;
      }
      pageGlobDirs.push(globBase(entry, root));
      const matches = globFiles(entry, root).filter((m) => PAGE_FILE.test(m));
      if (matches.length === 0) problems.push(where(i, entry));
      for (const m of matches) {
        const found = file(root, m, beside);
        if (listed.has(found.abs)) continue;
        listed.add(found.abs);
        globbed.add(found.abs);
        out.push(found);
      }
    });
    return out;
  };
  let pages: PlanFile[];
  let schemas: PlanFile[];
  if (fromFlags) {
    pages = pageFiles(cwd, flags.page ?? [], false, (_i, glob) =>
      problem(glob, '', 'input', 'the glob matches no .md or .mdx file; check the pattern (flags are relative to the working directory)'),
    );
    schemas = (flags.schema ?? []).map((p) => file(cwd, p, false));
  } else if (config) {
    const shown = displayPath(config.path, cwd);
    const name = posixRelative(base, config.path);
    pages = pageFiles(base, value.pages ?? [], value.writeSchemas ?? DEFAULTS.writeSchemas, (i, glob) =>
      problem(shown, `/pages/${i}`, 'input', `the glob ${JSON.stringify(glob)} matches no .md or .mdx file; check the pattern (paths in ${name} are relative to that file)`),
    );
    schemas = (value.schemas ?? []).map((p) => file(base, p, false));
  } else {
    pages = [seedPage()];
    schemas = [];
  }
  const openapi: OpenApiEntry[] =
    (flags.openapi?.length ?? 0) > 0
      ? (flags.openapi ?? []).map((given) => ({ given, base: cwd }))
      : (config ? value.openapi ?? [] : []).flatMap((given, i) => {
          if (!isUrl(given)) return [{ given, base }];
          const pinned = pinnedOf(given, 'openapi', `/openapi/${i}`);
          return pinned === undefined ? [] : [{ given: pinned, base }];
        });
  const plan: Plan = {
    cwd,
    pages,
    schemas,
    openapi,
    outDir: flags.out !== undefined ? resolve(cwd, flags.out) : resolve(base, value.out ?? DEFAULTS.out),
    target: flags.target ?? value.target ?? DEFAULTS.target,
    only: flags.only ?? value.only ?? [...DEFAULTS.only],
    embedded: !config && !fromFlags,
    pageGlobDirs,
    problems,
    sources,
    lockPath: join(base, LOCK_NAME),
    changelogPath: resolve(base, value.changelog ?? DEFAULTS.changelog),
    base,
  };
  if (config) plan.config = { path: config.path, rel: posixRelative(base, config.path), text: config.text };
  const templates = flags.templates !== undefined ? resolve(cwd, flags.templates) : value.templates !== undefined ? resolve(base, value.templates) : undefined;
  if (templates !== undefined) plan.templatesDir = templates;
  if (value.packageName !== undefined) plan.packageName = value.packageName;
  if (value.packageVersion !== undefined) plan.packageVersion = value.packageVersion;
  const cache = flags.cache !== undefined ? flags.cache : value.cache;
  const cacheDir = cache === false ? undefined : cache !== undefined ? resolve(flags.cache !== undefined ? cwd : base, cache) : defaultCacheDir(base);
  if (cacheDir !== undefined) plan.cacheDir = cacheDir;
  if (value.threads !== undefined) plan.threads = value.threads;
  return plan;
}

/**
 * The object cache's default directory: node_modules/.cache/yuno-codegen in the nearest directory with a
 * package.json upward from `base` (the config's directory, or the working directory). Outside any npm
 * project there is no default cache: a run there leaves nothing but its output.
 */
export function defaultCacheDir(base: string): string | undefined {
  for (let dir = base; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, ...DEFAULTS.cache.split('/'));
    if (dirname(dir) === dir) return undefined;
  }
}

/** The config to use: `--config FILE`, or the nearest one upward from the working directory. */
export function locateConfig(flags: InputFlags, cwd: string): string | undefined {
  return flags.config !== undefined ? resolve(cwd, flags.config) : findConfig(cwd);
}

/** Find, read, parse and validate the config, then resolve the plan. */
export async function loadPlan(flags: InputFlags, cwd: string): Promise<Plan> {
  const path = locateConfig(flags, cwd);
  if (path === undefined) return resolvePlan(flags, cwd);
  const shown = displayPath(path, cwd);
  const text = readConfigText(path, cwd);
  const value = await validateConfig(parseJson(text, shown), shown);
  return resolvePlan(flags, cwd, { path, text, value });
}

/** Split `--only types,docs` into known kinds; undefined for an unknown kind (a usage error). */
export function parseOnly(text: string): OutputKind[] | undefined {
  const kinds = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (kinds.length === 0 || !kinds.every((k) => (OUTPUT_KINDS as readonly string[]).includes(k))) return undefined;
  return OUTPUT_KINDS.filter((k) => kinds.includes(k));
}

export function problem(file: string, at: string, rule: string, message: string): Problem {
  return { file, at, rule, message };
}

