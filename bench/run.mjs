/**
 * `npm run bench`: every performance figure of issue 5 in one run, written to bench/RESULTS.md.
 *
 *   node bench/run.mjs [--smoke] [--out FILE] [--rounds N] [--full-scale]
 *
 * --smoke: a few-second run of the harness (validators briefly, the no-op and `node -e 0` once, sizes);
 *          used by test/bench-smoke.test.ts. --full-scale: run the 1000-object case even when the
 *          100-object case says it will take longer than the time budget.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusPages, machine, median, packageVersion, repo, show, showRatio, summary, table, timeProcess } from './lib.mjs';
import { checkAnswers, loadValidators, timeValidators, VALIDATORS } from './validators.mjs';
import { commands, timeProcesses } from './processes.mjs';
import { extractCorpus, extractPage, generateAllPages, generateSynthetic, libraryFloor } from './scale.mjs';
import { measureSizes } from './size.mjs';
import { profileGenerate } from './profile.mjs';
import { inputs } from './inputs.mjs';
import { timeReconcile } from './reconcile.mjs';
import { generationMarkdown, timeGeneration } from './incremental.mjs';

const GEN = 'generated isCustomerSession';
const ASSERT = 'generated assertCustomerSession';
const GEN_TRY = 'generated isCustomerSession, in try/catch';
const HAND = 'hand-written';
const AJV = 'ajv.compile';
const ZOD = 'zod 4';
const P_GEN = commands('/x')[0].name;
const P_JSON2TS = commands('/x')[1].name;
const P_QT = commands('/x')[2].name;
const P_NOOP = commands('/x')[3].name;
const P_NODE = commands('/x')[4].name;
const P_FLOOR_ALL = commands('/x')[5].name;
const P_FLOOR_REQUIRED = commands('/x')[6].name;
const P_GEN_DEFAULT_TIERING = commands('/x')[7].name;
/** The 1000-object case runs only when the 100-object case projects it under this (ms), unless --full-scale. */
const SCALE_BUDGET_MS = 90_000;

