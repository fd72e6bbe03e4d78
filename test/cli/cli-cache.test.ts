/**
 * The object cache from the command line: where it lives (node_modules/.cache/yuno-codegen by default,
 * the config's `cache`, `--cache DIR`), turning it off (`--no-cache`, `"cache": false`), `--force`
 * (entries rewritten, never read), `check` (reads, never writes), and processes sharing one cache.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, CONFIG, PAGE, cli, readTree, seedProject, writeJson } from './helpers.js';

const CACHE = join('node_modules', '.cache', 'yuno-codegen');

/** The entries under a cache directory (relative paths), or [] when there is none. */
function entries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f.split('\\').join('/'))).sort();
}

function ok(args: string[], cwd: string): string {
  const r = cli(args, cwd);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('the object cache (CLI)', () => {
  it('lives in node_modules/.cache/yuno-codegen beside the nearest package.json; an edited page gives what a run without it gives', () => {
    const dir = seedProject('cache-default', { ...CONFIG, writeSchemas: false });
    writeJson(join(dir, 'package.json'), { name: 'app', private: true });
    ok([], dir);
    expect(entries(join(dir, CACHE))).toHaveLength(1);
    const page = join(dir, PAGE);
    writeFileSync(page, readFileSync(page, 'utf8').replace('(MAX 64; MIN 36)', '(MAX 80; MIN 36)'));
    ok([], dir);
    expect(entries(join(dir, CACHE))).toHaveLength(2);
    const cached = readTree(join(dir, 'out'));
    ok(['--no-cache', '--out', 'fresh'], dir);
    expect(readTree(join(dir, 'fresh'))).toEqual(cached);
    expect(JSON.parse(cached['schemas/customer-session.schema.json'] as string).properties.customer_session.maxLength).toBe(80);
  });

  it('--no-cache and "cache": false write no cache, nor does a run outside any npm project; "cache" in the config is relative to it, --cache to the working directory', () => {
    const dir = seedProject('cache-off', { ...CONFIG, writeSchemas: false, cache: false });
    ok(['--out', 'no-package-json'], dir);
    writeJson(join(dir, 'package.json'), { name: 'app', private: true });
    ok([], dir);
    ok(['--force', '--no-cache', '--out', 'again'], dir);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    writeJson(join(dir, 'yuno-codegen.config.json'), { ...CONFIG, writeSchemas: false, cache: '.yuno-cache' });
    ok(['--force'], dir);
    expect(entries(join(dir, '.yuno-cache'))).toHaveLength(1);
    ok(['--force', '--cache', 'schema/elsewhere'], join(dir));
    expect(entries(join(dir, 'schema', 'elsewhere'))).toHaveLength(1);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });

  it('a wrong "cache" value is one clear config error', () => {
    const dir = seedProject('cache-bad', { ...CONFIG, cache: true });
    expect(cli([], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: yuno-codegen.config.json (/cache): must be a directory path or false (got true)\nnothing was written\n',
    });
  });

  it('--force rewrites every entry without reading it; check reads the cache and writes none', () => {
    const dir = seedProject('cache-force', { ...CONFIG, writeSchemas: false });
    writeJson(join(dir, 'package.json'), { name: 'app', private: true });
    ok([], dir);
    const [entry] = entries(join(dir, CACHE)) as [string];
    const path = join(dir, CACHE, entry);
    const inode = statSync(path).ino;
    ok([], dir); // up to date: the fast path reads no cache
    ok(['--force'], dir);
    // Renamed into place again: a new file with the same bytes.
    expect(statSync(path).ino).not.toBe(inode);
    const page = join(dir, PAGE);
    writeFileSync(page, `${readFileSync(page, 'utf8')}\n`);
    const before = entries(join(dir, CACHE));
    expect(cli(['check'], dir).code).toBe(0);
    expect(entries(join(dir, CACHE))).toEqual(before);
  });

  it('processes sharing one cache all write the same output', async () => {
    const dir = seedProject('cache-shared', { ...CONFIG, writeSchemas: false });
    writeJson(join(dir, 'package.json'), { name: 'app', private: true });
    const reference = cli(['--no-cache', '--out', 'reference'], dir);
    expect(reference.code).toBe(0);
    const run = (out: string): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, '--out', out], { cwd: dir, stdio: 'ignore' });
        child.on('exit', resolve);
      });
    expect(await Promise.all(['a', 'b', 'c'].map(run))).toEqual([0, 0, 0]);
    const want = readTree(join(dir, 'reference'));
    delete want['.yuno-codegen.json'];
    for (const out of ['a', 'b', 'c']) {
      const got = readTree(join(dir, out));
      delete got['.yuno-codegen.json'];
      expect(got).toEqual(want);
    }
    expect(entries(join(dir, CACHE))).toHaveLength(1);
    expect(readdirSync(join(dir, CACHE), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
