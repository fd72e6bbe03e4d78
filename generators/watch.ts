/**
 * `yuno-codegen watch`: regenerate when a page, overrides file, schema, template or the config changes.
 * chokidar uses the OS's file events (no polling), so an idle watch costs no CPU. A burst of saves gives
 * one run; a run that fails keeps the last good out/ (the writer never writes after a failure) and the
 * next good save recovers. The config is reloaded on every run and the watched set follows it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_NAME, displayPath, locateConfig, loadPlan } from './config.js';
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

/** What a run reads: single files (pages among them) and folders whose whole contents count. */
interface Targets {
  files: Set<string>;
  /** The pages the config names, to say when one is gone. */
  pages: string[];
  /** Folders watched with everything in them: page glob bases, OpenAPI folders, the templates. */
  trees: Set<string>;
  /** The output directory, as shown. */
  out: string;
}

/**
 * Every file and folder whose change should trigger a run. Files are watched through their folders
 * (below), so a page deleted and created again, or renamed away and back, is still followed by its path.
 */
async function targets(flags: RunFlags, cwd: string): Promise<Targets> {
  const files = new Set<string>();
  const trees = new Set<string>();
  const pages: string[] = [];
  let out = 'out/';
  const config = locateConfig(flags, cwd);
  if (config !== undefined) files.add(config);
  // A config created here after watch started is found at the next run.
  if (flags.config === undefined) files.add(join(cwd, CONFIG_NAME));
  try {
    const plan = await loadPlan(flags, cwd);
    out = `${displayPath(plan.outDir, cwd)}/`;
    for (const page of plan.pages) {
      files.add(page.abs);
      pages.push(page.abs);
      files.add(overridesPath(page.abs));
    }
    // Page globs: the folders under them, where a new page triggers a run.
    for (const dir of plan.pageGlobDirs) trees.add(dir);
    for (const schema of plan.schemas) files.add(schema.abs);
    // OpenAPI entries: the folders and glob bases (a new file there triggers a run) and the files found.
    for (const entry of plan.openapi) {
      const base = resolve(entry.base, entry.given.replace(/[*?[\]{}!].*$/s, ''));
      if (isDirectory(base)) trees.add(base);
      else files.add(base);
    }
    for (const file of readInputs(plan).openapiFiles) files.add(file);
    if (plan.templatesDir !== undefined) trees.add(plan.templatesDir);
  } catch {
    // A broken config: watch the config alone until it is fixed.
  }
  return { files, pages, trees, out };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function watch(flags: RunFlags, cwd: string): Promise<number> {
  const { watch: chokidar } = await import('chokidar');
  const log = (line: string): void => {
    if (!flags.quiet || flags.json) process.stdout.write(`${line}\n`);
  };
  const fail = (line: string): void => void process.stderr.write(`${line}\n`);

  let current = await targets(flags, cwd);
  // Files are watched through the folders that hold them: a watch on a file itself ends with that file
  // (its inode), so an editor's or git's delete-and-create would go unseen. Only the named files count.
  const parents = (t: Targets): Set<string> => new Set([...t.files].map((f) => dirname(f)));
  let folders = parents(current);
  const files = chokidar([...folders], {
    ignoreInitial: true,
    persistent: true,
    depth: 0,
    ignored: (path: string) => !folders.has(path) && !current.files.has(path),
  });
  const trees = chokidar([...current.trees], { ignoreInitial: true, persistent: true });

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  // Ctrl-C during a run stops the run (nothing written) before watch ends.
  let controller: AbortController | undefined;
  let idle: (() => void) | undefined;
  let stopping = false;
  const finished = (): void => {
    controller = undefined;
    idle?.();
  };

  const runOnce = async (): Promise<void> => {
    running = true;
    // The config may name other files now.
    const next = await targets(flags, cwd);
    const gone = next.pages.filter((p) => !existsSync(p));
    if (gone.length > 0) {
      for (const p of gone) log(`${stamp()} ${displayPath(p, cwd)} is gone (deleted or renamed); ${next.out} keeps the last good output until it is back`);
    } else if (!stopping) {
      try {
        controller = new AbortController();
        const outcome = await runGenerate(flags, cwd, controller.signal);
        log(flags.json ? JSON.stringify({ time: new Date().toISOString(), ...outcome.json }) : `${stamp()} ${outcome.summary}`);
      } catch (error) {
        if (controller?.signal.aborted) return finished();
        if (flags.json) log(JSON.stringify({ time: new Date().toISOString(), command: 'generate', ok: false, problems: problemsJson(error) }));
        const problems = error instanceof CodegenError ? error.problems.map(formatProblem) : [error instanceof Error ? error.message : String(error)];
        for (const p of problems) fail(`${stamp()} ${red('error:')} ${p}`);
        if (flags.debug && error instanceof Error && error.stack) fail(error.stack);
        fail(`${stamp()} kept the last good output; fix the input and save again`);
      }
    }
    if (stopping) return finished();
    follow(next);
    finished();
    running = false;
    if (again) {
      again = false;
      schedule();
    }
  };

  const follow = (next: Targets): void => {
    const nextFolders = parents(next);
    const addFolders = [...nextFolders].filter((p) => !folders.has(p));
    const dropFolders = [...folders].filter((p) => !nextFolders.has(p));
    const addTrees = [...next.trees].filter((p) => !current.trees.has(p));
    const dropTrees = [...current.trees].filter((p) => !next.trees.has(p));
    current = next;
    folders = nextFolders;
    if (addFolders.length > 0) files.add(addFolders);
    if (dropFolders.length > 0) files.unwatch(dropFolders);
    if (addTrees.length > 0) trees.add(addTrees);
    if (dropTrees.length > 0) trees.unwatch(dropTrees);
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

  // A watcher given no path never gets ready: there are always folders, not always trees.
  const ready = (w: typeof files): Promise<void> => new Promise<void>((resolve) => w.once('ready', () => resolve()));
  await Promise.all([ready(files), ...(current.trees.size > 0 ? [ready(trees)] : [])]);
  await runOnce();
  files.on('all', (_event, path) => {
    if (current.files.has(path)) schedule();
  });
  // A canonical schema generate itself wrote beside a page, in a folder watched for a page glob, is no input.
  trees.on('all', (_event, path) => {
    if (current.files.has(path) || !path.endsWith('.schema.json')) schedule();
  });
  for (const w of [files, trees]) {
    w.on('error', (error) => fail(`${stamp()} ${red('error:')} watching failed: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (!flags.json) log(`${stamp()} watching ${current.files.size + current.trees.size} paths for changes (Ctrl-C to stop)`);

  return new Promise<number>((resolve) => {
    const stop = (): void => {
      stopping = true;
      if (timer) clearTimeout(timer);
      const closed = (): void => void Promise.all([files.close(), trees.close()]).then(() => resolve(0));
      if (controller === undefined) return closed();
      idle = closed;
      controller.abort();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
