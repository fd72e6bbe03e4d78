/** Generation at scale, each figure from a fresh child process (bench/scale-child.mjs). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, summary, timeProcess } from './lib.mjs';

const child = join(repo, 'bench', 'scale-child.mjs');

function runChild(scratch, name, spec) {
  const file = join(scratch, `${name}.spec.json`);
  writeFileSync(file, JSON.stringify(spec));
  const run = timeProcess(process.execPath, [child, file]);
  return { ...JSON.parse(run.stdout.trim().split('\n').pop()), processMs: run.ms };
}

export function generateAllPages(scratch, pages) {
  return runChild(scratch, 'pages', { pages, outDir: join(scratch, 'out-pages') });
}

export function generateSynthetic(scratch, schemaDir, count) {
  return runChild(scratch, `synthetic-${count}`, { schemaDir, count, outDir: join(scratch, `out-synthetic-${count}`) });
}

/** Warm, in-process extract() of one page: median and min–max over `runs` after `warmup` runs. */
export function extractPage(scratch, page, { warmup = 3, runs = 10 } = {}) {
  const r = runChild(scratch, 'extract', { extract: page, warmup, runs });
  return { ...summary(r.times), maxRssMB: r.maxRssMB };
}

/** The canonical schemas of the corpus pages, one file each, through the CLI's own `extract`. */
export function extractCorpus(scratch, pages) {
  const dir = join(scratch, 'corpus-schemas');
  timeProcess(process.execPath, [join(repo, 'dist', 'generators', 'cli.js'), 'extract', ...pages, '--out-dir', dir]);
  return dir;
}

/**
 * The per-object floor: json2ts's compile and two AJV standalone compiles per object, nothing else
 * (bench/floor-child.mjs), on the same renamed corpus schemas; ms per object, in a fresh process.
 */
export function libraryFloor(schemaDir, count) {
  const run = timeProcess(process.execPath, [join(repo, 'bench', 'floor-child.mjs'), schemaDir, String(count)]);
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  return { objects: r.objects, ajvMs: r.ajvMs / r.objects, json2tsMs: r.json2tsMs / r.objects };
}
