/**
 * Issue 14's generation goals, in CPU time of whole processes (every thread counted, bench/cpu-report.mjs):
 *
 *   - `generate --force` over the 12 corpus pages against json2ts run once over the same 12 canonical
 *     schemas (`json2ts -i DIR -o DIR`);
 *   - with the 12 pages configured and the object cache warm, `generate` after editing one small page
 *     (the Customer Session page: one description changes) against generating that object alone (a
 *     project with that page only, from scratch: `--force --no-cache`).
 *
 * The commands run round-robin, one of each per round, after one untimed run of each; every ratio is
 * the median over the rounds of that round's ratio, so load on the shared machine reaches both sides.
 *
 *   node bench/incremental.mjs [--rounds N]   runs this section alone and puts it into bench/RESULTS.md
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusPages, machine, median, repo, show, showRatio, summary, table, timeProcess } from './lib.mjs';

const node = process.execPath;
const cli = join(repo, 'dist', 'generators', 'cli.js');
const json2ts = join(repo, 'node_modules', 'json-schema-to-typescript', 'dist', 'src', 'cli.js');
const cpuReport = pathToFileURL(join(repo, 'bench', 'cpu-report.mjs')).href;
const EDITED = 'the-customer-session-object.md';
const SENTENCE = 'The customer session that has been created for the enrollment';

export const FORCE = 'generate --force, 12 pages';
export const FORCE_NO_CACHE = 'generate --force --no-cache, 12 pages';
export const FORCE_DEFAULT_TIERING = "generate --force, 12 pages, V8's default tiering (node --interrupt-budget=67584)";
export const JSON2TS = 'json2ts, the 12 canonical schemas, one process';
export const EDIT = 'generate after editing one small page, 12 configured (cache warm)';
export const ALONE = 'generate that object alone (--force --no-cache)';

/** Run `node [--import cpu-report] args` in `cwd`: wall ms and CPU ms (user + system, all threads). */
function cpuRun(args, cwd, scratch) {
  const file = join(scratch, 'cpu.json');
  rmSync(file, { force: true });
  const run = timeProcess(node, ['--import', cpuReport, ...args], { cwd, env: { ...process.env, CPU_REPORT_FILE: file, NO_COLOR: '1' } });
  const cpu = JSON.parse(readFileSync(file, 'utf8'));
  return { wallMs: run.ms, cpuMs: cpu.userMs + cpu.systemMs, stdout: run.stdout };
}

function project(dir, pages, config) {
  mkdirSync(join(dir, 'pages'), { recursive: true });
  for (const page of pages) cpSync(page, join(dir, 'pages', basename(page)));
  // A package.json: the object cache goes to node_modules/.cache/yuno-codegen here, as in a user's project.
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-project", "private": true }\n');
  writeFileSync(join(dir, 'yuno-codegen.config.json'), JSON.stringify({ pages: pages.map((p) => `pages/${basename(p)}`), out: 'out', writeSchemas: false, ...config }));
}

