/**
 * The command line before yargs: the plain `generate` forms parsed without it (~100 ms to load), the options
 * the input commands share, and the did-you-mean hint for yargs' "Unknown argument" errors.
 */
import type { Options } from 'yargs';
import { OUTPUT_KINDS, TARGETS, type Target } from '../options.js';
import { parseOnly } from '../config.js';
import type { RunFlags } from './run.js';

/** The options of the commands that read the inputs (generate, check, watch, report). */
export const INPUT_OPTIONS = {
  config: { type: 'string', describe: 'Config file, relative to the working directory (default: yuno-codegen.config.json here or in a parent directory)', requiresArg: true },
  out: { type: 'string', describe: 'Output directory, relative to the working directory (default: the config\'s "out", relative to the config file, else out)', requiresArg: true },
  page: { type: 'string', describe: 'Doc page (.md or .mdx) or a glob of them, relative to the working directory; repeatable; replaces the config\'s inputs', requiresArg: true },
  schema: { type: 'string', describe: 'JSON Schema file to generate from, relative to the working directory; repeatable; replaces the config\'s inputs', requiresArg: true },
  openapi: { type: 'string', describe: 'Yuno OpenAPI file, folder or glob whose 2xx examples the pages are reconciled with, relative to the working directory; repeatable; replaces the config\'s "openapi"', requiresArg: true },
  templates: { type: 'string', describe: 'Directory of templates that replace the built-in ones by file name, relative to the working directory', requiresArg: true },
  cache: {
    type: 'string',
    describe: 'Directory of the object cache, relative to the working directory (default: the config\'s "cache", else node_modules/.cache/yuno-codegen in the nearest directory with a package.json); --no-cache for none',
    requiresArg: true,
  },
  target: { choices: TARGETS, describe: 'package: a publishable npm package; ts: TypeScript sources for your compiler' },
  only: {
    type: 'string',
    describe: `Outputs to generate, comma-separated: ${OUTPUT_KINDS.join(',')}`,
    requiresArg: true,
    coerce: (value: unknown) => {
      const text = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
      const only = parseOnly(text);
      if (!only) throw new Error(`--only "${text}": choose one or more of ${OUTPUT_KINDS.join(', ')}, comma-separated`);
      return only;
    },
  },
} as const satisfies Record<string, Options>;

/** The flags yargs parsed, as the commands take them; a string is a usage error (exit 2). */
export function flagsOf(args: Record<string, unknown>): RunFlags | string {
  const flags: RunFlags = {
    force: args['force'] === true,
    json: args['json'] === true,
    quiet: args['quiet'] === true,
    debug: args['debug'] === true,
  };
  // --no-cache: yargs negates the option to false.
  if (args['cache'] === false) flags.cache = false;
  else {
    const cache = toArray(args['cache']);
    if (cache && cache.length > 1) return `--cache was given ${cache.length} times; give it once`;
    if (cache?.[0] !== undefined) flags.cache = cache[0];
  }
  for (const key of ['config', 'out', 'templates'] as const) {
    const v = toArray(args[key]);
    if (v && v.length > 1) return `--${key} was given ${v.length} times; give it once`;
    if (v?.[0] !== undefined) flags[key] = v[0];
  }
  const page = toArray(args['page']);
  const schema = toArray(args['schema']);
  const openapi = toArray(args['openapi']);
  if (page) flags.page = page;
  if (schema) flags.schema = schema;
  if (openapi) flags.openapi = openapi;
  if (args['target'] !== undefined) flags.target = args['target'] as Target;
  if (args['only'] !== undefined) flags.only = args['only'] as NonNullable<RunFlags['only']>;
  return flags;
}

/**
 * Recognise the common `yuno-codegen [generate] [--config F] [--out D] [--page P]… [--force] [--quiet]`
 * forms without yargs (~100 ms to load). Anything else, including every malformed form, returns
 * undefined and goes through yargs, which owns the usage errors and --help.
 */
export function quickArgs(argv: string[]): RunFlags | undefined {
  const flags: RunFlags = {};
  let i = 0;
  if (argv[0] === 'generate') i = 1;
  const valued = new Set(['config', 'out', 'page', 'schema', 'openapi', 'templates', 'target', 'only', 'cache']);
  const booleans = new Set(['force', 'json', 'quiet', 'debug']);
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    const m = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    if (!m) return undefined;
    const name = m[1] as string;
    if (booleans.has(name) && m[2] === undefined) {
      (flags as Record<string, unknown>)[name] = true;
      continue;
    }
    if (!valued.has(name)) return undefined;
    let value = m[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
    }
    if (value === '') return undefined;
    if (name === 'page' || name === 'schema' || name === 'openapi') (flags[name] ??= []).push(value);
    else if (name === 'target') {
      if (!(TARGETS as readonly string[]).includes(value)) return undefined;
      flags.target = value as Target;
    } else if (name === 'only') {
      const only = parseOnly(value);
      if (!only) return undefined;
      flags.only = only;
    } else if (name === 'cache') {
      if (flags.cache !== undefined) return undefined;
      flags.cache = value;
    } else if (flags[name as 'config' | 'out' | 'templates'] !== undefined) return undefined;
    else flags[name as 'config' | 'out' | 'templates'] = value;
  }
  return flags;
}

/** Options every command takes. */
const GLOBAL_OPTIONS = ['json', 'quiet', 'debug', 'help', 'version'];

/**
 * What to add to yargs' "Unknown argument(s): a, b" for a near miss: the command or option meant
 * (`; did you mean --out?`), or the command an option belongs to. Empty when nothing is close.
 */
export function didYouMean(usage: string, argv: string[], options: Record<string, string[]>): string {
  const m = /^Unknown arguments?: (.+)$/.exec(usage);
  if (!m) return '';
  // yargs also lists the camelCase form of a dashed name (`out-dr, outDr`): one word, one hint.
  const listed = (m[1] as string).split(', ');
  const camel = (w: string): string => w.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const unknown = listed.filter((w) => !listed.some((other) => other !== w && other.includes('-') && camel(other) === w));
  const commands = Object.keys(options);
  // The command given: the first argument that is one (yargs runs generate, the default, otherwise).
  const command = argv.find((a) => commands.includes(a)) ?? 'generate';
  const known = [...(options[command] ?? []), ...GLOBAL_OPTIONS];
  const meant: { word: string; guess: string }[] = [];
  const notes: string[] = [];
  for (const word of unknown) {
    // Given as a word, not as --word: a mistyped command.
    if (argv.includes(word)) {
      const close = closest(word, commands);
      if (close !== undefined) meant.push({ word, guess: close });
      continue;
    }
    const owner = commands.find((c) => c !== command && options[c]?.includes(word));
    if (owner !== undefined && !known.includes(word)) {
      notes.push(`--${word} is an option of ${owner}, not ${command}`);
      continue;
    }
    const close = closest(word, known);
    if (close !== undefined) meant.push({ word, guess: `--${close}` });
  }
  const guesses =
    meant.length === 0
      ? []
      : unknown.length === 1
        ? [`did you mean ${meant.map((m) => m.guess).join('')}?`]
        : [`did you mean ${meant.map((m) => `${m.guess} for ${m.word}`).join(', ')}?`];
  return [...guesses, ...notes].map((hint) => `; ${hint}`).join('');
}

/** The candidate nearest to `word` (optimal string alignment distance), if it is near enough to be a typo. */
function closest(word: string, candidates: string[]): string | undefined {
  const limit = word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit (`otu` → `out`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const up = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

export function toArray(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}
