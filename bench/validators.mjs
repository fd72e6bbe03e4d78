/**
 * In-process validator timings (tinybench): the generated `isCustomerSession`/`assertCustomerSession`
 * against the hand-written checker, `ajv.compile`, AJV's standalone code and zod 4, on five inputs.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { isCustomerSessionByHand } from './hand-written.mjs';
import { inputs } from './inputs.mjs';
import { isCustomerSessionZod } from './zod-schema.mjs';
import { ajvCompiled, ajvStandaloneBundle } from './ajv-baseline.mjs';
import { sink, summary } from './lib.mjs';

/** Calls per timed sample: one call (~100 ns) is below the timer's resolution. */
const BATCH = 256;

export const VALIDATORS = [
  'generated isCustomerSession',
  'generated assertCustomerSession',
  'generated isCustomerSession, in try/catch',
  'hand-written',
  'ajv.compile',
  'AJV standalone (default)',
  'zod 4',
];

/** Every validator as `value => boolean`; `assert…` answers by throwing or not. */
export async function loadValidators(pkgDir, scratchDir) {
  const generated = await import(pathToFileURL(join(pkgDir, 'index.js')).href);
  const ajv = await ajvCompiled();
  const bundle = await ajvStandaloneBundle();
  const bundleFile = join(scratchDir, 'ajv-standalone-bundle.cjs');
  writeFileSync(bundleFile, bundle.source);
  const standalone = createRequire(bundleFile)(bundleFile);
  const assertX = generated.assertCustomerSession;
  const isX = generated.isCustomerSession;
  return {
    'generated isCustomerSession': isX,
    // `assert…` answers by throwing, so the harness calls it inside try/catch; `is…` inside the same
    // try/catch is what it is compared with, so the comparison is of the two functions, not of the harness.
    'generated assertCustomerSession': (value) => {
      try {
        assertX(value);
        return true;
      } catch {
        return false;
      }
    },
    'generated isCustomerSession, in try/catch': (value) => {
      try {
        return isX(value);
      } catch {
        return false;
      }
    },
    'hand-written': isCustomerSessionByHand,
    'ajv.compile': ajv,
    'AJV standalone (default)': standalone,
    'zod 4': isCustomerSessionZod,
  };
}

/** Every validator must give the expected answer on every input, or the timings compare different work. */
export function checkAnswers(validators) {
  const wrong = [];
  for (const input of inputs()) {
    for (const [name, fn] of Object.entries(validators)) {
      const got = Boolean(fn(input.value));
      if (got !== input.valid) wrong.push(`${name} says ${got} on "${input.name}" (expected ${input.valid})`);
    }
  }
  if (wrong.length > 0) throw new Error(`validators disagree with the schema:\n${wrong.join('\n')}`);
}

/**
 * Time every validator on every input. `rounds` repeats the whole suite (different task order each
 * round) so a burst of load on a shared machine does not land on one validator only.
 * Returns ns per call: { [input]: { [validator]: {median, min, max, rounds, perRound} } }, where
 * perRound lists each round's median, in round order (for ratios paired by round).
 */
export async function timeValidators(validators, { time = 250, warmupTime = 100, rounds = 3 } = {}) {
  const samples = {};
  const cases = inputs();
  for (let round = 0; round < rounds; round++) {
    for (const input of cases) {
      const bench = new Bench({ time, warmupTime, warmupIterations: 20, iterations: 10 });
      const names = Object.keys(validators);
      const ordered = round % 2 === 0 ? names : [...names].reverse();
      for (const name of ordered) {
        const fn = validators[name];
        // Each call gets its own copy of the input, made before timing, so no validator can cache on identity.
        const values = Array.from({ length: BATCH }, () => structuredClone(input.value));
        bench.add(name, () => {
          let ok = 0;
          for (let i = 0; i < BATCH; i++) if (fn(values[i])) ok++;
          sink.value += ok;
        });
      }
      await bench.run();
      for (const task of bench.tasks) {
        const result = task.result;
        if (!result || !result.latency) throw new Error(`tinybench: no result for ${task.name} on ${input.name} (${result?.state ?? 'not run'})`);
        const per = (samples[input.name] ??= {});
        const list = (per[task.name] ??= []);
        // tinybench keeps only statistics by default: take the round's median, min and max per call.
        list.push({ p50: (result.latency.p50 * 1e6) / BATCH, min: (result.latency.min * 1e6) / BATCH, max: (result.latency.max * 1e6) / BATCH });
      }
    }
  }
  const out = {};
  for (const [input, per] of Object.entries(samples)) {
    out[input] = {};
    for (const [name, list] of Object.entries(per)) {
      const s = summary(list.map((r) => r.p50));
      out[input][name] = { median: s.median, min: Math.min(...list.map((r) => r.min)), max: Math.max(...list.map((r) => r.max)), rounds: list.length, perRound: list.map((r) => r.p50) };
    }
  }
  return out;
}
