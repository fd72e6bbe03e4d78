/**
 * The cost of reconciling pages with Yuno's OpenAPI files (issue 11): `generate --force` on the 11
 * Mintlify pages with `--openapi ../shared/yuno-openapi` and without, round-robin in fresh processes,
 * and the extraction half alone in one process (pages alone, pages + OpenAPI files), so the stage's
 * own cost and the cost of emitting the richer schemas it produces are told apart.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { median, repo, summary, timeProcess } from './lib.mjs';

const cli = join(repo, 'dist', 'generators', 'cli.js');

export function mintlifyPages() {
  const dir = join(repo, '..', 'shared', 'yuno-pages', 'mintlify');
  return readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort().map((f) => join(dir, f));
}

export const OPENAPI_DIR = join(repo, '..', 'shared', 'yuno-openapi');

export function timeReconcile(scratch, { rounds = 5 } = {}) {
  const pages = mintlifyPages().flatMap((p) => ['--page', p]);
  const runs = {
    pages: [cli, 'generate', '--force', '--quiet', ...pages, '--out', join(scratch, 'rec-pages')],
    withApi: [cli, 'generate', '--force', '--quiet', ...pages, '--openapi', OPENAPI_DIR, '--out', join(scratch, 'rec-api')],
  };
  mkdirSync(scratch, { recursive: true });
  for (const args of Object.values(runs)) timeProcess(process.execPath, args);
  const times = { pages: [], withApi: [] };
  for (let i = 0; i < rounds; i++) for (const [name, args] of Object.entries(runs)) times[name].push(timeProcess(process.execPath, args).ms);
  const extract = JSON.parse(timeProcess(process.execPath, [join(repo, 'bench', 'reconcile-child.mjs'), String(rounds)]).stdout.trim());
  return {
    pages: summary(times.pages),
    withApi: summary(times.withApi),
    ratio: median(times.withApi.map((t, i) => t / times.pages[i])),
    extract,
  };
}
