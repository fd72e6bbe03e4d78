/**
 * Issue 17, rule "patterns": a schema pattern with catastrophic backtracking (`^(a+)+$`: 28 `a` and a `b`
 * took 1.2 s, doubling per character) is a warning at generation, found by scslre; harmless ones are not.
 */
import { describe, expect, it } from 'vitest';
import { patternWarnings } from '../../generators/index.js';

const doc = (properties: object) => ({ slug: 'p', name: 'P', source: 'p.schema.json', schema: { title: 'P', type: 'object', properties } as never });

describe('rule: patterns', () => {
  it('warns on exponential and polynomial backtracking, with the pointer and the character to repeat', async () => {
    expect(
      await patternWarnings(doc({
        a: { type: 'string', pattern: '^(a+)+$' },
        b: { type: 'string', pattern: '^\\d+\\s*\\d+$' },
        c: { type: 'object', patternProperties: { '^(x+x+)+y$': {} } },
      })),
    ).toEqual([
      {
        file: 'p.schema.json', at: '/properties/a/pattern', rule: 'patterns',
        message: 'pattern "^(a+)+$" can take exponential time to match (a long run of a that then fails makes the validators backtrack, for seconds or more); rewrite it so that no character can be matched by two repetitions (as "^(a+)+$" → "^a+$")',
      },
      {
        file: 'p.schema.json', at: '/properties/b/pattern', rule: 'patterns',
        message: 'pattern "^\\\\d+\\\\s*\\\\d+$" can take polynomial time to match (a long run of \\d that then fails makes the validators backtrack, for seconds or more); rewrite it so that no character can be matched by two repetitions (as "^(a+)+$" → "^a+$")',
      },
      {
        file: 'p.schema.json', at: '/properties/c/patternProperties', rule: 'patterns',
        message: 'pattern "^(x+x+)+y$" can take exponential time to match (a long run of x that then fails makes the validators backtrack, for seconds or more); rewrite it so that no character can be matched by two repetitions (as "^(a+)+$" → "^a+$")',
      },
    ]);
  });

  it('says nothing of safe patterns, invalid ones (the meta-schema check reports those) or schemas without any', async () => {
    expect(await patternWarnings(doc({ a: { pattern: '^[A-Z]{2}$' }, b: { pattern: '^[a-z0-9-]+$' }, c: { pattern: '(' }, d: { type: 'string' } }))).toEqual([]);
  });
});
