/** The built CLI: check passes when current, names stale files and changed pages; generate fixes both. */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, PAGE, cli, readTree, seedProject, session, unchanged, validates } from './helpers.js';

describe('check', () => {
  it('passes when current, names a hand-edited file, names a changed page; generate fixes both and the validator follows the page', () => {
    const dir = seedProject('check', CONFIG);
    expect(cli([], dir).code).toBe(0);
    // The canonical schema is kept beside the page, exactly as extract prints it.
    const beside = join(dir, 'schema', 'customer-session.schema.json');
    expect(readFileSync(beside, 'utf8')).toBe(cli(['extract', PAGE], dir).stdout);

    const clean = cli(['check'], dir);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^out\/ is up to date \(checked \d+ files in \d+ ms\)\n$/);

    // A hand edit in out/.
    const dts = join(dir, 'out', 'index.d.ts');
    const original = readFileSync(dts, 'utf8');
    writeFileSync(dts, `${original}export type Mine = 1;\n`);
    const edited = cli(['check'], dir);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('stale: out/index.d.ts differs from what generate writes\n--- a/out/index.d.ts\n+++ b/out/index.d.ts\n');
    expect(edited.stdout).toContain('\n-export type Mine = 1;');
    expect(edited.stderr).toBe('error: check failed: 1 output file out of date; run yuno-codegen generate\n');
    writeFileSync(dts, original);

    // A missing file and a file a previous run wrote that would no longer be generated.
    rmSync(join(dir, 'out', 'package.json'));
    const missing = cli(['check'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('missing: out/package.json is missing\n');
    expect(cli(['generate'], dir).code).toBe(0);
    expect(cli(['check', '--only', 'types,validators'], dir).stdout).toMatch(/^extra: out\/docs\/customer-session\.md is no longer generated$/m);

    // The doc page changes: MAX 64 becomes MAX 80.
    const page = join(dir, PAGE);
    const text = readFileSync(page, 'utf8');
    const sentence = 'The customer session that has been created for the enrollment (MAX 64; MIN 36).';
    expect(text).toContain(sentence);
    writeFileSync(page, text.replace(sentence, sentence.replace('MAX 64', 'MAX 80')));
    const changed = cli(['check'], dir);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('page changed: schema/the-customer-session-object.md no longer matches schema/customer-session.schema.json\n');
    expect(changed.stdout).toContain('-      "maxLength": 64,\n+      "maxLength": 80,');
    expect(changed.stderr).toMatch(/^error: check failed: \d+ output files? out of date, 1 page changed; run yuno-codegen generate\n$/);

    const long = `${'a'.repeat(70)}`;
    expect(validates(dir, session(long))).toBe(false);
    expect(cli([], dir).code).toBe(0);
    expect(cli(['check'], dir).code).toBe(0);
    expect(JSON.parse(readFileSync(beside, 'utf8')).properties.customer_session.maxLength).toBe(80);
    const schemas = Object.entries(readTree(join(dir, 'out'))).filter(([p]) => p.endsWith('.json') && p !== 'package.json' && !p.startsWith('.'));
    expect(schemas.length).toBeGreaterThan(0);
    for (const [, json] of schemas.filter(([, json]) => json.includes('"customer_session"'))) {
      expect(JSON.parse(json).properties.customer_session.maxLength).toBe(80);
    }
    expect(validates(dir, session(long))).toBe(true);
    expect(validates(dir, session('a'.repeat(81)))).toBe(false);
  });

  it('writes nothing, even when stale', () => {
    const dir = seedProject('check-writes', CONFIG);
    unchanged(dir, () => {
      expect(cli(['check'], dir).code).toBe(1);
    });
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('--json gives the drift as data', () => {
    const dir = seedProject('check-json', CONFIG);
    const r = cli(['check', '--json'], dir);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { ok: boolean; files: { kind: string }[]; schemas: { page: string; missing: boolean }[] };
    expect(result.ok).toBe(false);
    expect(new Set(result.files.map((f) => f.kind))).toEqual(new Set(['missing']));
    expect(result.schemas).toEqual([{ page: PAGE, schema: 'schema/customer-session.schema.json', missing: true }]);
  });
});
