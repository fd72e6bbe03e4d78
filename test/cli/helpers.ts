/** Shared by the CLI and e2e tests: run the built CLI as a real process in a temporary directory. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { expect } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodegenError } from '../../generators/types.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'generators', 'cli.js');
export const SEED = join(ROOT, 'schema', 'the-customer-session-object.md');
/** The reviewed overrides that go with the seed page (all five fields required). */
export const SEED_OVERRIDES = join(ROOT, 'schema', 'the-customer-session-object.overrides.json');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node dist/generators/cli.js ...args` in `cwd`, with colour off and a fixed locale. */
export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, options: SpawnSyncOptions = {}): Ran {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    encoding: 'utf8',
    timeout: 120_000,
    ...options,
  });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `yuno-codegen-${name}-`));
}

/** A project directory holding the seed page under schema/, as a user's repository would. */
export function seedProject(name: string, config?: object): string {
  const dir = tempDir(name);
  mkdirSync(join(dir, 'schema'));
  cpSync(SEED, join(dir, 'schema', 'the-customer-session-object.md'));
  cpSync(SEED_OVERRIDES, join(dir, 'schema', 'the-customer-session-object.overrides.json'));
  if (config) writeJson(join(dir, 'yuno-codegen.config.json'), config);
  return dir;
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Every file under `dir` (relative POSIX path → contents), directories walked in sorted order. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const PAGE = 'schema/the-customer-session-object.md';
export const CONFIG = { pages: [PAGE], out: 'out' };

/** Run a command and compare everything under the directory before and after, to prove nothing was written. */
export function unchanged(dir: string, run: () => void): void {
  const before = readTree(dir);
  run();
  expect(readTree(dir)).toEqual(before);
}

/** The generated Customer Session validator of `dir/out`, run in a fresh process on `value`. */
export function validates(dir: string, value: unknown): boolean {
  const code = `import { isCustomerSession } from './out/index.js'; process.stdout.write(String(isCustomerSession(${JSON.stringify(value)})));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout === 'true';
}

/** A valid Customer Session with the given customer_session id. */
export const session = (id: string) => ({
  customer_session: id,
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
});

/** The lines of the CodegenError `fn` throws (fails the test if it throws none). */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodegenError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a CodegenError');
}

/** Generated files from a map of path → contents. */
export const files = (entries: Record<string, string>) => Object.entries(entries).map(([path, contents]) => ({ path, contents }));
