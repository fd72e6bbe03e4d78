/** The extraction half alone, in one process: pages alone, then pages + OpenAPI files (medians in ms). */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractAll } from '../dist/generators/extract.js';
import { mintlifyPages, OPENAPI_DIR } from './reconcile.mjs';

const rounds = Number(process.argv[2] ?? 5);
const pages = mintlifyPages().map((p) => ({ path: p, bytes: readFileSync(p) }));
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
const openapi = walk(OPENAPI_DIR).sort().map((f) => ({ path: relative(OPENAPI_DIR, f), text: readFileSync(f, 'utf8') }));
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await extractAll(pages, openapi);
const alone = [];
const withApi = [];
for (let i = 0; i < rounds; i++) {
  alone.push(await time(() => extractAll(pages)));
  withApi.push(await time(() => extractAll(pages, openapi)));
}
process.stdout.write(`${JSON.stringify({ pagesMs: med(alone), withApiMs: med(withApi), files: openapi.length })}\n`);
