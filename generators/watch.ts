/**
 * `yuno-codegen watch`: regenerate when a page, overrides file, schema, template or the config changes.
 * chokidar uses the OS's file events (no polling), so an idle watch costs no CPU. A burst of saves gives
 * one run; a run that fails keeps the last good out/ (the writer never writes after a failure) and the
 * next good save recovers. The config is reloaded on every run and the watched set follows it.
 */
import { resolve } from 'node:path';
import { locateConfig, loadPlan } from './config.js';
import { overridesPath, readInputs } from './fastpath.js';
import { runGenerate } from './cli/commands/generate.js';
import { problemsJson, red } from './cli/print.js';
import type { RunFlags } from './cli/run.js';
import { CodegenError, formatProblem } from './types.js';

/** Quiet time after the last event before a run starts: editors write a file in several steps. */
const DEBOUNCE_MS = 150;

function stamp(): string {
  const d = new Date();
  const two = (n: number): string => String(n).padStart(2, '0');
  return `[${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}]`;
}

/** Every file (and the templates directory) whose change should trigger a run. */
async function targets(flags: RunFlags, cwd: string): Promise<string[]> {
  const set = new Set<string>();
  const config = locateConfig(flags, cwd);
  if (config !== undefined) set.add(config);
  try {
    const plan = await loadPlan(flags, cwd);
    for (const page of plan.pages) {
      set.add(page.abs);
      set.add(overridesPath(page.abs));
    }
    // Page globs: the folders under them, where a new page triggers a run.
    for (const dir of plan.pageGlobDirs) set.add(dir);
    for (const schema of plan.schemas) set.add(schema.abs);
    // OpenAPI entries: the folders and glob bases (a new file there triggers a run) and the files found.
    for (const entry of plan.openapi) set.add(resolve(entry.base, entry.given.replace(/[*?[\]{}!].*$/s, '')));
    for (const file of readInputs(plan).openapiFiles) set.add(file);
    if (plan.templatesDir !== undefined) set.add(plan.templatesDir);
  } catch {
    // A broken config: watch the config alone until it is fixed.
  }
  return [...set].sort();
}

export async function watch(flags: RunFlags, cwd: string): Promise<number> {
  const { watch: chokidar } = await import('chokidar');
  const log = (line: string): void => {
    if (!flags.quiet || flags.json) process.stdout.write(`${line}\n`);
  };
  const fail = (line: string): void => void process.stderr.write(`${line}\n`);

  let watched = new Set(await targets(flags, cwd));
  const watcher = chokidar([...watched], { ignoreInitial: true, persistent: true });

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;

  const runOnce = async (): Promise<void> => {
    running = true;
    try {
      const outcome = await runGenerate(flags, cwd);
      log(flags.json ? JSON.stringify({ time: new Date().toISOString(), ...outcome.json }) : `${stamp()} ${outcome.summary}`);
    } catch (error) {
      if (flags.json) log(JSON.stringify({ time: new Date().toISOString(), command: 'generate', ok: false, problems: problemsJson(error) }));
      const problems = error instanceof CodegenError ? error.problems.map(formatProblem) : [error instanceof Error ? error.message : String(error)];
      for (const p of problems) fail(`${stamp()} ${red('error:')} ${p}`);
      if (flags.debug && error instanceof Error && error.stack) fail(error.stack);
      fail(`${stamp()} kept the last good output; fix the input and save again`);
    }
    // The config may name other files now.
    const next = new Set(await targets(flags, cwd));
    const added = [...next].filter((p) => !watched.has(p));
    const removed = [...watched].filter((p) => !next.has(p));
    if (added.length > 0) watcher.add(added);
    if (removed.length > 0) watcher.unwatch(removed);
    watched = next;
    running = false;
    if (again) {
      again = false;
      schedule();
    }
  };

  const schedule = (): void => {
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void runOnce();
    }, DEBOUNCE_MS);
  };

  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  await runOnce();
  // A canonical schema generate itself wrote beside a page, in a folder watched for a page glob, is no input.
  watcher.on('all', (_event, path) => {
    if (watched.has(path) || !path.endsWith('.schema.json')) schedule();
  });
  watcher.on('error', (error) => fail(`${stamp()} ${red('error:')} watching failed: ${error instanceof Error ? error.message : String(error)}`));
  if (!flags.json) log(`${stamp()} watching ${watched.size} paths for changes (Ctrl-C to stop)`);

  return new Promise<number>((resolve) => {
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      void watcher.close().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
