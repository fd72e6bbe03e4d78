/**
 * V8's tiering for the CLI's short runs (generators/cli/tiering.ts): what it sets, and when it leaves it alone.
 * The built CLI as a process, setting it or not: cli-tiering.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, tieringFlag } from '../../generators/cli/tiering.js';

describe('tieringFlag', () => {
  it('raises the interrupt budget to 16 × V8\'s default when node\'s flags chose nothing', () => {
    expect(INTERRUPT_BUDGET).toBe(1_081_344);
    expect(tieringFlag([])).toBe('--interrupt-budget=1081344');
    expect(tieringFlag(['--enable-source-maps', '--stack-size=2000', '--max-old-space-size=4096', '--require', 'x.cjs'])).toBe('--interrupt-budget=1081344');
    // Flags that only share a prefix with a tiering flag are not tiering flags.
    expect(tieringFlag(['--optimize-for-size', '--interrupt-budget-factor-for-feedback-allocation=8', '--opt-in'])).toBe('--interrupt-budget=1081344');
  });

  it('leaves tiering to the user who sets it on node\'s command line, in any spelling', () => {
    for (const argv of [['--interrupt-budget=5000'], ['--interrupt_budget=5000'], ['--opt'], ['--no-opt'], ['--max-opt=1'], ['--max_opt=0'], ['--jitless'], ['--always-turbofan'], ['--no-always-opt']]) {
      expect(tieringFlag(argv), argv.join(' ')).toBeUndefined();
    }
  });

  it('counts node 20\'s names of the tiers as tiering flags: --turbofan (--opt is its alias), --maglev, --sparkplug', () => {
    for (const argv of [['--no-turbofan'], ['--turbofan'], ['--maglev'], ['--no-maglev'], ['--no-sparkplug'], ['--always-sparkplug']]) {
      expect(tieringFlag(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