export async function runBench({ smoke = false, rounds, fullScale = false, log = () => {} } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'yuno-bench-'));
  const started = performance.now();
  const r = { smoke, machine: machine(), versions: versions(), goals: [], notes: [] };
  try {
    // Whole-process figures first: their untimed warm-up run also writes the package the validators load.
    log('whole-process runs');
    const only = smoke ? [P_NOOP, P_NODE] : undefined;
    if (smoke) timeProcess(process.execPath, commands(scratch)[0].args);
    r.processes = timeProcesses(scratch, { rounds: smoke ? 1 : rounds ?? 10, only });
    const pkgDir = r.processes.outDir;

    log('validators');
    const validators = await loadValidators(pkgDir, scratch);
    checkAnswers(validators);
    // Seven rounds: a burst of load on this shared machine can double one round's median of a ~200 ns call.
    r.validators = await timeValidators(validators, smoke ? { time: 15, warmupTime: 5, rounds: 1 } : { time: 200, warmupTime: 100, rounds: 7 });

    log('sizes');
    r.sizes = await measureSizes(pkgDir, scratch);

    if (!smoke) {
      log('extract the payment page');
      r.extract = extractPage(scratch, join(repo, '..', 'shared', 'yuno-pages', 'the-payment-object.md'));
      log('all corpus pages');
      const pages = corpusPages();
      r.pages = { count: pages.length, ...generateAllPages(scratch, pages) };
      log('synthetic objects');
      const schemaDir = extractCorpus(scratch, pages);
      r.synthetic = {};
      for (const n of [10, 100]) r.synthetic[n] = generateSynthetic(scratch, schemaDir, n);
      const projected = r.synthetic[100].generateMs * 10;
      if (fullScale || projected <= SCALE_BUDGET_MS) r.synthetic[1000] = generateSynthetic(scratch, schemaDir, 1000);
      else r.scaleSkipped = projected;
      log('generation of the 12 objects: CPU, cache, incremental runs');
      r.generation = timeGeneration(scratch, pages, { rounds: rounds ?? 5 });
      log('library floor per object');
      r.floor = libraryFloor(schemaDir, 100);
      log('reconciliation with the OpenAPI files');
      r.reconcile = timeReconcile(join(scratch, 'reconcile'), { rounds: rounds ?? 5 });
      log('profile of generate --force');
      r.profile = profileGenerate(scratch);
      const imports = timeProcess(process.execPath, [join(repo, 'bench', 'import-child.mjs')]);
      r.imports = JSON.parse(imports.stdout.trim());
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  r.seconds = (performance.now() - started) / 1000;
  judge(r);
  return r;
}

function versions() {
  const names = ['ajv', 'ajv-formats', 'zod', 'json-schema-to-typescript', 'quicktype', 'tinybench', 'terser', 'rolldown', 'handlebars', 'typescript'];
  return { node: process.version, 'yuno-codegen': packageVersion('yuno-codegen'), ...Object.fromEntries(names.map((n) => [n, packageVersion(n)])) };
}

function goal(r, text, measured, met) {
  r.goals.push({ text, measured, met });
}

/** Each goal of issue 5 with its measured ratio. */
function judge(r) {
  const v = r.validators;
  const cases = inputs().map((i) => i.name);
  const per = (a, b) => cases.map((c) => ({ c, x: pairedRatio(v[c][a], v[c][b]) }));
  const worst = (list, pick) => list.reduce((m, e) => (pick(e.x, m.x) ? e : m));
  const vsHand = worst(per(GEN, HAND), (a, b) => a > b);
  goal(r, 'isCustomerSession ≤ 1.5× hand-written, every input', `worst ${showRatio(vsHand.x)} (${vsHand.c})`, vsHand.x <= 1.5);
  const vsZod = worst(per(GEN, ZOD), (a, b) => a > b);
  goal(r, 'isCustomerSession faster than zod 4, every input', `worst ${showRatio(vsZod.x)} of zod (${vsZod.c})`, vsZod.x < 1);
  const valid = inputs().filter((i) => i.valid).map((i) => i.name);
  const ajvOnValid = valid.map((c) => ({ c, x: pairedRatio(v[c][AJV], v[c][GEN]) }));
  const slowest = worst(ajvOnValid, (a, b) => a < b);
  goal(r, 'isCustomerSession ≥ 3× faster than ajv.compile on valid input', `ajv.compile takes ${showRatio(slowest.x)} (${slowest.c}; least)`, slowest.x >= 3);
  const assertValid = valid.map((c) => ({ c, x: pairedRatio(v[c][ASSERT], v[c][GEN_TRY]) }));
  const worstAssert = worst(assertValid, (a, b) => a > b);
  // Equal work on valid input; 10% allows for timer noise on a ~100 ns call.
  goal(r, 'assertCustomerSession costs no more than isCustomerSession on valid input (≤ 1.1×, both in try/catch)', `worst ${showRatio(worstAssert.x)} (${worstAssert.c})`, worstAssert.x <= 1.1);

  const p = r.processes.times;
  if (p[P_GEN] && p[P_JSON2TS]) {
    const x = p[P_GEN].median / p[P_JSON2TS].median;
    const floor = (name) => (p[name] ? showRatio(p[name].median / p[P_JSON2TS].median) : '–');
    goal(r, 'generate --force (seed page) ≤ 1.0× json2ts CLI alone', `${showRatio(x)} (with V8's default tiering ${floor(P_GEN_DEFAULT_TIERING)}; floor: loading its libraries alone, no work, ${floor(P_FLOOR_ALL)}; json2ts + AJV + Handlebars only ${floor(P_FLOOR_REQUIRED)})`, x <= 1);
  }
  if (p[P_NOOP] && p[P_NODE]) {
    const x = p[P_NOOP].median / p[P_NODE].median;
    goal(r, 'no-op generate ≤ 2× node -e 0', showRatio(x), x <= 2);
  }
  if (r.synthetic) {
    const s = r.synthetic;
    const floor = r.floor ? ` (floor: json2ts's compile alone ${r.floor.json2tsMs.toFixed(1)} ms; with the two AJV compiles of a validator module ${(r.floor.ajvMs + r.floor.json2tsMs).toFixed(1)} ms, which our own emitters spare the extracted schemas)` : '';
    if (s[1000]) {
      const growth = s[1000].generateMs / s[100].generateMs;
      goal(r, '1000 objects ≤ 11× the time of 100', showRatio(growth), growth <= 11);
      const perObject = s[1000].generateMs / 1000;
      goal(r, '≤ 10 ms per object at 1000 objects', `${perObject.toFixed(1)} ms${floor}`, perObject <= 10);
    } else {
      const perObject = s[100].generateMs / 100;
      goal(r, '1000 objects ≤ 11× the time of 100', `not run (projected ${(r.scaleSkipped / 1000).toFixed(0)} s); 100 vs 10: ${showRatio(s[100].generateMs / s[10].generateMs)}`, undefined);
      goal(r, '≤ 10 ms per object at 1000 objects', `${perObject.toFixed(0)} ms per object already at 100${floor}`, perObject <= 10 ? undefined : false);
    }
    const peak = Math.max(r.pages.maxRssMB, ...Object.values(s).map((x) => x.maxRssMB));
    goal(r, 'peak memory < 500 MB', `${peak.toFixed(0)} MB (largest run measured)`, peak < 500);
  }
  if (r.extract) goal(r, 'extract the 230 KB payment page < 150 ms (warm, median)', `${r.extract.median.toFixed(0)} ms`, r.extract.median < 150);
  if (r.reconcile) {
    const c = r.reconcile;
    const stage = (c.extract.withApiMs - c.extract.pagesMs) / c.pages.median;
    goal(
      r,
      'issue 11: reconciling with the OpenAPI files adds ≤ 20% to generate --force on the 11 Mintlify pages',
      `${showRatio(c.ratio)} (the stage itself, reading ${c.extract.files} files, matching and reconciling: +${(100 * stage).toFixed(0)}% of the run; the rest is emitting the larger reconciled schemas)`,
      c.ratio <= 1.2,
    );
  }
  const whole = r.sizes.rows.find((x) => x.name.startsWith('generated: whole module')) ?? r.sizes.rows[0];
  goal(r, 'Customer Session validator ≤ 3 KB minified + gzip', `${(whole.gzip / 1024).toFixed(2)} KB (${whole.name.replace('generated: ', '')})`, whole.gzip <= 3072);
}

/**
 * a / b, paired by round: the median over the rounds of each round's a/b. Two validators timed minutes
 * apart on a shared machine can differ by a third from load alone (the noise-check row); timed within the
 * same round they see the same load.
 */
export function pairedRatio(a, b) {
  return median(a.perRound.map((x, i) => x / b.perRound[i]));
}

const mark = (met) => (met === undefined ? 'not measured' : met ? 'met' : '**not met**');

export function toMarkdown(r) {
  const out = [];
  out.push('# Benchmark results', '');
  out.push(`Written by \`npm run bench\` (bench/run.mjs)${r.smoke ? ' in --smoke mode: timings are not meaningful' : ''}; the run took ${r.seconds.toFixed(0)} s. Ratios are of figures measured side by side in this one run (validators: paired by round, see below); absolute times are context only (the machine is shared and was under load: see the load average).`, '');
  out.push('## Machine', '');
  const m = r.machine;
  out.push(table(['CPU', 'cores', 'memory', 'Node', 'OS', 'load average at start (1/5/15 min)'], [[m.cpu, String(m.cores), m.memory, m.node, m.os, m.load]]), '');
  out.push('## Versions', '');
  out.push(table(['tool', 'version'], Object.entries(r.versions).map(([k, v]) => [k, v])), '');
  out.push('## Goals (issue 5)', '');
  out.push(table(['goal', 'measured', 'result'], r.goals.map((g) => [g.text, g.measured, mark(g.met)])), '');

  out.push('## Validators, in process (ns per call)', '');
  out.push('tinybench; each sample times 256 calls on fresh copies of the input; median of the round medians (seven rounds, the validators in forward and reverse order by turns), and the lowest and highest sample (min–max).', '');
  const cases = inputs().map((i) => i.name);
  out.push(table(['validator', ...cases], VALIDATORS.map((name) => [name, ...cases.map((c) => show(r.validators[c][name], ''))])), '');
  out.push('Ratios: in each round every validator runs on the input a few hundred milliseconds after the other, so a change in the machine\'s load reaches both sides of a ratio alike; each ratio is the median over the rounds of that round\'s ratio of medians. The last row compares two measurements of the same work and shows what noise is left.', '');
  const rows = [
    ['isCustomerSession / hand-written (goal ≤ 1.5)', GEN, HAND],
    ['isCustomerSession / zod 4 (goal < 1)', GEN, ZOD],
    ['ajv.compile / isCustomerSession (goal ≥ 3 on valid)', AJV, GEN],
    ['AJV standalone / isCustomerSession', 'AJV standalone (default)', GEN],
    ['assertCustomerSession / isCustomerSession, both in try/catch', ASSERT, GEN_TRY],
    ['noise check: isCustomerSession / itself in try/catch (same work: expect 1.00)', GEN, GEN_TRY],
  ];
  out.push(table(['ratio', ...cases], rows.map(([label, a, b]) => [label, ...cases.map((c) => showRatio(pairedRatio(r.validators[c][a], r.validators[c][b])))])), '');

  if (r.reconcile) {
    const c = r.reconcile;
    out.push('## Reconciliation with the OpenAPI files (issue 11)', '');
    out.push(`\`generate --force\` on the 11 Mintlify pages, with and without \`--openapi ../shared/yuno-openapi\`, ${c.pages.n} times each, round-robin in fresh processes; the ratio is the median of each round's ratio. The extraction half alone (in one process, median of ${c.pages.n}) separates the stage's own cost from the cost of emitting the larger schemas it produces.`, '');
    out.push(table(['run', 'median (min–max)'], [
      ['generate --force, pages alone', show(c.pages, 'ms')],
      ['generate --force, pages + OpenAPI files', show(c.withApi, 'ms')],
      ['ratio (paired by round)', showRatio(c.ratio)],
      ['extraction alone: pages', `${c.extract.pagesMs.toFixed(0)} ms`],
      [`extraction alone: pages + ${c.extract.files} OpenAPI files`, `${c.extract.withApiMs.toFixed(0)} ms`],
    ]), '');
  }

  out.push('## Whole process (ms, wall clock of one process)', '');
  out.push(`Each command ${r.smoke ? 'once' : `${r.processes.times[P_NODE]?.n ?? 0} times`}, round-robin, after one untimed run of each. The seed page is the configured \`schema/the-customer-session-object.md\`; json2ts and quicktype read its canonical schema \`schema/customer-session.schema.json\`.`, '');
  const p = r.processes.times;
  out.push(table(['command', 'median (min–max)', 'vs json2ts', 'vs node -e 0'], Object.entries(p).filter(([, s]) => s).map(([name, s]) => [name, show(s, 'ms'), p[P_JSON2TS] ? showRatio(s.median / p[P_JSON2TS].median) : '–', p[P_NODE] ? showRatio(s.median / p[P_NODE].median) : '–'])), '');
  if (r.processes.notNoop > 0) out.push(`${r.processes.notNoop} no-op run(s) regenerated (dist/ was rebuilt during the run) and are left out.`, '');

  if (r.pages) {
    out.push('## Scale (fresh child process each; generate and write time in process, peak RSS of the process)', '');
    out.push('Each run takes the CLI\'s code path: `generateEach()` hands every file to an `OutputStage` as soon as it is rendered, which writes it into a temporary directory that is swapped in as the new output at the end. It runs the library in the child process, so with V8\'s default tiering (only the CLI raises the interrupt budget; bench/FINDINGS.md, sixth round, measured the CLI\'s setting at 300 and 1000 objects apart).', '');
    const row = (label, x) => [label, String(x.objects), `${x.generateMs.toFixed(0)} ms`, `${(x.generateMs / x.objects).toFixed(1)} ms`, `${x.processMs.toFixed(0)} ms`, String(x.files), `${(x.bytes / 2 ** 20).toFixed(1)} MB`, `${x.maxRssMB.toFixed(0)} MB`];
    const list = [row(`all corpus pages (${r.pages.count}; from the pages)`, r.pages)];
    for (const [n, x] of Object.entries(r.synthetic)) list.push(row(`${n} synthetic objects (renamed corpus schemas)`, x));
    out.push(table(['input', 'objects', 'generate + write', 'per object', 'whole process', 'files', 'output', 'peak RSS'], list), '');
    if (r.scaleSkipped) out.push(`The 1000-object case was not run: at the 100-object rate it would take about ${(r.scaleSkipped / 1000).toFixed(0)} s, beyond this benchmark's time budget (\`node bench/run.mjs --full-scale\` runs it anyway).`, '');
    if (r.floor) {
      const f = r.floor;
      out.push(`The floor under the per-object figure (bench/floor-child.mjs, ${f.objects} of the same renamed objects, fresh process, timed after loading): only the library calls the design requires per object, json-schema-to-typescript's compile ${f.json2tsMs.toFixed(1)} ms and two AJV standalone compiles (fail-fast and error-collecting; the AJV class and base options our validators use, without our two keywords) ${f.ajvMs.toFixed(1)} ms: ${(f.ajvMs + f.json2tsMs).toFixed(1)} ms per object before any extraction, template, docs page or file of ours. Our own validator emitters (generators/emit/fast.ts, full.ts) now build both flavours of these schemas without AJV, so only json-schema-to-typescript's part is still a floor for them; AJV's is what a schema outside their keyword table costs. It runs in one thread; \`generate\` emits ${m.cores <= 2 ? 'in the calling thread below 250 objects and in one worker thread from there on this machine (two cores leave room for one worker, which buys only a bounded heap)' : `in a pool of ${Math.min(m.cores - 1, 4)} worker threads on this machine (one per core but one, at most four)`}, so on a machine with more cores the two compare less directly.`, '');
    }
    out.push(`Extracting the payment page (229,601 bytes) in process, warm: ${show(r.extract, 'ms')} over ${r.extract.n} runs.`, '');
  }

  if (r.generation) out.push(generationMarkdown(r.generation));

  out.push('## Validator size (terser, then gzip level 9)', '');
  out.push(r.sizes.bundler ? 'Ours: an entry module importing from the generated package, bundled with rolldown (tree-shaken), then minified.' : 'Ours: rolldown was not available, so the two generated modules are minified separately and added up.', '');
  out.push(table(['validator', 'source bytes', 'minified', 'minified + gzip'], r.sizes.rows.map((x) => [x.name, String(x.raw), String(x.min), `${x.gzip} (${(x.gzip / 1024).toFixed(2)} KB)`])), '');
  out.push("AJV's bundle: its standalone module (default options) plus the run-time modules it `require`s (ucs2length, equal → fast-deep-equal) and ajv-formats' full `date-time` with its helpers only.", '');

  if (r.profile) {
    out.push('## Where `generate --force` spends its time (one CPU profile)', '');
    out.push(`Self time by package, of ${r.profile.totalMs.toFixed(0)} ms sampled:`, '');
    out.push(table(['package / part', 'self ms', 'share'], r.profile.packages.map((x) => [x.name, x.ms.toFixed(0), `${(x.share * 100).toFixed(1)}%`])), '');
    out.push('Our functions by inclusive time:', '');
    out.push(table(['function', 'ms', 'share'], r.profile.ours.map((x) => [x.name, x.ms.toFixed(0), `${(x.share * 100).toFixed(1)}%`])), '');
    out.push('Loading each heavy module in a fresh process (ms, in pipeline order; shared dependencies count once, first):', '');
    out.push(table(['module', 'import ms'], r.imports.map((x) => [x.name, Number.isNaN(x.ms) ? `failed: ${x.error}` : x.ms.toFixed(0)])), '');
  }

  out.push('## Notes', '');
  out.push('- Every validator is checked to give the expected answer on all five inputs before it is timed.');
  out.push("- The hand-written checker (bench/hand-written.mjs) checks field by field in schema order, so a missing `created_at` is found after the other four fields are checked; AJV's code (and so ours) tests `required` first.");
  out.push('- zod 4 (bench/zod-schema.mjs) is written as a zod user would: `min`/`max` count UTF-16 units (the schema counts code points) and `z.iso.datetime` is zod\'s own RFC 3339 check. It answers the five inputs as the schema does, but does slightly less work on valid input than the schema requires.');
  out.push('- `assertCustomerSession` on invalid input builds the full error list by design; only its valid-input cost is a goal.');
  for (const note of r.notes) out.push(`- ${note}`);
  return `${out.join('\n')}\n`;
}

async function main() {
  const { values } = parseArgs({ options: { smoke: { type: 'boolean' }, out: { type: 'string' }, rounds: { type: 'string' }, 'full-scale': { type: 'boolean' } } });
  const r = await runBench({ smoke: values.smoke, rounds: values.rounds ? Number(values.rounds) : undefined, fullScale: values['full-scale'], log: (s) => process.stderr.write(`bench: ${s}\n`) });
  const file = values.out ?? join(repo, 'bench', 'RESULTS.md');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, toMarkdown(r));
  process.stderr.write(`bench: wrote ${file} in ${r.seconds.toFixed(0)} s\n`);
  for (const g of r.goals) process.stdout.write(`${mark(g.met).replace(/\*/g, '').padEnd(13)} ${g.text}: ${g.measured}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
