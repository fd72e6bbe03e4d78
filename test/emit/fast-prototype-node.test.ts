/**
 * The fast validators' prototype test under `node --disable-proto` (child processes, so outside test:fast): the
 * emitted code must not read `__proto__`, which throws in one mode and is gone in the other (as in Deno).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPackage } from './code-helpers.js';
import type { SchemaDocument } from '../../generators/types.js';

const doc: SchemaDocument = {
  slug: 'owned',
  name: 'Owned',
  source: 'owned.schema.json',
  schema: { title: 'Owned', type: 'object', properties: { a: { type: 'string', maxLength: 3 }, b: { type: 'integer' } }, required: ['a'] },
};

describe('fast validators under node --disable-proto', () => {
  let dir: string;
  beforeAll(async () => {
    dir = (await loadPackage([doc], 'owned-node')).dir;
  });

  it.each(['throw', 'delete'])('under node --disable-proto=%s every answer is the same, and nothing throws', (mode) => {
    const script = [
      `const api = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.js')).href)});`,
      'const values = [{ a: "xy" }, { a: "wxyz" }, {}, JSON.parse(\'{"a":"xy","__proto__":null}\'), Object.assign(Object.create(null), { a: "xy", b: 2.5 })];',
      'class Inherited { get a() { throw new Error("getter run"); } }',
      'values.push(new Inherited());',
      'console.log(JSON.stringify(values.map((v) => [api.isOwned(v), api.isOwnedStrict(v)])));',
    ].join('\n');
    const out = execFileSync(process.execPath, [`--disable-proto=${mode}`, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([[true, true], [false, false], [false, false], [true, false], [false, false], [false, false]]);
  });
});
