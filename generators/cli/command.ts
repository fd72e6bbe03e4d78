/**
 * A command of the CLI: its name, what it does, its options, and how it runs. The commands are listed in
 * cli/commands/index.ts; yargs' command table, `--help` and the did-you-mean hints all come from that list.
 */
import type { Options, PositionalOptions } from 'yargs';
import type { RunFlags } from './run.js';

export interface Command {
  /** As yargs takes it, with positionals: `extract <pages..>`. */
  usage: string;
  /** `$0` for the default command. */
  aliases?: string[];
  describe: string;
  /** Its options (besides the global --json, --quiet, --debug), by name. */
  options: Record<string, Options>;
  positionals?: Record<string, PositionalOptions>;
  /** Examples for `--help`: the command line (`$0` is the program) and what it does. */
  examples?: [string, string][];
  /** Run with the parsed arguments and the flags read from them; resolves to the exit code. */
  run(args: Record<string, unknown>, flags: RunFlags, cwd: string): Promise<number>;
}

/** The command's name: the first word of its usage. */
export function commandName(command: Command): string {
  return command.usage.split(' ')[0] as string;
}
