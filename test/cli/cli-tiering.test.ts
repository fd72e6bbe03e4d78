/** The built CLI as a process (dist/generators/cli.js): the V8 flag it sets for its run, and when it sets none. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, seedProject } from './helpers.js';

const RECORD = join(ROOT, 'test', 'cli', 'fixtures', 'record-v8-flags.cjs');

describe('the CLI process', () => {
  /** `node [nodeFlags] --require record-v8-flags.cjs cli.js generate --force`: its result and the V8 flags it set. */
  const run = (name: string, nodeFlags: string[]): { code: number | null; stderr: string; flags: string[] } => {
    const dir = seedProject(name, { pages: ['schema/the-customer-session-object.md'] });
    const record = join(dir, 'v8-flags.txt');
    const r = spawnSync(process.execPath, [...nodeFlags, '--require', RECORD, CLI, 'generate', '--force', '--quiet'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', RECORD_V8_FLAGS: record },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, stderr: r.stderr, flags: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
  };

  it('sets the budget once and generates as before', () => {
    expect(run('tiering', [])).toEqual({ code: 0, stderr: '', flags: ['--interrupt-budget=1081344'] });
  });

  it('sets nothing when node\'s own flags choose tiering', () => {
    expect(run('tiering-user', ['--interrupt-budget=67584'])).toEqual({ code: 0, stderr: '', flags: [] });
    expect(run('tiering-no-opt', ['--max-opt=1'])).toEqual({ code: 0, stderr: '', flags: [] });
    expect(run('tiering-no-turbofan', ['--no-turbofan'])).toEqual({ code: 0, stderr: '', flags: [] });
  });
});
