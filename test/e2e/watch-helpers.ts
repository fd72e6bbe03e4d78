/** Shared by the watch tests: `yuno-codegen watch` as a real process, its output collected line by line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../cli/helpers.js';

export const RUN_LINE = /^\[\d\d:\d\d:\d\d\] (generated \d+ files \(\d+ written, \d+ unchanged(, \d+ removed)?\)( and \d+ schemas? beside (its|their) pages?)? in \d+ ms|out\/ is up to date.*)$/;

export interface Watcher {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  runs: () => string[];
  /** Wait until `count` lines match (a wait with a generous deadline, not a timing assertion). */
  until: (what: () => boolean, label: string) => Promise<void>;
}

let running: ChildProcess | undefined;

/** Kill the watcher a test started (its afterEach). */
export function stopWatch(): void {
  running?.kill('SIGKILL');
  running = undefined;
}

export function startWatch(dir: string, args: string[] = []): Watcher {
  const child = spawn(process.execPath, [CLI, 'watch', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  running = child;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      into.push(...lines);
    };
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  return {
    child,
    stdout,
    stderr,
    runs: () => stdout.filter((l) => RUN_LINE.test(l)),
    until: async (what, label) => {
      const deadline = Date.now() + 60_000;
      while (!what()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

