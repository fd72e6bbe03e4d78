/** `yuno-codegen pull`: fetch the config's URL sources, pin them with the lock, print the classified changes. */
import type { RunFlags, RunOutcome } from '../run.js';
import type { Command } from '../command.js';
import { execute } from '../print.js';
import { runGenerate } from './generate.js';

/** `pull`, then with --bump `generate --bump`. */
export async function runPullCommand(flags: RunFlags, cwd: string): Promise<RunOutcome> {
  const { runPull } = await import('../../sources/commands.js');
  const pulled: RunOutcome = { command: 'pull', ...(await runPull(flags, cwd)) };
  if (!pulled.ok || !flags.bump) return pulled;
  const generated = await runGenerate({ ...flags, bump: true }, cwd);
  return { ...pulled, summary: `${pulled.summary}\n${generated.summary}`, json: { ...pulled.json, generate: generated.json } };
}

export const pull: Command = {
  usage: 'pull',
  describe: 'Fetch the URL entries of the config\'s pages and openapi, pin them (yuno-codegen.lock.json) and print the classified changes; writes nothing if a source fails',
  options: {
    config: { type: 'string', describe: 'Config file, relative to the working directory (default: yuno-codegen.config.json here or in a parent directory)', requiresArg: true },
    bump: { type: 'boolean', describe: 'Then generate --bump: the new version and its changelog entry' },
  },
  examples: [['$0 pull', 'Update the pinned docs pages and see what changed, classified for the types and the validators']],
  run: (args, flags, cwd) => execute(() => runPullCommand({ ...flags, bump: args['bump'] === true }, cwd), flags, 'pull'),
};
