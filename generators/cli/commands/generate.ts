/** `yuno-codegen generate` (the default command): extract the pages and write the output directory. */
import { dirname, join } from 'node:path';
import { displayPath, loadPlan, locateConfig, parseJson, readConfigText, resolvePlan, trustedConfig, type InputFlags, type Plan } from '../../config.js';
import { isUpToDate, readInputs, regularInputs } from '../../fastpath.js';
import { DEFAULTS } from '../../options.js';
import { OutputStage } from '../../write.js';
import { elapsed, plural, showOut, streamLibrary, type RunFlags, type RunOutcome } from '../run.js';
import { INPUT_OPTIONS } from '../args.js';
import type { Command } from '../command.js';
import { execute } from '../print.js';
import { formatProblem, type Problem } from '../../types.js';

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
    // A page read from a pipe (--page /dev/stdin) can be read only once: the run must read it, not this check.
    if (!regularInputs(plan)) return undefined;
    return isUpToDate(plan.outDir, readInputs(plan).hash) ? plan : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `stop`: watch's Ctrl-C, which has its own handlers: an aborted run ends at the next file or before the
 * swap, having written nothing (throws the signal's reason).
 */
export async function runGenerate(flags: RunFlags, cwd: string, stop?: AbortSignal): Promise<RunOutcome> {
  const start = performance.now();
  if (!flags.force && !flags.bump) {
    const plan = quickUpToDate(flags, cwd);
    if (plan) return upToDate(plan, start);
  }
  if (flags.bump) return runBumped(flags, cwd, stop);
  return generatePlan(await loadPlan(flags, cwd), start, flags, stop);
}

/**
 * `generate --bump`: classify the changes against the committed schemas, write the new packageVersion and
 * the changelog entry, then generate; if generating fails, the config and changelog are put back.
 */
async function runBumped(flags: RunFlags, cwd: string, stop?: AbortSignal): Promise<RunOutcome> {
  const start = performance.now();
  const first = await loadPlan(flags, cwd);
  const [{ committedChanges }, { planBump, applyBump }] = await Promise.all([import('../../diff/committed.js'), import('../../version/bump.js')]);
  const changes = (await committedChanges(first)).flatMap((o) => o.changes);
  const next = planBump(first, changes);
  if (!next) {
    const outcome = await generatePlan(first, start, flags, stop);
    return { ...outcome, summary: `no changes against the committed schemas: the version stays ${first.packageVersion ?? DEFAULTS.packageVersion}; ${outcome.summary}`, json: { ...outcome.json, bump: null } };
  }
  const undo = applyBump(first, next);
  let outcome: RunOutcome;
  try {
    outcome = await generatePlan(await loadPlan(flags, cwd), start, flags, stop);
  } catch (error) {
    undo();
    throw error;
  }
  const changelog = displayPath(first.changelogPath, cwd);
  return {
    ...outcome,
    summary: `${next.bump} version: ${next.from} → ${next.to} (${plural(changes.length, 'classified change')} in ${changelog}); ${outcome.summary}`,
    json: { ...outcome.json, bump: next.bump, version: next.to, previousVersion: next.from, changelog },
  };
}

async function generatePlan(plan: Plan, start: number, flags: RunFlags, stop?: AbortSignal): Promise<RunOutcome> {
  const cwd = plan.cwd;
  const show = (abs: string): string => displayPath(abs, cwd);
  // Each file goes to the staging directory as soon as it is generated: memory stays flat in the number
  // of objects, and out/ is swapped in only once everything is there. One run at a time writes an out/.
  const stage = OutputStage.open(plan.outDir, show, {
    protect: [cwd, ...(plan.config ? [dirname(plan.config.path)] : [])],
    onLockWait: (pid) => {
      if (!flags.quiet) process.stderr.write(`waiting for another yuno-codegen run (pid ${pid}) to finish writing ${showOut(plan)}\n`);
    },
  });
  // Ctrl-C or a kill mid-run: drop the hidden staging directory (it can be hundreds of MB), then die of the
  // signal as usual. Not under watch, which has its own handlers and stops after the run.
  const signals = (['SIGINT', 'SIGTERM'] as const).filter((s) => process.listenerCount(s) === 0);
  const onSignal = (signal: NodeJS.Signals): void => {
    stage.abort();
    for (const s of signals) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  // A signal reaches its handler only when the event loop turns, which a run in this thread (fewer than eight
  // objects) does not do by itself: turn it after every file and before the swap, so a signal stops the run
  // before anything is written. One that comes during the swap ends the process right after it.
  const delivered = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let names: string[] = [];
  let warnings: Problem[] = [];
  let matched: Record<string, string[]> = {};
  let written;
  try {
    for (const s of signals) process.on(s, onSignal);
    const run = await streamLibrary(
      plan,
      async (file) => {
        stage.add(file);
        await delivered();
        stop?.throwIfAborted();
      },
      { force: flags.force === true },
    );
    names = run.names;
    warnings = run.warnings;
    matched = run.matched;
    await delivered();
    stop?.throwIfAborted();
    written = stage.finish(run.inputs.hash, run.beside);
    await delivered();
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
    ...(warnings.length > 0 ? { warnings } : {}),
    ms,
  };
  // Catastrophic-backtracking patterns (rule "patterns"): said, not fatal; on stderr, so --json stays clean.
  if (!flags.quiet) for (const w of warnings) process.stderr.write(`warning: ${formatProblem(w)}\n`);
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

export const generate: Command = {
  usage: 'generate',
  aliases: ['$0'],
  describe: 'Extract the pages and write the output directory (the default command)',
  options: {
    ...INPUT_OPTIONS,
    force: { type: 'boolean', describe: 'Regenerate every object even when nothing changed (the object cache is refreshed, not read)' },
    bump: {
      type: 'boolean',
      describe: 'Set the config\'s packageVersion from the changes against the committed schemas (major if anything breaks the types or the validators, minor if additive, patch if docs only) and add a changelog entry',
    },
  },
  examples: [
    ['$0', 'Generate out/ from yuno-codegen.config.json (or from the embedded Customer Session page)'],
    ['$0 --page docs/the-payment-object.md --target ts --out src/yuno', 'TypeScript sources for your app'],
    ['$0 --bump', 'After a pull: a new version from the classified changes, with its changelog entry'],
  ],
  run: (args, flags, cwd) => execute(() => runGenerate({ ...flags, bump: args['bump'] === true }, cwd), flags, 'generate'),
};
