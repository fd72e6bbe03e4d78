/**
 * A short run of the benchmark harness (bench/run.mjs --smoke): it must produce every table row, and
 * its hand-written baseline must mean exactly what the schema means, or the ratios compare different work.
 * No timing is asserted. The harness's peers (zod, tinybench, terser, quicktype) are bench/'s own
 * dependencies, installed here first as `npm run bench` installs them (scripts/bench-deps.mjs).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBenchDeps } from '../scripts/bench-deps.mjs';
// @ts-expect-error plain ESM benchmark modules without type declarations
import { isCustomerSessionByHand, isDateTime } from '../bench/hand-written.mjs';
// @ts-expect-error see above
import { ajvCompiled } from '../bench/ajv-baseline.mjs';
// @ts-expect-error see above
import { inputs } from '../bench/inputs.mjs';
// @ts-expect-error see above
import { libraryFloor } from '../bench/scale.mjs';

const require = createRequire(import.meta.url);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, { validate: (s: string) => boolean }> };
const ajvDateTime = (s: string): boolean => fullFormats['date-time']!.validate(s);

/** bench/run.mjs, loaded once bench/node_modules holds its peers. */
let pairedRatio: (a: { perRound: number[] }, b: { perRound: number[] }) => number;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let runBench: (options: { smoke: boolean }) => Promise<any>;
let toMarkdown: (result: unknown) => string;

beforeAll(async () => {
  ensureBenchDeps();
  // @ts-expect-error see above
  ({ pairedRatio, runBench, toMarkdown } = await import('../bench/run.mjs'));
});

const VALIDATORS = ['generated isCustomerSession', 'generated assertCustomerSession', 'hand-written', 'ajv.compile', 'AJV standalone (default)', 'zod 4'];
const CASES = ['valid (CO)', 'valid (ZW)', 'unknown country', 'created_at Feb 30', 'missing created_at'];

describe('bench --smoke', () => {
  it('produces a row per validator and input, the size rows and the goal lines', async () => {
    const r = await runBench({ smoke: true });
    for (const c of CASES) {
      for (const v of VALIDATORS) {
        const s = r.validators[c][v];
        expect(s.median, `${v} on ${c}`).toBeGreaterThan(0);
        expect(s.min).toBeLessThanOrEqual(s.median);
      }
    }
    const md: string = toMarkdown(r);
    for (const v of VALIDATORS) expect(md).toMatch(new RegExp(`^\\| ${v.replace(/[()]/g, '\\$&')} \\| \\d+ \\(`, 'm'));
    expect(md).toMatch(/^\| yuno-codegen generate \(no-op, output current\) \| \d+ ms \(/m);
    expect(md).toMatch(/^\| node -e 0 \| \d+ ms \(/m);
    expect(md).toMatch(/^\| generated: whole module \(loose \+ strict API\) \| \d+ \| \d+ \| \d+ \(/m);
    expect(md).toMatch(/^\| AJV standalone \(default options\) \+ \d run-time modules \| \d+ \| \d+ \| \d+ \(/m);
    expect(md).toMatch(/^\| isCustomerSession ≤ 1\.5× hand-written, every input \| worst \d+\.\d\d× \(.+\) \| (met|\*\*not met\*\*) \|$/m);
    expect(md).toMatch(/^\| Customer Session validator ≤ 3 KB minified \+ gzip \| \d\.\d\d KB/m);
    expect(md).toMatch(/^\| noise check: isCustomerSession \/ itself in try\/catch \(same work: expect 1\.00\)( \| \d+\.\d\d×){5} \|$/m);
  });

  it('pairs ratios by round: a burst of load in one round moves neither side of the others', () => {
    // Round 2 ran under load (both sides ~3× as long), round 4 is off on one side: the ratio of medians
    // would say 1.39× (125 / 90); paired, three of four rounds agree on 1.25×.
    const a = { perRound: [100, 300, 125, 125] };
    const b = { perRound: [80, 240, 100, 50] };
    expect(pairedRatio(a, b)).toBe(1.25);
    expect(pairedRatio({ perRound: [3, 1, 2] }, { perRound: [1, 1, 1] })).toBe(2);
  });

  it('times the per-object library floor (json2ts and two AJV compiles per object) on renamed copies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuno-floor-'));
    try {
      copyFileSync(join(repo, 'schema', 'customer-session.schema.json'), join(dir, 'customer-session.schema.json'));
      const floor = libraryFloor(dir, 3);
      expect(floor.objects).toBe(3);
      expect(floor.ajvMs).toBeGreaterThan(0);
      expect(floor.json2tsMs).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the hand-written baseline', () => {
  it('answers like ajv.compile on the benchmark inputs and on edge cases', async () => {
    const ajv = await ajvCompiled();
    const base = inputs()[0].value as Record<string, unknown>;
    const values: unknown[] = [
      ...inputs().map((i: { value: unknown }) => i.value),
      null, [], 'x', 42,
      { ...base, extra: 1 },
      { ...base, customer_id: 'a'.repeat(35) },
      { ...base, customer_id: 'a'.repeat(64) },
      { ...base, customer_id: 'a'.repeat(65) },
      // 33 code points in 36 UTF-16 units: too short.
      { ...base, customer_id: `${'a'.repeat(30)}😀😀😀` },
      { ...base, customer_id: `${'a'.repeat(34)}😀😀` },
      { ...base, callback_url: '\ud800\ud800' },
      { ...base, callback_url: 'ab\ud800' },
      { ...base, country: 'co' },
      { ...base, country: ['CO'] },
      { ...base, created_at: '2024-02-29T20:46:54.786342Z' },
      { ...base, created_at: '2023-02-29T20:46:54.786342Z' },
      { ...base, created_at: '2016-12-31T23:59:60.000000Z' },
      { ...base, created_at: '2022-05-09 20:46:54.78634+01' },
      { ...base, created_at: '2022-05-09t20:46:54.786342z' },
      { ...base, created_at: 123 },
    ];
    for (const v of values) expect(isCustomerSessionByHand(v), JSON.stringify(v)).toBe(ajv(v));
  });

  it("checks date-time exactly like ajv-formats' full date-time", () => {
    const d = (lo: number, hi: number, w = 2) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(w, '0'));
    const dateTime = fc
      .tuple(
        d(0, 9999, 4), d(0, 13), d(0, 32),
        fc.constantFrom('T', 't', ' ', '\u3000', 'x', '\n'),
        d(0, 24), d(0, 60), d(0, 61),
        fc.constantFrom('', '.', '.5', '.999999', '.9999999999999999999'),
        fc.constantFrom('Z', 'z', '', '+01', '-23:59', '+24:00', '+0100', '+01:', '-00:60', '+1', 'Zx'),
      )
      .map(([y, mo, da, sep, h, mi, s, frac, zone]) => `${y}-${mo}-${da}${sep}${h}:${mi}:${s}${frac}${zone}`);
    fc.assert(fc.property(fc.oneof(dateTime, fc.string()), (s) => isDateTime(s) === ajvDateTime(s)), { numRuns: 20_000 });
  });
});
