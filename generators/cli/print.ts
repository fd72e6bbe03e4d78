/** How the CLI prints: colours (off without a terminal or with NO_COLOR), outcomes, problems and exit codes. */
import { CodegenError, formatProblem, type Problem } from '../types.js';
import type { RunFlags, RunOutcome } from './run.js';

const env = process.env;
const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
const paint = (stream: NodeJS.WriteStream, code: string, text: string): string =>
  stream.isTTY && !noColor ? `\u001b[${code}m${text}\u001b[0m` : text;
export const red = (text: string): string => paint(process.stderr, '31', text);
export const green = (text: string): string => paint(process.stdout, '32', text);
const dim = (text: string): string => paint(process.stdout, '2', text);

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

export async function execute(run: () => Promise<RunOutcome>, flags: RunFlags, what: string): Promise<number> {
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

