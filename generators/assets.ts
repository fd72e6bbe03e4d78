/**
 * The files that ship with the tool (default templates, the Country reference data, the config schema),
 * located from this module so they are found both from `generators/` (tests) and `dist/generators/` (built).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSet } from './types.js';

let root: string | undefined;

/** The directory holding the tool's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('yuno-codegen: cannot find its own package directory (templates/ is missing)');
    dir = up;
  }
  root = dir;
  return dir;
}

export interface Country {
  code: string;
  name: string;
}

let countries: Country[] | undefined;

/**
 * Yuno's Country reference (data/yuno-country-reference.tsv, the page's own table): the ISO 3166-1
 * alpha-2 codes with their names, in the page's order.
 */
export function loadCountries(): Country[] {
  if (countries) return countries;
  const text = readFileSync(join(packageRoot(), 'data', 'yuno-country-reference.tsv'), 'utf8');
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  const codeAt = header.indexOf('alpha2');
  const nameAt = header.indexOf('name');
  countries = lines.map((line) => {
    const cells = line.split('\t');
    return { code: cells[codeAt] ?? '', name: cells[nameAt] ?? '' };
  });
  return countries;
}

/** Every file under a directory, as sorted relative POSIX paths; none when the directory cannot be read. */
export function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) listFiles(full, base, out);
    else out.push(relative(base, full).split(sep).join('/'));
  }
  return out;
}

/** Read every `*.hbs` file under a directory into a TemplateSet keyed by relative POSIX path. */
export function readTemplateDir(dir: string): TemplateSet {
  const set: TemplateSet = {};
  readdirSync(dir); // An unreadable directory is an error here, not an empty set.
  for (const name of listFiles(dir)) {
    if (!name.endsWith('.hbs')) continue;
    const full = join(dir, ...name.split('/'));
    set[name] = { source: readFileSync(full, 'utf8'), path: full };
  }
  return set;
}

/**
 * A module that scripts/precompile.mjs built into dist/precompiled/ at `npm run build` (the built-in
 * templates, AJV checks compiled once instead of at every run), or undefined when running from source.
 */
export async function loadPrecompiled<T>(file: string): Promise<T | undefined> {
  try {
    return ((await import(new URL(`../precompiled/${file}`, import.meta.url).href)) as { default: T }).default;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** Our built-in templates. */
export function defaultTemplates(): TemplateSet {
  const set = readTemplateDir(join(packageRoot(), 'templates'));
  for (const t of Object.values(set)) t.path = relative(packageRoot(), t.path).split(sep).join('/');
  return set;
}
