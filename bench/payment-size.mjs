/**
 * Payment validator size (issue 14): isPayment alone and the whole payment module, bundled with rolldown
 * from a generated package, minified with terser, gzipped (level 9). Usage: node bench/payment-size.mjs OUT_DIR
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

export async function paymentSizes(pkgDir) {
  const { rolldown } = await import('rolldown');
  const rows = {};
  const entries = {
    isPayment: 'export { isPayment } from "./payment.js";\n',
    module: 'export * from "./payment.js";\n',
  };
  for (const [name, entry] of Object.entries(entries)) {
    const file = join(pkgDir, `bench-size-${name}.js`);
    writeFileSync(file, entry);
    const build = await rolldown({ input: file, treeshake: true, logLevel: 'silent' });
    const { output } = await build.generate({ format: 'esm' });
    await build.close?.();
    const min = await minify(output[0].code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    rows[name] = { raw: output[0].code.length, min: min.code.length, gzip: gzipSync(min.code, { level: 9 }).length };
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await paymentSizes(resolve(process.argv[2])), null, 1));
