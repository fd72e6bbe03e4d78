/** The built CLI: check passes when current, names stale files and changed pages; generate fixes both. */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formattingOnly } from '../../generators/drift.js';
import { generate } from '../../generators/index.js';
import { fixture } from '../emit/code-helpers.js';
import { CONFIG, PAGE, ROOT, cli, readTree, seedProject, session, unchanged, validates } from './helpers.js';

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

  it('names the files a formatter rewrote, and says what to add to .prettierignore (issue 12)', async () => {
    const dir = seedProject('check-prettier', CONFIG);
    expect(cli([], dir).code).toBe(0);
    // The real Prettier, as a repo-wide `prettier --write .` would run it.
    for (const f of ['index.d.ts', 'customer-session.js', 'docs/customer-session.md', 'schemas/customer-session.schema.json']) {
      const path = join(dir, 'out', f);
      const text = readFileSync(path, 'utf8');
      const formatted = await prettier.format(text, { filepath: path });
      expect(formatted, f).not.toBe(text);
      writeFileSync(path, formatted);
    }
    const stale = (out: string): string[] => out.split('\n').filter((l) => /^(stale|missing|extra): /.test(l));
    const formatted = cli(['check'], dir);
    expect(formatted.code).toBe(1);
    expect(stale(formatted.stdout)).toEqual([
      'stale: out/customer-session.js differs only in formatting: a formatter rewrote it; add out/ to .prettierignore',
      'stale: out/docs/customer-session.md differs only in formatting: a formatter rewrote it; add out/ to .prettierignore',
      'stale: out/index.d.ts differs only in formatting: a formatter rewrote it; add out/ to .prettierignore',
      'stale: out/schemas/customer-session.schema.json differs only in formatting: a formatter rewrote it; add out/ to .prettierignore',
    ]);
    expect(formatted.stderr).toBe(
      'error: check failed: 4 output files out of date (all only in formatting: add out/ to .prettierignore); run yuno-codegen generate\n',
    );
    // A real edit beside them is told apart, with its diff.
    const shared = join(dir, 'out', 'shared.d.ts');
    writeFileSync(shared, readFileSync(shared, 'utf8').replace('path: string;', 'path: number;'));
    const mixed = cli(['check'], dir);
    expect(stale(mixed.stdout)).toContain('stale: out/shared.d.ts differs from what generate writes');
    expect(mixed.stdout).toContain('-  path: number;\n+  path: string;');
    expect(mixed.stderr).toBe(
      'error: check failed: 5 output files out of date (4 only in formatting: add out/ to .prettierignore); run yuno-codegen generate\n',
    );
    const json = JSON.parse(cli(['check', '--json'], dir).stdout) as { files: { path: string; formattingOnly?: boolean }[] };
    expect(json.files.map((f) => [f.path, f.formattingOnly ?? false])).toEqual([
      ['out/customer-session.js', true],
      ['out/docs/customer-session.md', true],
      ['out/index.d.ts', true],
      ['out/schemas/customer-session.schema.json', true],
      ['out/shared.d.ts', false],
    ]);
    expect(cli([], dir).code).toBe(0);
    expect(cli(['check'], dir).code).toBe(0);
  });
});

/** The real Prettier: json-schema-to-typescript's dependency. */
const prettier = createRequire(join(ROOT, 'node_modules', 'json-schema-to-typescript', 'package.json'))('prettier') as {
  format(text: string, options: object): Promise<string>;
};

// The seed page, and hand-written schemas with long enums (unions Prettier breaks over lines) and odd keys.
const PAGES = ['schema/the-customer-session-object.md'];
const SCHEMAS = ['order', 'hostile'];
const SETTINGS: [string, object][] = [
  ['defaults', {}],
  ['single quotes, no semicolons, trailing commas, tabs, quoted keys', { singleQuote: true, semi: false, trailingComma: 'all', useTabs: true, quoteProps: 'consistent' }],
  ['narrow, prose wrapped, CRLF', { printWidth: 60, proseWrap: 'always', endOfLine: 'crlf' }],
];

describe('formattingOnly and the real Prettier', () => {
  /** Each distinct generated text once, both targets (the package's README is its docs page, for one). */
  const texts: { path: string; contents: string }[] = [];
  beforeAll(async () => {
    const seen = new Set<string>();
    for (const target of ['package', 'ts'] as const) {
      const { files } = await generate({
        target,
        pages: PAGES.map((p) => ({ path: p, bytes: new Uint8Array(readFileSync(join(ROOT, p))) })),
        schemas: SCHEMAS.map((name) => ({ path: `${name}.json`, text: JSON.stringify(fixture(name).schema) })),
      });
      for (const f of files) {
        if (seen.has(f.contents)) continue;
        seen.add(f.contents);
        texts.push({ path: `${target}/${f.path}`, contents: f.contents });
      }
    }
  });

  it.each(SETTINGS)('every generated file Prettier rewrites (%s) differs only in formatting', async (_label, settings) => {
    let rewritten = 0;
    for (const f of texts) {
      const formatted = await prettier.format(f.contents, { filepath: f.path, ...settings });
      if (formatted === f.contents) continue;
      rewritten++;
      expect(formattingOnly(formatted, f.contents), f.path).toBe(true);
    }
    // Nearly all of them: the package's .js, .cjs, .d.ts, .d.cts, docs and schemas, the ts target's .ts.
    expect(rewritten).toBeGreaterThan(texts.length / 2);
  });
});
