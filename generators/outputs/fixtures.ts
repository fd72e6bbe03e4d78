/**
 * Fixtures: per object its typed examples and seeded arbitrary and invalid test values, in `fixtures/`
 * (the package's `./fixtures` subpath, so production bundles never carry them). Generated only when
 * asked for, and typed with the generated types.
 */
import { defineOutput, type OutputEmitter } from './output.js';

const fixturesEmitter: OutputEmitter<undefined, undefined> = {
  name: 'fixtures',
  object: async (doc, run) => ({ files: (await import('../emit/fixtures.js')).emitObjectFixtures(run.options, doc, run.renderer) }),
  shared: async (run) => (await import('../emit/fixtures.js')).emitSharedFixtures(run.options, run.objects, run.renderer),
};

export const fixtures = defineOutput({
  kind: 'fixtures',
  describe: 'test data of each object in fixtures/: its examples, arbitrary valid values and values that break one rule, by seed',
  emitter: fixturesEmitter,
  optIn: true,
  requires: ['types'],
});
