/**
 * The benchmark's peers (quicktype, zod, tinybench, terser) are not the tool's devDependencies: they live in
 * bench/package.json with their own lock, so the root `npm ci` stays small and warning-free on Node 20.
 *
 *   node scripts/bench-deps.mjs
 *
 * Installs them with `npm ci` in bench/ unless bench/node_modules already holds exactly what
 * bench/package-lock.json lists (npm's own record of an install, bench/node_modules/.package-lock.json,
 * is compared with the lock). Used by `npm run bench` and by test/bench-smoke.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * True when bench/node_modules is a complete install of bench/package-lock.json: npm's record of the last
 * install lists exactly the locked packages, and each is on disk at its locked version.
 */
export function benchDepsCurrent(dir = benchDir) {
  const lock = readJson(join(dir, 'package-lock.json'));
  const installed = readJson(join(dir, 'node_modules', '.package-lock.json'));
  if (!lock?.packages || !installed?.packages) return false;
  const { '': _root, ...wanted } = lock.packages;
  if (!isDeepStrictEqual(wanted, installed.packages)) return false;
  return Object.entries(wanted).every(([path, entry]) => entry.link || readJson(join(dir, path, 'package.json'))?.version === entry.version);
}

/**
 * Install bench/'s locked dependencies when they are not current. Returns what it did; throws with npm's
 * output when the install fails.
 */
export function ensureBenchDeps({ dir = benchDir, log = () => {} } = {}) {
  if (benchDepsCurrent(dir)) return 'current';
  log(`installing the benchmark's dependencies: npm ci in ${dir}`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) throw new Error(`npm ci in ${dir} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  if (!benchDepsCurrent(dir)) throw new Error(`npm ci in ${dir} succeeded but bench/node_modules does not match bench/package-lock.json`);
  return 'installed';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const did = ensureBenchDeps({ log: (s) => process.stderr.write(`bench-deps: ${s}\n`) });
    process.stderr.write(`bench-deps: bench/node_modules is ${did === 'current' ? 'current' : 'installed'}\n`);
  } catch (error) {
    process.stderr.write(`bench-deps: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
