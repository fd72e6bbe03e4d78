/**
 * The command line: the plain `generate` forms without yargs (every prebuild hook runs one), everything else
 * through yargs with the commands of cli/commands/index.ts.
 */
import { toolVersion } from '../fastpath.js';
import { didYouMean, flagsOf, quickArgs } from './args.js';
import { commandName, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { runGenerate } from './commands/generate.js';
import { execute, red } from './print.js';

export async function main(argv: string[]): Promise<number> {
  const cwd = process.cwd();
  // The plain generate forms (every prebuild hook, `--force` included) need nothing yargs adds.
  const quick = quickArgs(argv);
  if (quick) return execute(() => runGenerate(quick, cwd), quick, 'generate');

  const { default: yargs } = await import('yargs');
  let chosen: { command: Command; args: Record<string, unknown> } | undefined;
  let usage: string | undefined;
  let parser = yargs(argv)
    .scriptName('yuno-codegen')
    .usage('$0 [command] [options]\n\nGenerate TypeScript types, self-contained validators and docs from Yuno API object doc pages.');
  for (const command of COMMANDS) {
    parser = parser.command(
      [command.usage, ...(command.aliases ?? [])],
      command.describe,
      (y) => {
        let built = y.options(command.options);
        for (const [name, positional] of Object.entries(command.positionals ?? {})) built = built.positional(name, positional);
        return built;
      },
      (args) => void (chosen = { command, args }),
    );
  }
  parser = parser.options({
    json: { type: 'boolean', describe: 'Print a machine-readable result on stdout' },
    quiet: { type: 'boolean', describe: 'Print nothing but errors' },
    debug: { type: 'boolean', describe: 'Show stack traces of unexpected errors' },
  });
  for (const command of COMMANDS) for (const [line, what] of command.examples ?? []) parser = parser.example(line, what);
  await parser
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
    .exitProcess(false)
    .parseAsync();
  if (usage !== undefined) {
    const options = Object.fromEntries(COMMANDS.map((c) => [commandName(c), Object.keys(c.options)]));
    process.stderr.write(`${red('error:')} ${usage}${didYouMean(usage, argv, options)}\nRun "yuno-codegen --help" for the commands and options.\n`);
    return 2;
  }
  if (!chosen) return 0; // --help or --version was printed
  const { command, args } = chosen as { command: Command; args: Record<string, unknown> };
  const flags = flagsOf(args);
  if (typeof flags === 'string') {
    process.stderr.write(`${red('error:')} ${flags}\n`);
    return 2;
  }
  return command.run(args, flags, cwd);
}
