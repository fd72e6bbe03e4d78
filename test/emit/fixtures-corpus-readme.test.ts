// Issue 16's measure for the ReadMe pages alone: 10,000 arbitrary values per object pass is…Strict and ajv.compile
// (exact multipleOf), 10,000 invalid ones fail with exactly the rule they name (see fixtures-corpus.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { checkObject, corpusPages, generateGroup, VALUES, type Group } from './fixtures-corpus.js';

let group: Group;

beforeAll(async () => {
  group = await generateGroup({ pages: corpusPages('readme') }, 'fixtures-readme');
}, 120_000);

describe("fixtures of the ReadMe pages alone", () => {
  it('generates every object', () => {
    expect(group.schemas.length).toBe(12);
  });

  for (let i = 0; i < 12; i++) {
    it(`object ${i + 1}: ${VALUES} arbitrary values valid, ${VALUES} invalid ones each breaking the rule they name`, () => {
      const doc = group.schemas[i];
      expect(doc).toBeDefined();
      if (doc) checkObject(group, doc);
    }, 300_000);
  }
});