/** `pages`: the corpus pages, one per object (bench/lib.mjs corpusPages). */
export function timeGeneration(scratch, pages, { rounds = 5 } = {}) {
  const all = join(scratch, 'gen-all');
  const alone = join(scratch, 'gen-alone');
  const edited = pages.find((p) => basename(p) === EDITED);
  if (!edited) throw new Error(`${EDITED} is not among the pages`);
  project(all, pages, {});
  project(alone, [edited], { cache: false });
  const original = readFileSync(edited, 'utf8');
  if (!original.includes(SENTENCE)) throw new Error(`${EDITED} no longer holds the sentence the benchmark edits`);
  const schemas = join(scratch, 'gen-schemas');
  timeProcess(node, [cli, 'extract', ...pages, '--out-dir', schemas]);
  const edit = (n) => {
    // A new description each time: a key the cache has never seen, an output that differs.
    const text = original.replace(SENTENCE, `${SENTENCE} (edit ${n})`);
    for (const dir of [all, alone]) writeFileSync(join(dir, 'pages', EDITED), text);
  };
  const commands = [
    { name: FORCE, cwd: all, args: [cli, 'generate', '--force'] },
    { name: FORCE_NO_CACHE, cwd: all, args: [cli, 'generate', '--force', '--no-cache', '--out', 'out-no-cache'] },
    // The CLI raises V8's interrupt budget for its short runs (generators/cli/tiering.ts) unless node's own
    // flags choose tiering: this run gives V8's default back, to show what that choice is worth.
    { name: FORCE_DEFAULT_TIERING, cwd: all, args: ['--interrupt-budget=67584', cli, 'generate', '--force', '--out', 'out-default-tiering'] },
    { name: JSON2TS, cwd: scratch, args: [json2ts, '-i', schemas, '-o', join(scratch, 'gen-json2ts')] },
    { name: EDIT, cwd: all, args: [cli, 'generate'], before: edit },
    { name: ALONE, cwd: alone, args: [cli, 'generate', '--force', '--no-cache'] },
  ];
  let edits = 0;
  for (const c of commands) {
    c.before?.(edits++);
    cpuRun(c.args, c.cwd, scratch);
  }
  const times = Object.fromEntries(commands.map((c) => [c.name, { cpu: [], wall: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const c of commands) {
      c.before?.(edits++);
      const r = cpuRun(c.args, c.cwd, scratch);
      if (c.name === EDIT && !/^generated /.test(r.stdout.trim())) throw new Error(`the edited run did not regenerate: ${r.stdout}`);
      times[c.name].cpu.push(r.cpuMs);
      times[c.name].wall.push(r.wallMs);
    }
  }
  const paired = (a, b) => median(times[a].cpu.map((x, i) => x / times[b].cpu[i]));
  return {
    rounds,
    rows: commands.map((c) => ({ name: c.name, cpu: summary(times[c.name].cpu), wall: summary(times[c.name].wall) })),
    forceVsJson2ts: paired(FORCE, JSON2TS),
    forceNoCacheVsJson2ts: paired(FORCE_NO_CACHE, JSON2TS),
    forceDefaultTieringVsJson2ts: paired(FORCE_DEFAULT_TIERING, JSON2TS),
    editVsAlone: paired(EDIT, ALONE),
  };
}

export function generationGoals(g) {
  return [
    { text: 'issue 14: all 12 objects, generate --force ≤ 1.0× json2ts once over the 12 schemas (CPU)', measured: `${showRatio(g.forceVsJson2ts)} (without writing the object cache: ${showRatio(g.forceNoCacheVsJson2ts)}; with V8's default tiering: ${showRatio(g.forceDefaultTieringVsJson2ts)})`, met: g.forceVsJson2ts <= 1 },
    { text: 'issue 14: after editing one small page with the 12 configured, generate ≤ 1.5× generating that object alone (CPU)', measured: showRatio(g.editVsAlone), met: g.editVsAlone <= 1.5 },
  ];
}

export const HEADING = '## Generation of the 12 corpus objects: CPU, cache, incremental runs (issue 14)';

export function generationMarkdown(g) {
  const out = [HEADING, ''];
  out.push(
    `CPU time of each whole process (user + system, every thread: bench/cpu-report.mjs), ${g.rounds} rounds, round-robin, after one untimed run of each; each ratio is the median over the rounds of that round's ratio. \`generate --force\` regenerates every object and refreshes the object cache (it never reads it). The edited run changes one description of the Customer Session page (a new text each round) with the other 11 objects in the cache; "alone" is a project with that page only, generated from scratch.`,
    '',
  );
  out.push(table(['goal', 'measured', 'result'], generationGoals(g).map((x) => [x.text, x.measured, x.met ? 'met' : '**not met**'])), '');
  out.push(table(['command', 'CPU ms, median (min–max)', 'wall ms, median (min–max)'], g.rows.map((r) => [r.name, show(r.cpu, 'ms'), show(r.wall, 'ms')])), '');
  return out.join('\n');
}

/** Put the section into RESULTS.md in place of the one there (or at the end, before the notes). */
export function spliceSection(markdown, section) {
  const start = markdown.indexOf(HEADING);
  if (start >= 0) {
    const next = markdown.indexOf('\n## ', start + HEADING.length);
    return `${markdown.slice(0, start)}${section}\n${next >= 0 ? markdown.slice(next + 1) : ''}`;
  }
  const notes = markdown.indexOf('## Notes');
  return notes >= 0 ? `${markdown.slice(0, notes)}${section}\n${markdown.slice(notes)}` : `${markdown}\n${section}`;
}

async function main() {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, out: { type: 'string' } } });
  const scratch = mkdtempSync(join(tmpdir(), 'yuno-bench-gen-'));
  const m = machine();
  process.stderr.write(`bench: generation of the 12 objects (load ${m.load})\n`);
  try {
    const g = timeGeneration(scratch, corpusPages(), { rounds: values.rounds ? Number(values.rounds) : 5 });
    const file = values.out ?? join(repo, 'bench', 'RESULTS.md');
    const section = `${generationMarkdown(g)}\nThis section alone was measured by \`node bench/incremental.mjs\` (load average at start ${m.load}, ${m.cores} cores).\n`;
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = '# Benchmark results\n';
    }
    writeFileSync(file, spliceSection(text, section));
    for (const goal of generationGoals(g)) process.stdout.write(`${goal.met ? 'met' : 'not met'}: ${goal.text}: ${goal.measured}\n`);
    for (const r of g.rows) process.stdout.write(`${r.name}: cpu ${show(r.cpu, 'ms')}, wall ${show(r.wall, 'ms')}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
