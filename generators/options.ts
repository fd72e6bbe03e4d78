/**
 * The library's options, declared once with their defaults. `resolveOptions` applies the defaults once;
 * the stages receive only `ResolvedOptions`. The config file (config.ts), the CLI and the config's JSON
 * Schema take their defaults and their lists of choices from here; the kinds of output come from the
 * output registry (outputs/index.ts).
 */
import type { ApiSource } from './openapi/read.js';
import { DEFAULT_KINDS, OUTPUTS, OUTPUT_KINDS, type OutputKind } from './outputs/index.js';
import { CodegenError, type PageSource, type Problem, type ResolvedOptions, type TemplateSet } from './types.js';

export { OUTPUT_KINDS, type OutputKind } from './outputs/index.js';
export type { ResolvedOptions } from './types.js';

/** The output layouts. */
export const TARGETS = ['package', 'ts'] as const satisfies readonly ResolvedOptions['target'][];
export type Target = (typeof TARGETS)[number];

/** The most worker threads a run may ask for. */
export const MAX_THREADS = 64;

/** Every default, in one place. */
export const DEFAULTS = {
  target: 'package',
  only: DEFAULT_KINDS,
  packageName: 'yuno-types',
  packageVersion: '0.0.0',
  /** The output directory (CLI and config only), relative to the config file or the working directory. */
  out: 'out',
  /** Write each page's canonical schema beside the page (pages listed in a config file). */
  writeSchemas: true,
  /**
   * The object cache (CLI and config only), in the nearest directory with a package.json upward from the
   * config file or the working directory (none outside an npm project); never part of the output.
   */
  cache: 'node_modules/.cache/yuno-codegen',
  /** Where `pull` keeps the pinned copies of URL sources (config only), relative to the config file. */
  pinned: 'yuno-sources',
  /** The package's changelog that `generate --bump` adds to (config only), relative to the config file. */
  changelog: 'yuno-codegen.changelog.md',
} as const satisfies {
  target: Target;
  only: readonly OutputKind[];
  packageName: string;
  packageVersion: string;
  out: string;
  writeSchemas: boolean;
  cache: string;
  pinned: string;
  changelog: string;
};

export interface GenerateOptions {
  /** Doc pages to extract. */
  pages?: PageSource[];
  /**
   * Yuno's OpenAPI files (JSON or YAML), as text: the 2xx examples of the operations that return a
   * page's object are evidence the canonical schema is reconciled with. @default []
   */
  openapi?: ApiSource[];
  /** Canonical or hand-written JSON Schemas (draft 2020-12), as text. */
  schemas?: { path: string; text: string }[];
  /**
   * `package`: a publishable npm package (ESM + CJS + .d.ts/.d.cts + schemas + docs).
   * `ts`: TypeScript sources for an application's own compiler.
   * @default 'package'
   */
  target?: Target;
  /** @default ['types', 'validators', 'docs'] */
  only?: OutputKind[];
  /** Templates that replace ours by file name. @default {} */
  templates?: TemplateSet;
  /** @default 'yuno-types' */
  packageName?: string;
  /** @default '0.0.0' */
  packageVersion?: string;
  /** The package's CHANGELOG.md (target `package`), shipped as is; none by default. */
  changelog?: string;
  /**
   * Worker threads for the emit stage; 0 emits in the calling thread. Same output either way.
   * @default 0 below 8 objects, else one per core but one (1 to 4); always 0 when running from the TypeScript sources
   */
  threads?: number;
  /**
   * Where objects generated before are kept (see cache.ts): an object whose inputs, options, templates
   * and tool are unchanged is taken from there instead of being extracted and emitted again. Same output
   * either way. @default none
   */
  cache?: ObjectCache;
}

/**
 * Where generateEach keeps the objects it generated (cache.ts builds and checks the entries; the CLI's
 * store is cache-dir.ts). Any bytes may come back from `get`: the library checks them.
 */
export interface ObjectCache {
  /** Whether there is an entry (sizes the emitter's worker pool; the entry is checked when read). */
  has(key: string): boolean;
  get(key: string): Uint8Array | undefined;
  /** Keep an entry; a store that cannot (a full disk, no permission) just does not. */
  set(key: string, entry: Uint8Array): void;
}

/** The defaults applied, and what has no default checked. */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const { threads } = options;
  const problems: Problem[] = [];
  const problem = (at: string, message: string): void => void problems.push({ file: '(options)', at, rule: 'options', message });
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= MAX_THREADS)) {
    problem('/threads', `threads must be a whole number from 0 to ${MAX_THREADS} (got ${String(threads)})`);
  }
  (options.only ?? []).forEach((kind, i) => {
    if (!(OUTPUT_KINDS as string[]).includes(kind)) problem(`/only/${i}`, `unknown output ${JSON.stringify(kind)}; choose from ${OUTPUT_KINDS.join(', ')}`);
  });
  for (const output of OUTPUTS) {
    const missing = 'requires' in output && options.only?.includes(output.kind) ? (output.requires ?? []).filter((k) => !options.only?.includes(k as OutputKind)) : [];
    if (missing.length > 0) problem('/only', `the ${output.kind} output needs ${missing.join(', ')}: add ${missing.join(', ')} to only (${[...missing, output.kind].join(',')})`);
  }
  if (problems.length > 0) throw new CodegenError(problems);
  return {
    target: options.target ?? DEFAULTS.target,
    only: options.only ?? [...DEFAULTS.only],
    packageName: options.packageName ?? DEFAULTS.packageName,
    packageVersion: options.packageVersion ?? DEFAULTS.packageVersion,
    ...(options.changelog !== undefined ? { changelog: options.changelog } : {}),
  };
}
