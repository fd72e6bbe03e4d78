// `npm run test:fast`: the inner loop. The rule and unit tables, the corpus extraction, the emitters, the golden
// out/ and the differential validator tests, all from the TypeScript sources (nothing to build first). Left
// to `npm test`: whatever starts processes, installs packages or takes seconds per file (below).
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export const SLOW = [
  'test/e2e/**', // packing, installing, a browser, watch, SIGKILL: real processes
  'test/cli/cli-*.test.ts', // the built CLI as a process
  'test/conformance.test.ts', // the whole JSON-Schema-Test-Suite
  'test/bench-smoke.test.ts', // installs the benchmark's peers, runs the harness
  'test/fuzz/**', // random pages by the thousand, pages of megabytes
  'test/property/**', // random schemas and values, compiled and loaded
  'test/emit/threads.test.ts', // worker threads from dist/
  'test/emit/typecheck.test.ts', // TypeScript 7's CLI as a process
  'test/emit/names-typecheck.test.ts', // the TypeScript compiler on two generated packages
  'test/emit/wide-object.test.ts', // validators of an object with 3,000 fields, built and loaded
  'test/emit/validators-runtime-bounds.test.ts', // strings of 140 M characters, values nested 200,000 deep
  'test/emit/corpus-all.test.ts', // every corpus object type-checked as one program
  'test/emit/small-diff.test.ts', // the Payment object generated twice
  'test/emit/named-types.test.ts', // the Payment object's types compiled with a consumer
  'test/emit/type-name-override.test.ts', // the Payment object's types, validators and docs, with overrides
  'test/extract/hand-written-limits.test.ts', // schemas nested 10 000 deep
  'test/reconcile/api-truth.test.ts', // every real payload of 11 objects, 9,000 mutations of them
  'test/reconcile/holdout.test.ts', // three generations of 11 objects from two thirds of the OpenAPI files
  'test/emit/fast-differential.test.ts', // every corpus object in four groups, the fast validators against ajv.compile
  'test/emit/fixtures-corpus-*.test.ts', // 10,000 arbitrary and 10,000 invalid values per corpus object, four groups
  'test/emit/errors-differential.test.ts', // the error lists of 22 corpus objects and 35 hand-written schemas against ajv.compile
  'test/emit/full-adversarial.test.ts', // the error lists of 60 random schemas and hostile values against ajv.compile, values 200,000 deep
  'test/emit/fixtures-ts.test.ts', // the TypeScript compiler on the ts target's fixtures
  'test/emit/fast-prototype-node.test.ts', // node started with --disable-proto, twice
  'test/sources/pull-*.test.ts', // a docs server on 127.0.0.1, timeouts and retries, extraction of pulled pages
];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...SLOW],
      // One worker per core (vitest's default leaves one core to its main process, which idles here), and the
      // files of a worker share loaded modules (no test here mocks, stubs or changes process state): half the
      // CPU time. `npm test` keeps each file isolated.
      maxWorkers: availableParallelism(),
      isolate: false,
    },
  }),
);
