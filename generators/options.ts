/**
 * The library's options, declared once with their defaults. `resolveOptions` applies the defaults once;
 * the stages receive only `ResolvedOptions`. The config file (config.ts), the CLI and the config's JSON
 * Schema take their defaults and their lists of choices from here. A leaf module: it imports types only.
 */
import type { ApiSource } from './openapi/read.js';
import { CodegenError, type PageSource, type TemplateSet } from './types.js';

/** The output layouts. */
export const TARGETS = ['package', 'ts'] as const;
export type Target = (typeof TARGETS)[number];

/** The kinds of output, in the order they are listed (`--only`, the config's `only`). */
export const OUTPUT_KINDS = ['types', 'validators', 'docs'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** The most worker threads a run may ask for. */
export const MAX_THREADS = 64;

/** Every default, in one place. */
export const DEFAULTS = {
  target: 'package',
  only: OUTPUT_KINDS,
  packageName: 'yuno-types',
  packageVersion: '0.0.0',
  /** The output directory (CLI and config only), relative to the config file or the working directory. */
  out: 'out',
  /** Write each page's canonical schema beside the page (pages listed in a config file). */
  writeSchemas: true,
} as const satisfies { target: Target; only: readonly OutputKind[]; packageName: string; packageVersion: string; out: string; writeSchemas: boolean };

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
  /**
   * Worker threads for the emit stage; 0 emits in the calling thread. Same output either way.
   * @default 0 below 8 objects, else one per core but one (1 to 4); always 0 when running from the TypeScript sources
   */
  threads?: number;
}

/** Options with every default applied: what the emitters receive. Plain data (it is sent to worker threads). */
export interface ResolvedOptions {
  target: Target;
  only: OutputKind[];
  packageName: string;
  packageVersion: string;
}

/** The defaults applied, and the options that have no default checked. */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const { threads } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= MAX_THREADS)) {
    throw new CodegenError([
      { file: '(options)', at: '/threads', rule: 'options', message: `threads must be a whole number from 0 to ${MAX_THREADS} (got ${String(threads)})` },
    ]);
  }
  return {
    target: options.target ?? DEFAULTS.target,
    only: options.only ?? [...DEFAULTS.only],
    packageName: options.packageName ?? DEFAULTS.packageName,
    packageVersion: options.packageVersion ?? DEFAULTS.packageVersion,
  };
}
