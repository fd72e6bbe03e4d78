/**
 * What a run loads. Startup is most of a small run's time (bench/RESULTS.md), so each command loads only
 * the modules its inputs need; these are the ones that are easy to pull in by accident.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, seedProject } from './helpers.js';

const REGISTER = join(ROOT, 'test', 'cli', 'fixtures', 'record-loads', 'register.mjs');
const MINTLIFY_PAGE = join(ROOT, '..', 'shared', 'yuno-pages', 'mintlify', 'the-customer-session-object.mdx');

/** The packages (`name` or `name/file`) a CLI run loaded through the ESM loader, and its result. */
function loadsOf(args: string[]): { code: number | null; loaded: string[] } {
  const dir = seedProject('loads');
  const record = join(dir, 'loads.txt');
  const r = cli(args, dir, { RECORD_LOADS: record, NODE_OPTIONS: `--import=${pathToFileURL(REGISTER).href}` });
  const urls = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  const loaded = urls.map((u) => {
    const at = u.lastIndexOf('/node_modules/');
    return at < 0 ? u : u.slice(at + '/node_modules/'.length);
  });
  return { code: r.code, loaded };
}

const has = (loaded: string[], prefix: string): boolean => loaded.some((m) => m.startsWith(prefix));

describe('modules loaded by a run', () => {
  it('generate --force on a ReadMe page: no yargs, no Prettier, no MDX extensions, the Handlebars runtime only', () => {
    const { code, loaded } = loadsOf(['generate', '--force', '--page', 'schema/the-customer-session-object.md']);
    expect(code).toBe(0);
    // Loaded: what the run needs (json-schema-to-typescript too, but through `require`, which this does not record).
    for (const needed of ['htmlparser2/', 'acorn/', 'mdast-util-from-markdown/', 'handlebars/runtime.js']) {
      expect(has(loaded, needed), needed).toBe(true);
    }
    // Not loaded: yargs (plain generate forms), Prettier's core (json2ts runs with format: false), the
    // MDX syntax extensions (a ReadMe page's Markdown is plain), Handlebars' compiler (templates precompiled),
    // js-yaml is `require`d, as json2ts does, so its ESM build is not loaded beside the CommonJS one. AJV (and
    // astring, for its output) only for a schema using a keyword our validator emitters do not build.
    for (const unneeded of ['yargs/', 'prettier/', 'micromark-extension-mdxjs/', 'acorn-jsx/', 'handlebars/lib/index.js', 'js-yaml/', 'ajv/', 'astring/']) {
      expect(has(loaded, unneeded), unneeded).toBe(false);
    }
  });

  it('a Mintlify page loads the MDX extensions', () => {
    const { code, loaded } = loadsOf(['generate', '--force', '--page', MINTLIFY_PAGE]);
    expect(code).toBe(0);
    expect(has(loaded, 'micromark-extension-mdxjs/')).toBe(true);
    expect(has(loaded, 'prettier/')).toBe(false);
  });

  it('a usage error goes through yargs', () => {
    const { code, loaded } = loadsOf(['generate', '--bogus']);
    expect(code).toBe(2);
    expect(has(loaded, 'yargs/')).toBe(true);
  });
});

describe('globs in pages (issue 12)', () => {
  const RECORD = join(ROOT, 'test', 'cli', 'fixtures', 'record-requires.cjs');
  /** A run with every CommonJS module it loaded (tinyglobby is loaded with createRequire). */
  function run(dir: string): { stdout: string; required: string[] } {
    const record = join(dir, 'requires.txt');
    const r = cli([], dir, { RECORD_REQUIRES: record, NODE_OPTIONS: `--require=${RECORD}` });
    expect(r.stderr).toBe('');
    return { stdout: r.stdout, required: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
  }
  const globby = (required: string[]): boolean => required.some((m) => m.includes('/node_modules/tinyglobby/'));

  it('the no-op run loads tinyglobby only when a page entry is a glob; a new page the glob matches is no no-op', () => {
    const plain = seedProject('glob-plain', { pages: ['schema/the-customer-session-object.md'] });
    expect(cli([], plain).code).toBe(0);
    const noop = run(plain);
    expect(noop.stdout).toBe('out/ is up to date\n');
    expect(globby(noop.required)).toBe(false);
    expect(noop.required.length).toBeGreaterThan(0);

    const globbed = seedProject('glob-star', { pages: ['schema/*.md'] });
    expect(cli([], globbed).code).toBe(0);
    const again = run(globbed);
    expect(again.stdout).toBe('out/ is up to date\n');
    expect(globby(again.required)).toBe(true);
    // Another page where the glob looks: the next run generates it, and its canonical schema beside it.
    writeFileSync(join(globbed, 'schema', 'the-payment-object.md'), readFileSync(join(ROOT, '..', 'shared', 'yuno-pages', 'the-payment-object.md')));
    const r = cli(['--json'], globbed);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'generated', schemas: ['CustomerSession', 'Payment'] });
    expect(existsSync(join(globbed, 'schema', 'payment.schema.json'))).toBe(true);
  });
});

describe('json-schema-to-typescript without Prettier', () => {
  it('leaves require("prettier") and json2ts\'s own formatting to the real Prettier after a run in the same process', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
      const { generate } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'generators', 'index.js')).href)});
      const page = { path: 'seed.md', bytes: new Uint8Array(readFileSync(${JSON.stringify(join(ROOT, 'schema', 'the-customer-session-object.md'))})) };
      const out = await generate({ pages: [page] });
      const require = createRequire(${JSON.stringify(join(ROOT, 'node_modules', 'json-schema-to-typescript', 'package.json'))});
      const before = Object.keys(require.cache).filter((k) => k.includes('/node_modules/prettier/'));
      const prettier = require('prettier');
      const formatted = await prettier.format('const  a=1', { parser: 'babel' });
      // json2ts keeps the module it was given when it loaded; with formatting on it must still format.
      const json2ts = await import('json-schema-to-typescript');
      const typed = await json2ts.compile({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, 'X', { bannerComment: '' });
      console.log(JSON.stringify({ types: out.files.some((f) => f.path === 'customer-session.d.ts'), before, formatted, typed }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      types: true,
      before: [],
      formatted: 'const a = 1;\n',
      typed: 'export interface X {\n  a?: string;\n}\n',
    });
  });
});
