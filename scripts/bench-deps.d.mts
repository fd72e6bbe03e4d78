/** Types for scripts/bench-deps.mjs (a plain script, run by `npm run bench`). */
export const benchDir: string;
export function benchDepsCurrent(dir?: string): boolean;
export function ensureBenchDeps(options?: { dir?: string; log?: (line: string) => void }): 'current' | 'installed';
