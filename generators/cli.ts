#!/usr/bin/env node
/**
 * The `yuno-codegen` command: flags → library call → files on disk, one summary line and an exit code
 * (0 ok, 1 problems in the inputs or stale output, 2 usage errors).
 *
 * Startup cost matters (prebuild hooks run this on every build), so this module imports only light
 * modules. The plain `generate` forms run without yargs (the no-op check loads nothing else either); the
 * library (index.js), yargs, AJV and the diff module are imported only when needed.
 */
import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  OUTPUT_KINDS,
  TARGETS,
  displayPath,
  loadPlan,
  locateConfig,
  parseJson,
  parseOnly,
  readConfigText,
  resolvePlan,
  trustedConfig,
  type InputFlags,
  type Plan,
  type TargetName,
} from './config.js';
import { isUpToDate, overridesPath, readInputs, toolVersion } from './fastpath.js';
import { OutputStage, checkOutputDir, writeFileAtomic, type BesideFile } from './write.js';
import { CodegenError, formatProblem, type GeneratedFile, type Problem, type SchemaDocument } from './types.js';

export interface RunFlags extends InputFlags {
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** The result of one command, printed as one line or, with `--json`, as JSON. */
export interface RunOutcome {
  command: 'generate' | 'check' | 'extract' | 'report';
  ok: boolean;
  exitCode: 0 | 1 | 2;
  /** The summary line (also the line watch prints per run). */
  summary: string;
  json: Record<string, unknown>;
}

const env = process.env;
const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
const paint = (stream: NodeJS.WriteStream, code: string, text: string): string =>
  stream.isTTY && !noColor ? `\u001b[${code}m${text}\u001b[0m` : text;
export const red = (text: string): string => paint(process.stderr, '31', text);
export const green = (text: string): string => paint(process.stdout, '32', text);
const dim = (text: string): string => paint(process.stdout, '2', text);

function showOut(plan: Plan): string {
  return `${displayPath(plan.outDir, plan.cwd)}/`;
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type Library = typeof import('./index.js');
let library: Library | undefined;
async function loadLibrary(): Promise<Library> {
  library ??= await import('./index.js');
  return library;
}

/** A slug becomes a file name; it must not be able to leave the directory it is written to. */
function safeSlug(doc: SchemaDocument): Problem | undefined {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(doc.slug) && !doc.slug.includes('..')) return undefined;
  return {
    file: doc.source,
    at: '/title',
    rule: 'output-path',
    message: `object file name "${doc.slug}" would escape the output directory; give the object a plain title`,
  };
}

/** The canonical schema text, as `extract` prints it and as it is committed beside a page. */
export function schemaText(doc: SchemaDocument): string {
  return `${JSON.stringify(doc.schema, null, 2)}\n`;
}

/** Canonical schemas to keep beside their pages (pages listed in a config with writeSchemas on). */
function besideFiles(plan: Plan, schemas: SchemaDocument[]): (BesideFile & { page: string })[] {
  const problems: Problem[] = [];
  const files: (BesideFile & { page: string })[] = [];
  for (const page of plan.pages) {
    if (!page.besideSchema) continue;
    const doc = schemas.find((s) => s.source === page.rel);
    if (!doc) continue;
    const bad = safeSlug(doc);
    if (bad) problems.push(bad);
    else files.push({ page: displayPath(page.abs, plan.cwd), path: join(dirname(page.abs), `${doc.slug}.schema.json`), contents: schemaText(doc) });
  }
  if (problems.length > 0) throw new CodegenError(problems);
  return files;
}

/** The library's options for a plan. */
function libraryOptions(plan: Plan, inputs: ReturnType<typeof readInputs>): Parameters<Library['generate']>[0] {
  const options: Parameters<Library['generate']>[0] = {
    pages: inputs.pages,
    openapi: inputs.openapi,
    schemas: inputs.schemas,
    templates: inputs.templates,
    target: plan.target,
    only: plan.only,
  };
  if (plan.packageName !== undefined) options.packageName = plan.packageName;
  if (plan.packageVersion !== undefined) options.packageVersion = plan.packageVersion;
  return options;
}

/**
 * Run the library over a plan, handing each file to `onFile` as it is generated. Keeps only the object
 * names and the schemas written beside their pages; the library lets go of the others as it goes.
 */
async function streamLibrary(plan: Plan, onFile: (file: GeneratedFile) => void) {
  const inputs = readInputs(plan);
  const lib = await loadLibrary();
  const names: string[] = [];
  const matched: Record<string, string[]> = {};
  const besidePages = new Set(plan.pages.filter((p) => p.besideSchema).map((p) => p.rel));
  const kept: SchemaDocument[] = [];
  await rebased(plan, inputs, () =>
    lib.generateEach(libraryOptions(plan, inputs), {
      schema: (doc) => {
        names.push(doc.name);
        if (doc.evidence) matched[doc.name] = doc.evidence.operations;
        if (besidePages.has(doc.source)) kept.push(doc);
      },
      file: onFile,
    }),
  );
  return { inputs, names, matched, beside: besideFiles(plan, kept) };
}

/**
 * The library names each input as the config or flag gave it (relative to the config file, or to the
 * working directory): that name is in the generated banners and must not depend on where the command
 * runs. Messages show every path from the working directory, so problems are renamed on the way out.
 */
function inputNames(plan: Plan, inputs?: ReturnType<typeof readInputs>): Map<string, string> {
  const names = new Map<string, string>();
  const show = (abs: string): string => displayPath(abs, plan.cwd);
  for (const page of plan.pages) {
    names.set(page.rel, show(page.abs));
    names.set(overridesPath(page.rel), show(overridesPath(page.abs)));
  }
  for (const schema of plan.schemas) names.set(schema.rel, show(schema.abs));
  inputs?.openapi.forEach((api, i) => {
    const abs = inputs.openapiFiles[i];
    if (abs !== undefined) names.set(api.path, show(abs));
  });
  return names;
}

async function rebased<T>(plan: Plan, inputs: ReturnType<typeof readInputs> | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof CodegenError)) throw error;
    const names = inputNames(plan, inputs);
    const renamed = new CodegenError(error.problems.map((p) => ({ ...p, file: names.get(p.file) ?? p.file })));
    if (error.stack) renamed.stack = error.stack;
    throw renamed;
  }
}

