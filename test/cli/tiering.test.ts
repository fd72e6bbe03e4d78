/** V8's tiering for the CLI's short runs (generators/cli/tiering.ts): what it sets, and when it leaves it alone. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, tieringFlag } from '../../generators/cli/tiering.js';
import { CLI, ROOT, seedProject } from './helpers.js';

const RECORD = join(ROOT, 'test', 'cli', 'fixtures', 'record-v8-flags.cjs');

describe('tieringFlag', () => {
  it('raises the interrupt budget to 16 × V8\'s default when node\'s flags chose nothing', () => {
    expect(INTERRUPT_BUDGET).toBe(1_081_344);
    expect(tieringFlag([])).toBe('--interrupt-budget=1081344');
    expect(tieringFlag(['--enable-source-maps', '--stack-size=2000', '--max-old-space-size=4096', '--require', 'x.cjs'])).toBe('--interrupt-budget=1081344');
    // Flags that only share a prefix with a tiering flag are not tiering flags.
    expect(tieringFlag(['--optimize-for-size', '--interrupt-budget-factor-for-feedback-allocation=8', '--opt-in'])).toBe('--interrupt-budget=1081344');
  });

  it('leaves tiering to the user who sets it on node\'s command line, in any spelling', () => {
    for (const argv of [['--interrupt-budget=5000'], ['--interrupt_budget', '5000'], ['--opt'], ['--no-opt'], ['--max-opt=1'], ['--max_opt=0'], ['--jitless'], ['--always-turbofan'], ['--no-always-opt']]) {
      expect(tieringFlag(argv), argv.join(' ')).toBeUndefined();
    }
  });
});

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
  });
});
