/**
 * What the commands share: their flags and outcome, and running the library over a plan with every path
 * in messages shown from the working directory. The library itself (index.js) is imported only when a
 * command needs it.
 */
import { dirname, join } from 'node:path';
import { displayPath, type InputFlags, type Plan } from '../config.js';
import { overridesPath, readInputs } from '../fastpath.js';
import type { BesideFile } from '../write.js';
import { directoryCache, type DirectoryCache } from '../cache-dir.js';
import { CodegenError, type GeneratedFile, type Problem, type SchemaDocument } from '../types.js';

export interface RunFlags extends InputFlags {
  force?: boolean;
  /** generate: set packageVersion from the classified changes and add a changelog entry. */
  bump?: boolean;
  /** check: ask the servers whether a URL source moved, instead of checking out/. */
  upstream?: boolean;
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** The result of one command, printed as one line or, with `--json`, as JSON. */
export interface RunOutcome {
  command: 'generate' | 'check' | 'extract' | 'report' | 'pull' | 'diff';
  ok: boolean;
  exitCode: 0 | 1 | 2;
  /** The summary line (also the line watch prints per run). */
  summary: string;
  json: Record<string, unknown>;
}

export function showOut(plan: Plan): string {
  return `${displayPath(plan.outDir, plan.cwd)}/`;
}

export function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export type Library = typeof import('../index.js');
let library: Library | undefined;
export async function loadLibrary(): Promise<Library> {
  library ??= await import('../index.js');
  return library;
}

/** A slug becomes a file name; it must not be able to leave the directory it is written to. */
export function safeSlug(doc: SchemaDocument): Problem | undefined {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(doc.slug) && !doc.slug.includes('..')) return undefined;
  return {
    file: doc.source,
    at: '/title',
    rule: 'output-path',
    message: `object file name "${doc.slug}" would escape the output directory; give the object a plain title`,
  };
}

/** The canonical schema text, as `extract` prints it and as it is committed beside a page. */
export function schemaText(doc: SchemaDocument): string {
  return `${JSON.stringify(doc.schema, null, 2)}\n`;
}

/** Canonical schemas to keep beside their pages (pages listed in a config with writeSchemas on). */
export function besideFiles(plan: Plan, schemas: SchemaDocument[]): (BesideFile & { page: string })[] {
  const problems: Problem[] = [];
  const files: (BesideFile & { page: string })[] = [];
  for (const page of plan.pages) {
    if (!page.besideSchema) continue;
    const doc = schemas.find((s) => s.source === page.rel);
    if (!doc) continue;
    const bad = safeSlug(doc);
    if (bad) problems.push(bad);
    else files.push({ page: displayPath(page.abs, plan.cwd), path: join(dirname(page.abs), `${doc.slug}.schema.json`), contents: schemaText(doc) });
  }
  if (problems.length > 0) throw new CodegenError(problems);
  return files;
}

/** How a command uses the object cache: `force` regenerates every object (entries are written, not read); `check` only reads. */
export interface CacheUse {
  force?: boolean;
  readOnly?: boolean;
}

/** The library's options for a plan. */
export function libraryOptions(plan: Plan, inputs: ReturnType<typeof readInputs>, use: CacheUse = {}): Parameters<Library['generate']>[0] {
  const options: Parameters<Library['generate']>[0] = {
    pages: inputs.pages,
    openapi: inputs.openapi,
    schemas: inputs.schemas,
    templates: inputs.templates,
    target: plan.target,
    only: plan.only,
  };
  if (plan.packageName !== undefined) options.packageName = plan.packageName;
  if (plan.packageVersion !== undefined) options.packageVersion = plan.packageVersion;
  if (plan.threads !== undefined) options.threads = plan.threads;
  if (plan.cacheDir !== undefined) options.cache = directoryCache(plan.cacheDir, { read: use.force !== true, write: use.readOnly !== true });
  // The package ships the changelog `generate --bump` keeps beside the config.
  if (inputs.changelog !== undefined) options.changelog = inputs.changelog;
  return options;
}

/**
 * Run the library over a plan, handing each file to `onFile` as it is generated. Keeps only the object
 * names and the schemas written beside their pages; the library lets go of the others as it goes.
 */
export async function streamLibrary(plan: Plan, onFile: (file: GeneratedFile) => void | Promise<void>, use: CacheUse = {}) {
  const inputs = readInputs(plan);
  const lib = await loadLibrary();
  const names: string[] = [];
  const matched: Record<string, string[]> = {};
  const besidePages = new Set(plan.pages.filter((p) => p.besideSchema).map((p) => p.rel));
  const kept: SchemaDocument[] = [];
  const patterned: SchemaDocument[] = [];
  const options = libraryOptions(plan, inputs, use);
  await rebased(plan, inputs, () =>
    lib.generateEach(options, {
      schema: (doc) => {
        names.push(doc.name);
        if (doc.evidence) matched[doc.name] = doc.evidence.operations;
        if (besidePages.has(doc.source)) kept.push(doc);
        if (JSON.stringify(doc.schema).includes('"pattern')) patterned.push(doc);
      },
      file: onFile,
    }),
  ).finally(() => (options.cache as DirectoryCache | undefined)?.prune());
  const shown = inputNames(plan, inputs);
  const warnings = (await Promise.all(patterned.map((doc) => lib.patternWarnings(doc)))).flat().map((w) => ({ ...w, file: shown.get(w.file) ?? w.file }));
  return { inputs, names, matched, beside: besideFiles(plan, kept), warnings };
}

/**
 * The library names each input as the config or flag gave it (relative to the config file, or to the
 * working directory): that name is in the generated banners and must not depend on where the command
 * runs. Messages show every path from the working directory, so problems are renamed on the way out.
 */
export function inputNames(plan: Plan, inputs?: ReturnType<typeof readInputs>): Map<string, string> {
  const names = new Map<string, string>();
  const show = (abs: string): string => displayPath(abs, plan.cwd);
  for (const page of plan.pages) {
    names.set(page.rel, show(page.abs));
    names.set(overridesPath(page.rel), show(overridesPath(page.abs)));
  }
  for (const schema of plan.schemas) names.set(schema.rel, show(schema.abs));
  inputs?.openapi.forEach((api, i) => {
    const abs = inputs.openapiFiles[i];
    if (abs !== undefined) names.set(api.path, show(abs));
  });
  return names;
}

export async function rebased<T>(plan: Plan, inputs: ReturnType<typeof readInputs> | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof CodegenError)) throw error;
    const names = inputNames(plan, inputs);
    const renamed = new CodegenError(error.problems.map((p) => ({ ...p, file: names.get(p.file) ?? p.file })));
    if (error.stack) renamed.stack = error.stack;
    throw renamed;
  }
}

