/**
 * The cost of loading each heavy module `generate` needs, in the order the pipeline first loads them,
 * in a fresh process (a module shared with an earlier one is counted there). Prints one JSON line.
 */
const modules = [
  'yargs',
  'ajv/dist/2020.js',
  'ajv-formats',
  'handlebars',
  'mdast-util-from-markdown',
  'micromark-extension-mdxjs',
  'htmlparser2',
  'json-schema-to-typescript',
];
const out = [];
for (const name of modules) {
  const t = performance.now();
  try {
    await import(name);
    out.push({ name, ms: performance.now() - t });
  } catch (error) {
    out.push({ name, ms: NaN, error: String(error) });
  }
}
process.stdout.write(`${JSON.stringify(out)}\n`);
