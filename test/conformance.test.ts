/**
 * The official JSON-Schema-Test-Suite (draft 2020-12) against our generated validators, ESM and CJS:
 * the same run as `npm run conformance` (scripts/conformance.mjs, against dist/, which `npm test` builds).
 * The whole suite takes a few seconds, so CI runs all of it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance, summary } from '../scripts/conformance.mjs';

const repoRoot = join(import.meta.dirname, '..');

describe('JSON Schema Test Suite, draft 2020-12', () => {
  it('every supported case gives the suite\'s answer in the ESM and CJS builds', async () => {
    expect(existsSync(join(repoRoot, 'dist', 'generators', 'emit', 'code.js')), 'run `npm run build` first').toBe(true);
    const result = await runConformance();
    const report: string = summary(result);
    expect(result.failures, report).toEqual([]);
    expect(result.failed).toBe(0);
    expect(result.passed).toBeGreaterThanOrEqual(500);
    // A known divergence or bug that now agrees with the suite must leave the list.
    expect(result.stale, report).toEqual([]);
    expect(report.split('\n').at(-1)).toBe(`${result.passed} passed, 0 failed`);
  });
});
