/** Small helpers shared by the benchmark sections: statistics, child processes, machine and versions. */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The benchmark's peers live in bench/node_modules (bench/package.json); the tool's own packages in the root's. */
const requires = [createRequire(join(repo, 'bench', 'package.json')), createRequire(join(repo, 'package.json'))];

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median with min and max: the shape every figure in RESULTS.md has. */
export function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** `123 ms (110–140)` or `241 ns (230–260)`, in the unit given. */
export function show(s, unit, digits = 0) {
  const f = (v) => v.toFixed(digits);
  const u = unit ? ` ${unit}` : '';
  return `${f(s.median)}${u} (${f(s.min)}–${f(s.max)})`;
}

export function ratio(a, b) {
  return a / b;
}

export function showRatio(r) {
  return `${r.toFixed(2)}×`;
}

/** A Markdown table; cells are already text. */
export function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Run a command once and time it (wall clock around spawnSync, which includes process start-up and
 * exit, as a user's shell sees it). Throws with the output when it fails.
 */
export function timeProcess(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: repo, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return { ms, stdout: result.stdout, stderr: result.stderr };
}

export function packageVersion(name) {
  for (const require of requires) {
    const version = versionFrom(require, name);
    if (version !== undefined) return version;
  }
  return 'unknown';
}

function versionFrom(require, name) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    // Packages whose exports hide package.json: find it next to the entry point.
    let dir;
    try {
      dir = dirname(require.resolve(name));
    } catch {
      return undefined;
    }
    for (let i = 0; i < 5; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (pkg.name === name) return pkg.version;
      } catch {
        /* keep walking up */
      }
    }
    return undefined;
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

/** A value the optimiser cannot prove unused, so timed calls are never dropped as dead code. */
export const sink = { value: 0 };

/** The corpus pages, one per object (ReadMe pages of ../shared/yuno-pages). */
export function corpusPages() {
  const dir = join(repo, '..', 'shared', 'yuno-pages');
  // The legacy-format copy of the Customer Session page yields the same object as the current page;
  // generating both at once is (rightly) a name clash, so "all pages" means one page per object.
  return readdirSync(dir).filter((f) => f.endsWith('.md') && !f.includes('.legacy-')).sort().map((f) => join(dir, f));
}
