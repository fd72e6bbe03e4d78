/**
 * The cost of loading each heavy module `generate --force` on a ReadMe page loads, in the order the
 * pipeline first loads them, in a fresh process (a module shared with an earlier one is counted there).
 * json-schema-to-typescript is loaded the way emit/types.ts loads it (without Prettier's core).
 * Prints one JSON line. With --required: only the libraries the design itself names for the seed page's
 * job (json-schema-to-typescript for the types, AJV for the validators, Handlebars' runtime for the
 * templates); as a whole process, that is the floor under `generate --force` (json2ts is loaded through
 * our small emit/types.js, as the pipeline loads it).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const types = pathToFileURL(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist', 'generators', 'emit', 'types.js')).href;
const modules = [
  // Through require, as page/read.ts and json2ts load it (its CommonJS build).
  ['js-yaml', () => createRequire(import.meta.url)('js-yaml')],
  ['ajv-formats (formats only)', () => import('ajv-formats/dist/formats.js')],
  ['mdast-util-from-markdown', () => import('mdast-util-from-markdown')],
  ['acorn', () => import('acorn')],
  ['htmlparser2', () => import('htmlparser2')],
  ['handlebars/runtime', () => import('handlebars/runtime.js')],
  ['json-schema-to-typescript (without Prettier)', async () => (await import(types)).loadCompile()],
  ['ajv (2020, core, standalone)', () => Promise.all([import('ajv/dist/2020.js'), import('ajv/dist/core.js'), import('ajv/dist/standalone/index.js')])],
];
const REQUIRED = new Set(['handlebars/runtime', 'json-schema-to-typescript (without Prettier)', 'ajv (2020, core, standalone)']);
const only = process.argv.includes('--required') ? modules.filter(([name]) => REQUIRED.has(name)) : modules;
const out = [];
for (const [name, load] of only) {
  const t = performance.now();
  try {
    await load();
    out.push({ name, ms: performance.now() - t });
  } catch (error) {
    out.push({ name, ms: NaN, error: String(error) });
  }
}
process.stdout.write(`${JSON.stringify(out)}\n`);
