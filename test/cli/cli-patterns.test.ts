/** Issue 17: `generate` warns on stderr about a catastrophic-backtracking pattern; --json lists it and stays valid JSON. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const WARNING =
  'p.schema.json (/properties/code/pattern): pattern "^(a+)+$" can take exponential time to match (a long run of a that then fails makes the validators backtrack, for seconds or more); rewrite it so that no character can be matched by two repetitions (as "^(a+)+$" → "^a+$")';

describe('generate with a backtracking pattern', () => {
  it('warns once on stderr, exits 0, and --json carries the warning', () => {
    const dir = tempDir('patterns');
    writeFileSync(join(dir, 'p.schema.json'), JSON.stringify({ title: 'P', type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } }));
    const plain = cli(['generate', '--schema', 'p.schema.json', '--out', 'out'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toBe(`warning: ${WARNING}\n`);
    const json = cli(['generate', '--schema', 'p.schema.json', '--out', 'out2', '--json'], dir);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { warnings: unknown[] }).warnings).toEqual([
      { file: 'p.schema.json', at: '/properties/code/pattern', rule: 'patterns', message: WARNING.slice(WARNING.indexOf(': ') + 2) },
    ]);
  });
});
