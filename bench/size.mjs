/**
 * Validator size for Customer Session, minified (terser) and gzipped (zlib, level 9): ours bundled from
 * the generated package as an app would import it, and AJV's default standalone output with the run-time
 * modules it requires.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { ajvStandaloneBundle } from './ajv-baseline.mjs';

async function minGzip(code, module) {
  const min = await minify(code, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return { raw: code.length, min: min.code.length, gzip: gzipSync(min.code, { level: 9 }).length };
}

/** Bundle an entry with rolldown (vite's bundler, present through vitest) when it can be loaded. */
async function bundle(entryFile) {
  let rolldown;
  try {
    ({ rolldown } = await import('rolldown'));
  } catch {
    return undefined;
  }
  const build = await rolldown({ input: entryFile, treeshake: true, logLevel: 'silent' });
  const { output } = await build.generate({ format: 'esm' });
  await build.close?.();
  return output[0].code;
}

export async function measureSizes(pkgDir, scratch) {
  const rows = [];
  const entries = {
    'generated: isCustomerSession only': 'export { isCustomerSession } from "./index.js";\n',
    'generated: is + assert + parse + ValidationError': 'export { isCustomerSession, assertCustomerSession, parseCustomerSession, ValidationError } from "./index.js";\n',
    'generated: whole module (loose + strict API)': 'export * from "./index.js";\n',
  };
  let bundler = true;
  for (const [name, entry] of Object.entries(entries)) {
    const file = join(pkgDir, `bench-entry-${rows.length}.js`);
    writeFileSync(file, entry);
    const code = await bundle(file);
    if (code === undefined) {
      bundler = false;
      break;
    }
    rows.push({ name, ...(await minGzip(code, true)) });
  }
  if (!bundler) {
    // No bundler: the two modules an import of the package loads, each minified, sizes added.
    const parts = await Promise.all(['customer-session.js', 'shared.js'].map((f) => minGzip(readFileSync(join(pkgDir, f), 'utf8'), true)));
    rows.push({ name: 'generated: customer-session.js + shared.js (each minified)', raw: parts[0].raw + parts[1].raw, min: parts[0].min + parts[1].min, gzip: parts[0].gzip + parts[1].gzip });
  }
  const ajv = await ajvStandaloneBundle();
  writeFileSync(join(scratch, 'ajv-standalone-bundle.cjs'), ajv.source);
  rows.push({ name: `AJV standalone (default options) + ${ajv.modules - 1} run-time modules`, ...(await minGzip(ajv.source, false)) });
  return { rows, bundler };
}
