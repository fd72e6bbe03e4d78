/**
 * One scale measurement in a fresh process, so module loading is counted and peak memory (maxRSS) is
 * this run's alone. Usage: node bench/scale-child.mjs SPEC.json; prints one JSON line.
 * Generation takes the CLI's code path (the library in this process, so with V8's default tiering: only the CLI
 * raises the interrupt budget): generateEach() streams each file into an OutputStage, which writes
 * it to disk at once and swaps the finished output into SPEC.outDir.
 *   SPEC: { "pages": [paths], "outDir": dir }                   all pages
 *     or: { "schemaDir": dir, "count": n, "outDir": dir }       n renamed copies of the schemas in dir
 *     or: { "extract": path, "warmup": w, "runs": r }   in-process extract() of one page, warm
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = performance.now();
const lib = await import(pathToFileURL(join(repo, 'dist', 'generators', 'index.js')).href);
const { OutputStage } = await import(pathToFileURL(join(repo, 'dist', 'generators', 'write.js')).href);
const result = { importMs: performance.now() - started };

if (spec.extract) {
  const bytes = new Uint8Array(readFileSync(spec.extract));
  const page = { path: spec.extract.replace(/^.*\//, ''), bytes };
  const times = [];
  for (let i = 0; i < spec.warmup + spec.runs; i++) {
    const t = performance.now();
    await lib.extract(page);
    if (i >= spec.warmup) times.push(performance.now() - t);
  }
  result.times = times;
} else {
  let options;
  if (spec.pages) {
    options = { pages: spec.pages.map((path) => ({ path: path.replace(/^.*\//, ''), bytes: new Uint8Array(readFileSync(path)) })) };
  } else {
    const bases = readdirSync(spec.schemaDir).sort().map((f) => JSON.parse(readFileSync(join(spec.schemaDir, f), 'utf8')));
    const schemas = [];
    for (let i = 0; i < spec.count; i++) {
      const base = bases[i % bases.length];
      // A renamed copy: a new title (the type name) and $id; everything else, $defs included, as extracted.
      const copy = { ...base, title: `${base.title}N${i}`, $id: `urn:yuno-codegen:synthetic-${i}` };
      schemas.push({ path: `synthetic/${i}.schema.json`, text: JSON.stringify(copy) });
    }
    options = { schemas };
  }
  const t = performance.now();
  const stage = OutputStage.open(spec.outDir);
  let objects = 0;
  let bytes = 0;
  await lib.generateEach(options, {
    schema: () => void objects++,
    file: (file) => {
      bytes += file.bytes?.length ?? Buffer.byteLength(file.contents);
      stage.add(file);
    },
  });
  stage.finish('bench', []);
  result.generateMs = performance.now() - t;
  result.objects = objects;
  result.files = stage.count;
  result.bytes = bytes;
}
// maxRSS is in kilobytes.
result.maxRssMB = process.resourceUsage().maxRSS / 1024;
result.totalMs = performance.now() - started;
process.stdout.write(`${JSON.stringify(result)}\n`);
