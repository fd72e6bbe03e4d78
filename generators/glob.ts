/**
 * Globs in the config's `pages` and `openapi` and in `--page`/`--openapi`. tinyglobby is loaded only when an
 * entry is a glob, so the no-op run of a config without globs loads nothing more.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve, sep } from 'node:path';

/** The characters that make an entry a glob (unless a file of that very name exists). */
export const GLOB_MAGIC = /[*?[\]{}!]/;

/** True when `given` (relative to `base`) is meant as a glob: it has a glob character and names no existing file. */
export function isGlob(given: string, base: string): boolean {
  if (!GLOB_MAGIC.test(given)) return false;
  try {
    return !statSync(resolve(base, given)).isFile();
  } catch {
    return true;
  }
}

/** The files a glob matches under `base`: POSIX paths relative to `base`, sorted by code unit. */
export function globFiles(pattern: string, base: string): string[] {
  const { globSync } = createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby');
  return globSync([pattern], { cwd: base, onlyFiles: true, expandDirectories: false })
    .map((p) => p.split(sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The directory a glob's matches lie under (what watch watches for new files). */
export function globBase(pattern: string, base: string): string {
  return resolve(base, pattern.replace(/[*?[\]{}!].*$/s, '').replace(/[^/\\]*$/, ''));
}
