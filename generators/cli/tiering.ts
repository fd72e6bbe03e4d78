/**
 * V8's tiering for the CLI's process: a `yuno-codegen` run is a short batch job, and V8's defaults are made
 * for long-lived programs. By default V8 sends a function to its optimizing compiler (TurboFan, on background
 * threads) once the function has run about 66 KB of bytecode. In a run of a few seconds most of those
 * compiles never pay back: `generate --force` over the 12 corpus pages spent ~1.0 s of CPU on those threads
 * to save ~0.2 s on the main one (2.29 s of CPU in all, main thread 1.23 s; with no optimizing tier, main
 * thread 1.43 s; with the budget below 1.52 s in all, main thread 1.28 s: bench/FINDINGS.md, sixth round).
 * With sixteen times the budget, only the functions that stay hot (a run of hundreds of objects, `watch`) are
 * optimized. Measured per run in bench/RESULTS.md (the 12 objects with V8's default tiering beside ours).
 *
 * Only the CLI does this: the library runs in its caller's process, whose V8 settings are the caller's. A user
 * who sets a tiering flag on node's command line (`node --max-opt=1 node_modules/.bin/yuno-codegen`) keeps
 * theirs. (NODE_OPTIONS can carry only `--jitless` of them, and under it no compiler runs, so the budget set
 * here changes nothing; node refuses the others there.)
 */
import { setFlagsFromString } from 'node:v8';

/** How much bytecode a function runs before V8 considers optimizing it: 16 × V8's default (67,584). */
export const INTERRUPT_BUDGET = 16 * 67_584;

/**
 * The node flags by which a user chooses tiering: with any of them, the CLI sets nothing. Node 20's V8 names
 * its tiers `--sparkplug`, `--maglev` and `--turbofan` (`--opt` is the old name of the last).
 */
const TIERING_FLAGS = ['interrupt-budget', 'opt', 'turbofan', 'maglev', 'sparkplug', 'always-sparkplug', 'max-opt', 'jitless', 'always-turbofan', 'always-opt'];

/** `--no-opt`, `--max_opt=1`, `--interrupt-budget=5000` → `opt`, `max-opt`, `interrupt-budget`. */
function flagName(argument: string): string | undefined {
  if (!argument.startsWith('--')) return undefined;
  let name = argument.slice(2);
  const equals = name.indexOf('=');
  if (equals >= 0) name = name.slice(0, equals);
  name = name.replaceAll('_', '-');
  return name.startsWith('no-') ? name.slice(3) : name;
}

/** The V8 flag the CLI sets for this process, or undefined when node's own flags (`execArgv`) choose tiering. */
export function tieringFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((argument) => TIERING_FLAGS.includes(flagName(argument) ?? ''))) return undefined;
  return `--interrupt-budget=${INTERRUPT_BUDGET}`;
}

/** Set the flag for this process (before the CLI's modules load, so their functions start with it). */
export function applyTiering(execArgv: readonly string[]): void {
  const flag = tieringFlag(execArgv);
  if (flag) setFlagsFromString(flag);
}