/**
 * The no-op check without yargs, AJV or the library: the config is read but not validated, which is
 * safe because its exact text is part of the fingerprint a validated run recorded.
 */
export function quickUpToDate(flags: InputFlags, cwd: string): Plan | undefined {
  try {
    const path = locateConfig(flags, cwd);
    let plan: Plan;
    if (path === undefined) plan = resolvePlan(flags, cwd);
    else {
      const text = readConfigText(path, cwd);
      const value = trustedConfig(parseJson(text, path));
      if (!value) return undefined;
      plan = resolvePlan(flags, cwd, { path, text, value });
    }
    return isUpToDate(plan.outDir, readInputs(plan).hash) ? plan : undefined;
  } catch {
    return undefined;
  }
}

export async function runGenerate(flags: RunFlags, cwd: string): Promise<RunOutcome> {
  const start = performance.now();
  if (!flags.force) {
    const plan = quickUpToDate(flags, cwd);
    if (plan) return upToDate(plan, start);
  }
  const plan = await loadPlan(flags, cwd);
  const show = (abs: string): string => displayPath(abs, cwd);
  // Each file goes to the staging directory as soon as it is generated: memory stays flat in the number
  // of objects, and out/ is swapped in only once everything is there.
  const stage = OutputStage.open(plan.outDir, show);
  // Ctrl-C or a kill mid-run: drop the hidden staging directory (it can be hundreds of MB), then die of the
  // signal as usual. Not under watch, which has its own handlers and stops after the run.
  const signals = (['SIGINT', 'SIGTERM'] as const).filter((s) => process.listenerCount(s) === 0);
  const onSignal = (signal: NodeJS.Signals): void => {
    stage.abort();
    for (const s of signals) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  let names: string[] = [];
  let matched: Record<string, string[]> = {};
  let written;
  try {
    for (const s of signals) process.on(s, onSignal);
    const run = await streamLibrary(plan, (file) => stage.add(file));
    names = run.names;
    matched = run.matched;
    written = stage.finish(run.inputs.hash, run.beside);
  } finally {
    stage.abort();
    for (const s of signals) process.removeListener(s, onSignal);
  }
  const files = stage.count;
  const ms = elapsed(start);
  // Every path in the JSON is shown from the working directory, as in the messages.
  const inOut = (p: string): string => show(join(plan.outDir, p));
  const json = {
    command: 'generate',
    ok: true,
    status: written.changed ? 'generated' : 'unchanged',
    out: displayPath(plan.outDir, cwd),
    files,
    written: [...written.written.map(inOut), ...written.besideWritten.map(show)],
    removed: written.removed.map(inOut),
    schemas: names,
    ...(Object.keys(matched).length > 0 ? { operations: matched } : {}),
    ...(plan.embedded ? { embedded: true } : {}),
    ms,
  };
  const counts = [
    `${written.written.length} written`,
    `${files - written.written.length} unchanged`,
    ...(written.removed.length > 0 ? [`${written.removed.length} removed`] : []),
  ];
  const beside = written.besideWritten.length;
  const besideText = beside === 0 ? '' : beside === 1 ? ' and 1 schema beside its page' : ` and ${beside} schemas beside their pages`;
  const summary = written.changed
    ? `generated ${plural(files, 'file')} (${counts.join(', ')})${besideText} in ${ms} ms${plan.embedded ? ` from ${EMBEDDED}` : ''}`
    : `${showOut(plan)} is up to date (regenerated ${plural(files, 'file')} in ${ms} ms, nothing changed)${plan.embedded ? ` with ${EMBEDDED}` : ''}`;
  return { command: 'generate', ok: true, exitCode: 0, summary, json };
}

/** Said on every run that generates from the embedded page because there is no config. */
const EMBEDDED =
  'the embedded Customer Session example (no yuno-codegen.config.json here or in a parent directory; create one to generate your own pages)';

function upToDate(plan: Plan, start: number): RunOutcome {
  const json = {
    command: 'generate',
    ok: true,
    status: 'up-to-date',
    out: displayPath(plan.outDir, plan.cwd),
    ...(plan.embedded ? { embedded: true } : {}),
    ms: elapsed(start),
  };
  return { command: 'generate', ok: true, exitCode: 0, summary: `${showOut(plan)} is up to date${plan.embedded ? ` with ${EMBEDDED}` : ''}`, json };
}

export async function runCheck(flags: RunFlags, cwd: string): Promise<RunOutcome> {
  const start = performance.now();
  const plan = await loadPlan(flags, cwd);
  const { openComparison, compareSchemas } = await import('./drift.js');
  const shownOut = displayPath(plan.outDir, cwd);
  // Compared as they are generated, so `check` holds no more of the output than `generate` does.
  const comparison = await openComparison(plan.outDir, shownOut);
  const { beside } = await streamLibrary(plan, (file) => comparison.add(file));
  // Paths shown from the working directory, in the lines and in the JSON alike.
  const files = comparison.finish().map((f) => ({ ...f, path: displayPath(join(plan.outDir, f.path), cwd) }));
  const schemas = await compareSchemas(
    beside.map((b) => ({ page: b.page, schema: displayPath(b.path, cwd), abs: b.path, contents: b.contents })),
  );
  const ok = files.length === 0 && schemas.length === 0;
  const lines: string[] = [];
  const formatter = (what: string): string => `differs only in formatting: a formatter rewrote it; add ${what} to .prettierignore`;
  for (const f of files) {
    if (f.formattingOnly) {
      // The diff of a reformatted file is all noise; --json still has it.
      lines.push(`${f.kind}: ${f.path} ${formatter(`${shownOut}/`)}`);
      continue;
    }
    const what = f.kind === 'stale' ? 'differs from what generate writes' : f.kind === 'missing' ? 'is missing' : 'is no longer generated';
    lines.push(`${f.kind}: ${f.path} ${what}`);
    if (f.diff) lines.push(f.diff);
  }
  for (const s of schemas) {
    if (s.formattingOnly) {
      lines.push(`reformatted: ${s.schema} ${formatter('it')}`);
      continue;
    }
    lines.push(`page changed: ${s.page} no longer matches ${s.schema}${s.missing ? ' (the schema file is missing)' : ''}`);
    if (s.diff) lines.push(s.diff);
  }
  const reformatted = files.filter((f) => f.formattingOnly).length;
  const reformattedSchemas = schemas.filter((f) => f.formattingOnly).length;
  const pagesChanged = schemas.length - reformattedSchemas;
  const counts = [
    files.length > 0
      ? `${plural(files.length, 'output file')} out of date${
          reformatted > 0 ? ` (${reformatted === files.length ? 'all' : reformatted} only in formatting: add ${shownOut}/ to .prettierignore)` : ''
        }`
      : '',
    pagesChanged > 0 ? plural(pagesChanged, 'page') + ' changed' : '',
    reformattedSchemas > 0 ? `${plural(reformattedSchemas, 'canonical schema')} reformatted (add ${reformattedSchemas === 1 ? 'it' : 'them'} to .prettierignore)` : '',
  ].filter(Boolean);
  const summary = ok
    ? `${shownOut}/ is up to date (checked ${plural(comparison.count, 'file')} in ${elapsed(start)} ms)`
    : `${lines.join('\n')}\ncheck failed: ${counts.join(', ')}; run yuno-codegen generate`;
  return {
    command: 'check',
    ok,
    exitCode: ok ? 0 : 1,
    summary,
    json: { command: 'check', ok, out: shownOut, files, schemas, ms: elapsed(start) },
  };
}

export async function runExtract(pages: string[], outDir: string | undefined, cwd: string): Promise<RunOutcome> {
  const start = performance.now();
  const plan = resolvePlan({ page: pages }, cwd);
  if (outDir === undefined && plan.pages.length > 1) {
    // A glob that matched several pages (several named pages are refused before this, as a usage error).
    const summary = `extract prints one page; ${pages.join(' ')} matches ${plan.pages.length} pages; give --out-dir DIR to extract them all`;
    return { command: 'extract', ok: false, exitCode: 2, summary, json: { command: 'extract', ok: false, problems: [] } };
  }
  const inputs = readInputs(plan);
  const names = inputNames(plan);
  // The extraction half alone: `extract` loads no emitter.
  const lib = await import('./extract.js');
  const problems: Problem[] = [];
  const docs: SchemaDocument[] = [];
  for (const page of inputs.pages) {
    try {
      const doc = await lib.extract(page);
      const bad = safeSlug(doc);
      if (bad) problems.push(bad);
      docs.push(doc);
    } catch (error) {
      if (error instanceof CodegenError) problems.push(...error.problems.map((p) => ({ ...p, file: names.get(p.file) ?? p.file })));
      else throw error;
    }
  }
  if (problems.length > 0) throw new CodegenError(problems);
  if (outDir === undefined) {
    const doc = docs[0] as SchemaDocument;
    return { command: 'extract', ok: true, exitCode: 0, summary: schemaText(doc), json: { command: 'extract', ok: true, schema: doc.schema } };
  }
  const dir = resolve(cwd, outDir);
  const show = (abs: string): string => displayPath(abs, cwd);
  checkOutputDir(dir, show);
  const written = docs.map((doc) => {
    const path = join(dir, `${doc.slug}.schema.json`);
    writeFileAtomic(path, schemaText(doc), show);
    return show(path);
  });
  const summary = `extracted ${plural(docs.length, 'schema')} into ${show(dir)}/ in ${elapsed(start)} ms`;
  return { command: 'extract', ok: true, exitCode: 0, summary, json: { command: 'extract', ok: true, written } };
}

/** Extract and reconcile the plan's pages (no emitter) and list every disagreement between page and API. */
export async function runReport(flags: RunFlags, cwd: string): Promise<RunOutcome> {
  const plan = await loadPlan(flags, cwd);
  const inputs = readInputs(plan);
  const [{ extractAll }, { reportOf, formatReport }, { RECONCILE_RULES }] = await Promise.all([
    import('./extract.js'),
    import('./report.js'),
    import('./reconcile/reconcile.js'),
  ]);
  const names = inputNames(plan, inputs);
  const reports = reportOf(await rebased(plan, inputs, () => extractAll(inputs.pages, inputs.openapi))).map((r) => ({
    ...r,
    source: names.get(r.source) ?? r.source,
  }));
  return {
    command: 'report',
    ok: true,
    exitCode: 0,
    summary: formatReport(reports, Object.keys(RECONCILE_RULES)),
    json: { command: 'report', ok: true, objects: reports },
  };
}

/** Print problems on stderr, one per line, without a stack trace unless --debug. */
export function reportError(error: unknown, debug: boolean | undefined): 1 {
  if (error instanceof CodegenError || (error instanceof Error && error.name === 'CodegenError' && 'problems' in error)) {
    for (const p of (error as CodegenError).problems) process.stderr.write(`${red('error:')} ${formatProblem(p)}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${red('error:')} ${message}\n`);
  process.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'run again with --debug to see the stack trace\n');
  return 1;
}

export function problemsJson(error: unknown): Problem[] {
  if (error instanceof CodegenError) return error.problems;
  return [{ file: '', at: '', rule: 'internal', message: error instanceof Error ? error.message : String(error) }];
}

function print(outcome: RunOutcome, flags: RunFlags): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(outcome.json)}\n`);
    if (!outcome.ok && outcome.command === 'check') process.stderr.write(`${outcome.summary.split('\n').pop()}\n`);
    return;
  }
  if (outcome.command === 'extract' && outcome.summary.startsWith('{')) {
    process.stdout.write(outcome.summary);
    return;
  }
  if (!outcome.ok) {
    const lines = outcome.summary.split('\n');
    const last = lines.pop() ?? '';
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    process.stderr.write(`${red('error:')} ${last}\n`);
    return;
  }
  if (outcome.command === 'report') {
    if (!flags.quiet) process.stdout.write(`${outcome.summary}\n`);
    return;
  }
  if (!flags.quiet) process.stdout.write(`${outcome.summary.includes('up to date') ? dim(outcome.summary) : green(outcome.summary)}\n`);
}

async function execute(run: () => Promise<RunOutcome>, flags: RunFlags, what: string): Promise<number> {
  try {
    const outcome = await run();
    print(outcome, flags);
    return outcome.exitCode;
  } catch (error) {
    if (flags.json) process.stdout.write(`${JSON.stringify({ command: what, ok: false, problems: problemsJson(error) })}\n`);
    const code = reportError(error, flags.debug);
    const partial = error instanceof CodegenError && error.problems.some((p) => p.rule === 'write-beside');
    if (what === 'generate' && error instanceof CodegenError && !partial) process.stderr.write('nothing was written\n');
    return code;
  }
}

/**
 * Recognise the common `yuno-codegen [generate] [--config F] [--out D] [--page P]… [--force] [--quiet]`
 * forms without yargs (~100 ms to load). Anything else, including every malformed form, returns
 * undefined and goes through yargs, which owns the usage errors and --help.
 */
export function quickArgs(argv: string[]): RunFlags | undefined {
  const flags: RunFlags = {};
  let i = 0;
  if (argv[0] === 'generate') i = 1;
  const valued = new Set(['config', 'out', 'page', 'schema', 'openapi', 'templates', 'target', 'only']);
  const booleans = new Set(['force', 'json', 'quiet', 'debug']);
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    const m = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    if (!m) return undefined;
    const name = m[1] as string;
    if (booleans.has(name) && m[2] === undefined) {
      (flags as Record<string, unknown>)[name] = true;
      continue;
    }
    if (!valued.has(name)) return undefined;
    let value = m[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
    }
    if (value === '') return undefined;
    if (name === 'page' || name === 'schema' || name === 'openapi') (flags[name] ??= []).push(value);
    else if (name === 'target') {
      if (!(TARGETS as readonly string[]).includes(value)) return undefined;
      flags.target = value as TargetName;
    } else if (name === 'only') {
      const only = parseOnly(value);
      if (!only) return undefined;
      flags.only = only;
    } else if (flags[name as 'config' | 'out' | 'templates'] !== undefined) return undefined;
    else flags[name as 'config' | 'out' | 'templates'] = value;
  }
  return flags;
}

/** Options every command takes. */
const GLOBAL_OPTIONS = ['json', 'quiet', 'debug', 'help', 'version'];

/**
 * What to add to yargs' "Unknown argument(s): a, b" for a near miss: the command or option meant
 * (`; did you mean --out?`), or the command an option belongs to. Empty when nothing is close.
 */
export function didYouMean(usage: string, argv: string[], options: Record<string, string[]>): string {
  const m = /^Unknown arguments?: (.+)$/.exec(usage);
  if (!m) return '';
  // yargs also lists the camelCase form of a dashed name (`out-dr, outDr`): one word, one hint.
  const listed = (m[1] as string).split(', ');
  const camel = (w: string): string => w.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const unknown = listed.filter((w) => !listed.some((other) => other !== w && other.includes('-') && camel(other) === w));
  const commands = Object.keys(options);
  // The command given: the first argument that is one (yargs runs generate, the default, otherwise).
  const command = argv.find((a) => commands.includes(a)) ?? 'generate';
  const known = [...(options[command] ?? []), ...GLOBAL_OPTIONS];
  const meant: { word: string; guess: string }[] = [];
  const notes: string[] = [];
  for (const word of unknown) {
    // Given as a word, not as --word: a mistyped command.
    if (argv.includes(word)) {
      const close = closest(word, commands);
      if (close !== undefined) meant.push({ word, guess: close });
      continue;
    }
    const owner = commands.find((c) => c !== command && options[c]?.includes(word));
    if (owner !== undefined && !known.includes(word)) {
      notes.push(`--${word} is an option of ${owner}, not ${command}`);
      continue;
    }
    const close = closest(word, known);
    if (close !== undefined) meant.push({ word, guess: `--${close}` });
  }
  const guesses =
    meant.length === 0
      ? []
      : unknown.length === 1
        ? [`did you mean ${meant.map((m) => m.guess).join('')}?`]
        : [`did you mean ${meant.map((m) => `${m.guess} for ${m.word}`).join(', ')}?`];
  return [...guesses, ...notes].map((hint) => `; ${hint}`).join('');
}

/** The candidate nearest to `word` (optimal string alignment distance), if it is near enough to be a typo. */
function closest(word: string, candidates: string[]): string | undefined {
  const limit = word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit (`otu` → `out`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const up = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

function toArray(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}

async function main(argv: string[]): Promise<number> {
  const cwd = process.cwd();
  // The plain generate forms (every prebuild hook, `--force` included) need nothing yargs adds.
  const quick = quickArgs(argv);
  if (quick) return execute(() => runGenerate(quick, cwd), quick, 'generate');

  const { default: yargs } = await import('yargs');
  let chosen: { command: string; args: Record<string, unknown> } | undefined;
  let usage: string | undefined;
  const inputOptions = {
    config: { type: 'string', describe: 'Config file, relative to the working directory (default: yuno-codegen.config.json here or in a parent directory)', requiresArg: true },
    out: { type: 'string', describe: 'Output directory, relative to the working directory (default: the config\'s "out", relative to the config file, else out)', requiresArg: true },
    page: { type: 'string', describe: 'Doc page (.md or .mdx) or a glob of them, relative to the working directory; repeatable; replaces the config\'s inputs', requiresArg: true },
    schema: { type: 'string', describe: 'JSON Schema file to generate from, relative to the working directory; repeatable; replaces the config\'s inputs', requiresArg: true },
    openapi: { type: 'string', describe: 'Yuno OpenAPI file, folder or glob whose 2xx examples the pages are reconciled with, relative to the working directory; repeatable; replaces the config\'s "openapi"', requiresArg: true },
    templates: { type: 'string', describe: 'Directory of templates that replace the built-in ones by file name, relative to the working directory', requiresArg: true },
    target: { choices: TARGETS, describe: 'package: a publishable npm package; ts: TypeScript sources for your compiler' },
    only: {
      type: 'string',
      describe: `Outputs to generate, comma-separated: ${OUTPUT_KINDS.join(',')}`,
      requiresArg: true,
      coerce: (value: unknown) => {
        const text = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
        const only = parseOnly(text);
        if (!only) throw new Error(`--only "${text}": choose one or more of ${OUTPUT_KINDS.join(', ')}, comma-separated`);
        return only;
      },
    },
  } as const;
  const parser = yargs(argv)
    .scriptName('yuno-codegen')
    .usage('$0 [command] [options]\n\nGenerate TypeScript types, self-contained validators and docs from Yuno API object doc pages.')
    .command(['generate', '$0'], 'Extract the pages and write the output directory (the default command)', (y) =>
      y.options({ ...inputOptions, force: { type: 'boolean', describe: 'Regenerate even when nothing changed' } }),
      (args) => void (chosen = { command: 'generate', args }),
    )
    .command('check', 'Exit 1 if the output or a page\'s canonical schema is out of date; writes nothing', (y) => y.options(inputOptions),
      (args) => void (chosen = { command: 'check', args }),
    )
    .command('watch', 'Regenerate whenever a page, overrides file, schema, template or the config changes', (y) =>
      y.options(inputOptions),
      (args) => void (chosen = { command: 'watch', args }),
    )
    .command('report', 'List every disagreement between the pages, their examples and the API\'s examples, by object and rule', (y) =>
      y.options(inputOptions),
      (args) => void (chosen = { command: 'report', args }),
    )
    .command('extract <pages..>', 'Print the canonical JSON Schema of a page, or write DIR/<slug>.schema.json per page', (y) =>
      y
        .positional('pages', { type: 'string', array: true, describe: 'Doc pages (.md or .mdx)' })
        .option('out-dir', { type: 'string', describe: 'Write <slug>.schema.json files here instead of printing', requiresArg: true }),
      (args) => void (chosen = { command: 'extract', args }),
    )
    .options({
      json: { type: 'boolean', describe: 'Print a machine-readable result on stdout' },
      quiet: { type: 'boolean', describe: 'Print nothing but errors' },
      debug: { type: 'boolean', describe: 'Show stack traces of unexpected errors' },
    })
    .example('$0', 'Generate out/ from yuno-codegen.config.json (or from the embedded Customer Session page)')
    .example('$0 check', 'In CI: fail if out/ or a committed schema is stale')
    .example('$0 --page docs/the-payment-object.md --target ts --out src/yuno', 'TypeScript sources for your app')
    .example('$0 extract schema/the-customer-session-object.md', 'Print a page\'s canonical JSON Schema')
    .example('$0 watch', 'Regenerate on every save')
    .example('$0 report --openapi docs/yuno-openapi', 'Where the pages and the API disagree, and what the schemas now say')
    .epilogue(
      'Paths given as flags are relative to the working directory; paths in the config file are relative to that file.\n' +
        'Exit codes: 0 success, 1 problems in the inputs or stale output, 2 usage errors.',
    )
    .strict()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(null)
    .showHelpOnFail(false)
    .fail((message, error) => {
      usage = message ?? error?.message ?? 'invalid command line';
    })
    .exitProcess(false);
  await parser.parseAsync();
  if (usage !== undefined) {
    const options: Record<string, string[]> = {
      generate: [...Object.keys(inputOptions), 'force'],
      check: Object.keys(inputOptions),
      watch: Object.keys(inputOptions),
      report: Object.keys(inputOptions),
      extract: ['out-dir'],
    };
    process.stderr.write(`${red('error:')} ${usage}${didYouMean(usage, argv, options)}\nRun "yuno-codegen --help" for the commands and options.\n`);
    return 2;
  }
  if (!chosen) return 0; // --help or --version was printed
  const a = chosen.args;
  const flags: RunFlags = {
    force: a['force'] === true,
    json: a['json'] === true,
    quiet: a['quiet'] === true,
    debug: a['debug'] === true,
  };
  for (const key of ['config', 'out', 'templates'] as const) {
    const v = toArray(a[key]);
    if (v && v.length > 1) {
      process.stderr.write(`${red('error:')} --${key} was given ${v.length} times; give it once\n`);
      return 2;
    }
    if (v?.[0] !== undefined) flags[key] = v[0];
  }
  const page = toArray(a['page']);
  const schema = toArray(a['schema']);
  const openapi = toArray(a['openapi']);
  if (page) flags.page = page;
  if (schema) flags.schema = schema;
  if (openapi) flags.openapi = openapi;
  if (a['target'] !== undefined) flags.target = a['target'] as TargetName;
  if (a['only'] !== undefined) flags.only = a['only'] as NonNullable<RunFlags['only']>;

  switch (chosen.command) {
    case 'check':
      return execute(() => runCheck(flags, cwd), flags, 'check');
    case 'report':
      return execute(() => runReport(flags, cwd), flags, 'report');
    case 'watch': {
      const { watch } = await import('./watch.js');
      return watch(flags, cwd);
    }
    case 'extract': {
      const pages = toArray(a['pages']) ?? [];
      const outDir = toArray(a['out-dir'] ?? a['outDir'])?.[0];
      if (outDir === undefined && pages.length > 1) {
        process.stderr.write(`${red('error:')} extract prints one page; give --out-dir DIR to extract ${pages.length} pages\n`);
        return 2;
      }
      return execute(() => runExtract(pages, outDir, cwd), flags, 'extract');
    }
    default:
      return execute(() => runGenerate(flags, cwd), flags, 'generate');
  }
}

/** Run only as the program, not when a test or watch.ts imports this module. */
function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isEntry()) main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, process.argv.includes('--debug'));
  },
);
