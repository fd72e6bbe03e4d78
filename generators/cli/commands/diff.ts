/** `yuno-codegen diff`: the committed canonical schemas against the pages as extracted now, classified. */
import type { RunFlags, RunOutcome } from '../run.js';
import { INPUT_OPTIONS } from '../args.js';
import type { Command } from '../command.js';
import { execute } from '../print.js';

export async function runDiffCommand(flags: RunFlags, cwd: string): Promise<RunOutcome> {
  const { runDiff } = await import('../../sources/commands.js');
  return { command: 'diff', ...(await runDiff(flags, cwd)) };
}

export const diff: Command = {
  usage: 'diff',
  describe: 'Classify every change between the committed canonical schemas and the pages as they are now, for the types and for the validators (breaking, additive, docs)',
  options: INPUT_OPTIONS,
  examples: [['$0 diff --json', 'The classified changes as JSON, with the semver step they call for']],
  run: (_args, flags, cwd) => execute(() => runDiffCommand(flags, cwd), flags, 'diff'),
};
