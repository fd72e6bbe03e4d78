/** `yuno-codegen watch`: regenerate on every change of an input (generators/watch.ts, loaded only for it). */
import { INPUT_OPTIONS } from '../args.js';
import type { Command } from '../command.js';

export const watch: Command = {
  usage: 'watch',
  describe: 'Regenerate whenever a page, overrides file, schema, template or the config changes',
  options: INPUT_OPTIONS,
  examples: [['$0 watch', 'Regenerate on every save']],
  run: async (_args, flags, cwd) => (await import('../../watch.js')).watch(flags, cwd),
};
