/** Config discovery, JSON syntax errors, schema validation messages, path resolution, the yargs-free argv reader. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadPlan, parseJson, parseOnly, resolvePlan, validateConfig } from '../../generators/config.js';
import { quickArgs } from '../../generators/cli/args.js';
import { readInputs } from '../../generators/fastpath.js';
import { libraryOptions } from '../../generators/cli/run.js';
import { CodegenError } from '../../generators/types.js';
import { tempDir } from './helpers.js';

async function messages(fn: () => unknown): Promise<string[]> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof CodegenError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a CodegenError');
}

describe('parseJson', () => {
  const cases: [string, string][] = [
    ['{\n  "pages": [\n    "a.md",\n  ]\n}', 'c.json (line 4, column 3): not valid JSON: trailing comma before "]"; fix the syntax'],
    ['{\n  "out": "out"\n  "target": "ts"\n}', 'c.json (line 3, column 3): not valid JSON: unexpected "\\"", expected "," or "}"; fix the syntax'],
    ["{ 'out': 1 }", 'c.json (line 1, column 3): not valid JSON: unexpected "\'", expected a "quoted" key; fix the syntax'],
    ['{ "out": }', 'c.json (line 1, column 10): not valid JSON: unexpected "}", expected a value; fix the syntax'],
    ['{ "out": "x', 'c.json (line 1, column 12): not valid JSON: unterminated string; fix the syntax'],
    ['', 'c.json (line 1, column 1): not valid JSON: the text ends too early, expected a value; fix the syntax'],
    ['{} {}', 'c.json (line 1, column 4): not valid JSON: unexpected "{" after the end of the JSON value; fix the syntax'],
  ];
  it.each(cases)('%j', async (text, message) => {
    expect(await messages(() => parseJson(text, 'c.json'))).toEqual([message]);
  });
  it('accepts a BOM', () => {
    expect(parseJson('\uFEFF{"out":"x"}', 'c.json')).toEqual({ out: 'x' });
  });
});

describe('validateConfig', () => {
  it('names each bad key with a JSON pointer and says what is allowed', async () => {
    const bad = { pgaes: ['a.md'], target: 'pkg', only: ['types', 'html'], out: 3, packageName: 'Bad Name', packageVersion: 'v1', threads: 1.5 };
    expect(await messages(() => validateConfig(bad, 'yuno-codegen.config.json'))).toEqual([
      'yuno-codegen.config.json (/pgaes): unknown key "pgaes"; the known keys are pages, openapi, pinned, changelog, schemas, out, target, templates, only, packageName, packageVersion, writeSchemas, cache, threads',
      'yuno-codegen.config.json (/out): must be a string (got 3)',
      'yuno-codegen.config.json (/target): must be one of "package", "ts" (got "pkg")',
      'yuno-codegen.config.json (/only/1): must be one of "types", "validators", "docs", "fixtures" (got "html")',
      'yuno-codegen.config.json (/packageName): must be a valid npm package name such as "yuno-types" or "@acme/yuno-types" (got "Bad Name")',
      'yuno-codegen.config.json (/packageVersion): must be a semver version such as "1.2.3" (got "v1")',
      'yuno-codegen.config.json (/threads): must be a whole number from 0 to 64 (got 1.5)',
    ]);
    expect(await messages(() => validateConfig({ threads: 65 }, 'c.json'))).toEqual(['c.json (/threads): must be a whole number from 0 to 64 (got 65)']);
  });
  it('accepts every documented key', async () => {
    const good = {
      $schema: './node_modules/yuno-codegen/schema/yuno-codegen.config.schema.json',
      pages: ['a.md'],
      schemas: ['b.json'],
      out: 'gen',
      target: 'ts',
      templates: 'tpl',
      only: ['types'],
      packageName: '@acme/yuno-types',
      packageVersion: '1.2.3-rc.1',
      writeSchemas: false,
      threads: 0,
    };
    expect(await validateConfig(good, 'c.json')).toBe(good);
  });
});

describe('finding the config and resolving paths', () => {
  it("hands the config's threads to the library, and leaves the choice to it without one", async () => {
    const root = tempDir('config-threads');
    writeFileSync(join(root, 'a.md'), '| Field | Type | Description |\n| --- | --- | --- |\n| id | string | The id. |\n');
    writeFileSync(join(root, 'yuno-codegen.config.json'), JSON.stringify({ pages: ['a.md'], threads: 3 }));
    const plan = await loadPlan({}, root);
    expect(libraryOptions(plan, readInputs(plan)).threads).toBe(3);
    writeFileSync(join(root, 'yuno-codegen.config.json'), JSON.stringify({ pages: ['a.md'] }));
    const without = await loadPlan({}, root);
    expect('threads' in libraryOptions(without, readInputs(without))).toBe(false);
  });

  it('finds the config upward and resolves its paths relative to it; flags relative to the working directory', async () => {
    const root = tempDir('config');
    mkdirSync(join(root, 'pkg', 'src'), { recursive: true });
    writeFileSync(join(root, 'yuno-codegen.config.json'), JSON.stringify({ pages: ['docs/a.md'], out: 'gen', templates: 'tpl' }));
    const cwd = join(root, 'pkg', 'src');
    expect(findConfig(cwd)).toBe(join(root, 'yuno-codegen.config.json'));
    const plan = await loadPlan({}, cwd);
    expect(plan.pages).toEqual([{ abs: join(root, 'docs', 'a.md'), rel: 'docs/a.md', besideSchema: true }]);
    expect(plan.outDir).toBe(join(root, 'gen'));
    expect(plan.templatesDir).toBe(join(root, 'tpl'));
    const flagged = await loadPlan({ page: ['x.md'], out: 'o' }, cwd);
    expect(flagged.pages).toEqual([{ abs: join(cwd, 'x.md'), rel: 'x.md', besideSchema: false }]);
    expect(flagged.schemas).toEqual([]);
    expect(flagged.outDir).toBe(join(cwd, 'o'));
  });

  it('uses the embedded seed page and ./out without a config or inputs', () => {
    const cwd = tempDir('config');
    const plan = resolvePlan({}, cwd);
    expect(plan.pages.map((p) => [p.rel, p.besideSchema])).toEqual([['schema/the-customer-session-object.md', false]]);
    expect(plan.outDir).toBe(join(cwd, 'out'));
    expect(plan.target).toBe('package');
    expect(plan.only).toEqual(['types', 'validators', 'docs']);
  });

  it('writeSchemas: false turns off the schema beside each page', async () => {
    const root = tempDir('config');
    writeFileSync(join(root, 'yuno-codegen.config.json'), JSON.stringify({ pages: ['a.md'], writeSchemas: false }));
    expect((await loadPlan({}, root)).pages[0]?.besideSchema).toBe(false);
  });
});

describe('parseOnly and quickArgs', () => {
  it('parseOnly keeps known kinds in canonical order', () => {
    expect(parseOnly('docs, types')).toEqual(['types', 'docs']);
    expect(parseOnly('types,html')).toBeUndefined();
    expect(parseOnly('')).toBeUndefined();
  });
  it('reads the plain generate forms and leaves everything else to yargs', () => {
    expect(quickArgs([])).toEqual({});
    expect(quickArgs(['generate', '--config', 'c.json', '--page=a.md', '--page', 'b.md', '--quiet'])).toEqual({
      config: 'c.json',
      page: ['a.md', 'b.md'],
      quiet: true,
    });
    expect(quickArgs(['--only', 'docs,types', '--target', 'ts'])).toEqual({ only: ['types', 'docs'], target: 'ts' });
    expect(quickArgs(['generate', '--force', '--json'])).toEqual({ force: true, json: true });
    for (const argv of [['check'], ['--bogus'], ['--out'], ['--out', '--quiet'], ['--target', 'x'], ['--help'], ['-h'], ['--out', 'a', '--out', 'b'], ['--quiet=false'], ['generate', 'extra']]) {
      expect(quickArgs(argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('globs in pages (issue 12)', () => {
  /** A project: the config at the root, pages under docs/ with the files that live beside pages. */
  function project(pages: string[]): string {
    const root = tempDir('globs');
    for (const f of ['docs/b.mdx', 'docs/a.md', 'docs/sub/c.md', 'docs/a.overrides.json', 'docs/x.schema.json', 'docs/notes.txt', 'extra/[draft].md', 'extra/z.md']) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), 'x');
    }
    mkdirSync(join(root, 'pkg'));
    writeFileSync(join(root, 'yuno-codegen.config.json'), JSON.stringify({ pages }));
    return root;
  }
  const rels = (plan: { pages: { rel: string }[] }): string[] => plan.pages.map((p) => p.rel);

  it('a glob picks the .md and .mdx files it matches, sorted, relative to the config file, whatever the working directory', async () => {
    const root = project(['extra/z.md', 'docs/**/*', 'docs/*.md']);
    const plan = await loadPlan({}, join(root, 'pkg'));
    // Entries keep their order; a glob's matches are sorted; a file a glob matched again is listed once.
    expect(rels(plan)).toEqual(['extra/z.md', 'docs/a.md', 'docs/b.mdx', 'docs/sub/c.md']);
    expect(plan.pages.map((p) => p.abs)).toEqual(['extra/z.md', 'docs/a.md', 'docs/b.mdx', 'docs/sub/c.md'].map((f) => join(root, f)));
    expect(plan.pages.every((p) => p.besideSchema)).toBe(true);
    expect(plan.problems).toEqual([]);
  });

  it('a page whose name only looks like a glob is that file', async () => {
    const root = project(['extra/[draft].md']);
    expect(rels(await loadPlan({}, root))).toEqual(['extra/[draft].md']);
  });

  it('a glob that matches no page is an error naming the key and the glob, reported with the other input problems', async () => {
    const root = project(['docs/*.MDX', 'docs/missing.md', 'docs/*.txt']);
    const plan = await loadPlan({}, join(root, 'pkg'));
    expect(await messages(() => readInputs(plan))).toEqual([
      `${join(root, 'yuno-codegen.config.json')} (/pages/0): the glob "docs/*.MDX" matches no .md or .mdx file; check the pattern (paths in yuno-codegen.config.json are relative to that file)`,
      `${join(root, 'yuno-codegen.config.json')} (/pages/2): the glob "docs/*.txt" matches no .md or .mdx file; check the pattern (paths in yuno-codegen.config.json are relative to that file)`,
      `${join(root, 'docs', 'missing.md')}: cannot read the page (not found); check the path (paths in yuno-codegen.config.json are relative to that file)`,
    ]);
  });

  it('--page takes a glob too, relative to the working directory', async () => {
    const root = project([]);
    expect(rels(await loadPlan({ page: ['*/*.md'] }, root))).toEqual(['docs/a.md', 'extra/[draft].md', 'extra/z.md']);
    const plan = await loadPlan({ page: ['nope/*.md'] }, root);
    expect(await messages(() => readInputs(plan))).toEqual([
      'nope/*.md: the glob matches no .md or .mdx file; check the pattern (flags are relative to the working directory)',
    ]);
  });
});
