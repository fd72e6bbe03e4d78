/** The built CLI: generate (default page, no-op path, user files, determinism) and extract. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, CONFIG, PAGE, ROOT, cli, readTree, seedProject, session, tempDir, validates, writeJson } from './helpers.js';

/** What generate says after its summary when it used the embedded page because no config was found. */
const EMBEDDED =
  'the embedded Customer Session example (no yuno-codegen.config.json here or in a parent directory; create one to generate your own pages)';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
import { generate } from '../../generators/index.js';
import { WORKERS_FROM_OBJECTS } from '../../generators/emit/threads.js';

describe('generate', () => {
  it('with no config and no inputs uses the embedded page, writes ./out only, and says so on every run', () => {
    const dir = tempDir('seed');
    const r = cli([], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^generated 17 files \\(17 written, 0 unchanged\\) in \\d+ ms from ${escape(EMBEDDED)}\n$`));
    expect(readdirSync(dir)).toEqual(['out']);
    expect(existsSync(join(dir, 'out', 'package.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', '.yuno-codegen.json'))).toBe(true);
    expect(validates(dir, session('fe50d39a-5a1c-11ed-9b6a-0242ac120002'))).toBe(true);
    expect(cli([], dir).stdout).toBe(`out/ is up to date with ${EMBEDDED}\n`);
    expect(cli(['--force'], dir).stdout).toMatch(new RegExp(`^out/ is up to date \\(regenerated 17 files in \\d+ ms, nothing changed\\) with ${escape(EMBEDDED)}\n$`));
    expect(JSON.parse(cli(['--json'], dir).stdout)).toMatchObject({ status: 'up-to-date', embedded: true });
    // A page given as a flag, or a config, is no example: nothing more is said.
    expect(cli(['--page', join(ROOT, PAGE), '--out', 'mine'], dir).stdout).toMatch(/^generated 17 files \(17 written, 0 unchanged\) in \d+ ms\n$/);
    expect(JSON.parse(cli(['--page', join(ROOT, PAGE), '--out', 'mine', '--json'], dir).stdout)).not.toHaveProperty('embedded');
  });

  it('the summary says how many files were written, unchanged and removed, and the schemas written beside their pages', () => {
    const dir = seedProject('counts', CONFIG);
    expect(cli([], dir).stdout).toMatch(/^generated 17 files \(17 written, 0 unchanged\) and 1 schema beside its page in \d+ ms\n$/);
    const dts = join(dir, 'out', 'index.d.ts');
    writeFileSync(dts, `${readFileSync(dts, 'utf8')}// edited\n`);
    expect(cli([], dir).stdout).toMatch(/^generated 17 files \(1 written, 16 unchanged\) in \d+ ms\n$/);
    expect(cli(['--only', 'types,validators'], dir).stdout).toMatch(/^generated 14 files \(1 written, 13 unchanged, 3 removed\) in \d+ ms\n$/);
    rmSync(join(dir, 'schema', 'customer-session.schema.json'));
    expect(cli(['--only', 'types,validators'], dir).stdout).toMatch(/^generated 14 files \(0 written, 14 unchanged\) and 1 schema beside its page in \d+ ms\n$/);
  });

  it('--json gives every path relative to the working directory (POSIX), or absolute outside it', () => {
    const dir = seedProject('json-paths', CONFIG);
    const first = JSON.parse(cli(['--json'], dir).stdout) as Record<string, unknown>;
    expect(first).toEqual({
      command: 'generate',
      ok: true,
      status: 'generated',
      out: 'out',
      files: 17,
      written: [
        'out/README.md', 'out/customer-session.cjs', 'out/customer-session.d.cts', 'out/customer-session.d.ts', 'out/customer-session.js',
        'out/docs/customer-session.html', 'out/docs/customer-session.md', 'out/index.cjs', 'out/index.d.cts', 'out/index.d.ts', 'out/index.js',
        'out/package.json', 'out/schemas/customer-session.schema.json', 'out/shared.cjs', 'out/shared.d.cts', 'out/shared.d.ts', 'out/shared.js',
        'schema/customer-session.schema.json',
      ],
      removed: [],
      schemas: ['CustomerSession'],
      ms: first['ms'],
    });
    expect(JSON.parse(cli(['--json', '--only', 'types,validators'], dir).stdout)).toMatchObject({
      written: ['out/package.json'],
      removed: ['out/README.md', 'out/docs/customer-session.html', 'out/docs/customer-session.md'],
    });
    // From a subdirectory, outside which everything lies: absolute paths, never a mix.
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    rmSync(join(dir, 'schema', 'customer-session.schema.json'));
    expect(JSON.parse(cli(['--json'], sub).stdout)).toMatchObject({
      out: join(dir, 'out'),
      written: [
        ...['README.md', 'docs/customer-session.html', 'docs/customer-session.md', 'package.json'].map((f) => join(dir, 'out', f)),
        join(dir, 'schema', 'customer-session.schema.json'),
      ],
      removed: [],
    });
    const dts = join(dir, 'out', 'index.d.ts');
    writeFileSync(dts, `${readFileSync(dts, 'utf8')}// edited\n`);
    expect(JSON.parse(cli(['check', '--json'], dir).stdout)).toMatchObject({ out: 'out', files: [{ kind: 'stale', path: 'out/index.d.ts' }] });
    expect(JSON.parse(cli(['check', '--json'], sub).stdout)).toMatchObject({ out: join(dir, 'out'), files: [{ kind: 'stale', path: join(dir, 'out', 'index.d.ts') }] });
    // Problems in a page the config names: the page as seen from the working directory too.
    writeFileSync(join(dir, 'schema', 'bad.md'), 'no fields here\n');
    writeJson(join(dir, 'yuno-codegen.config.json'), { pages: ['schema/bad.md'] });
    expect(JSON.parse(cli(['--json'], dir).stdout).problems.map((p: { file: string }) => p.file)).toEqual(['schema/bad.md']);
    expect(JSON.parse(cli(['--json'], sub).stdout).problems.map((p: { file: string }) => p.file)).toEqual([join(dir, 'schema', 'bad.md')]);
  });

  it('a second run is a no-op that loads none of the heavy modules; --force regenerates', () => {
    const dir = tempDir('noop');
    expect(cli([], dir).code).toBe(0);
    const trace = join(dir, 'loads.txt');
    const run = (args: string[]) => {
      rmSync(trace, { force: true });
      const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test', 'cli', 'fixtures', 'trace-loads.mjs'), CLI, ...args], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', TRACE_LOADS_FILE: trace },
        encoding: 'utf8',
      });
      return { code: r.status, stdout: r.stdout, loads: readFileSync(trace, 'utf8').split('\n').filter(Boolean) };
    };
    const heavy = /\/dist\/generators\/index\.js$|node_modules\/(yargs|ajv|ajv-formats|handlebars|json-schema-to-typescript|htmlparser2|micromark[^/]*|mdast[^/]*|chokidar|diff)\//;
    const noop = run([]);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toBe(`out/ is up to date with ${EMBEDDED}\n`);
    expect(noop.loads.filter((u) => heavy.test(u))).toEqual([]);
    expect(noop.loads).toContain(`file://${CLI}`);
    const forced = run(['--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(new RegExp(`^out/ is up to date \\(regenerated 17 files in \\d+ ms, nothing changed\\) with ${escape(EMBEDDED)}\n$`));
    // The trace sees heavy modules when they are loaded, so the empty list above means something.
    expect(forced.loads.some((u) => /\/dist\/generators\/index\.js$/.test(u))).toBe(true);
    expect(forced.loads.some((u) => /node_modules\/handlebars\//.test(u))).toBe(true);
  });

  it('a changed input, a changed option or a damaged output file is not a no-op', () => {
    const dir = seedProject('noop-miss', CONFIG);
    expect(cli([], dir).code).toBe(0);
    expect(cli([], dir).stdout).toBe('out/ is up to date\n');
    expect(cli(['--only', 'types,validators'], dir).stdout).toMatch(/^generated 14 files \(1 written, 13 unchanged, 3 removed\) in \d+ ms\n$/);
    expect(cli(['--only', 'types,validators'], dir).stdout).toBe('out/ is up to date\n');
    const pkg = join(dir, 'out', 'package.json');
    writeFileSync(pkg, `${readFileSync(pkg, 'utf8')} `);
    expect(cli(['--only', 'types,validators'], dir).stdout).toMatch(/^generated 14 files \(1 written, 13 unchanged\) in \d+ ms\n$/);
    writeFileSync(join(dir, 'schema', 'the-customer-session-object.overrides.json'), '{}\n');
    expect(cli(['--only', 'types,validators'], dir).stdout).not.toBe('out/ is up to date\n');
  });

  it('keeps files it did not write, removes files it no longer writes, --json and --quiet', () => {
    const dir = seedProject('keep', CONFIG);
    expect(cli([], dir).code).toBe(0);
    const all = Object.keys(readTree(join(dir, 'out')));
    writeFileSync(join(dir, 'out', 'NOTES.md'), 'mine\n');
    const r = cli(['--only', 'types', '--json'], dir);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; removed: string[]; files: number };
    expect(result.status).toBe('generated');
    const now = Object.keys(readTree(join(dir, 'out')));
    expect(now).toContain('NOTES.md');
    expect(readFileSync(join(dir, 'out', 'NOTES.md'), 'utf8')).toBe('mine\n');
    expect(result.removed.length).toBeGreaterThan(0);
    expect(result.removed.every((p) => p.startsWith('out/') && all.includes(p.slice(4)) && !now.includes(p.slice(4)))).toBe(true);
    expect(result.files).toBe(now.length - 2); // minus NOTES.md and the manifest
    expect(cli(['--quiet', '--force'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('is deterministic: identical bytes from another working directory, time zone and locale', () => {
    const a = seedProject('det-a', CONFIG);
    const b = seedProject('det-b', CONFIG);
    mkdirSync(join(b, 'sub', 'dir'), { recursive: true });
    expect(cli([], a).code).toBe(0);
    expect(cli([], join(b, 'sub', 'dir'), { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }).code).toBe(0);
    expect(readTree(join(b, 'out'))).toEqual(readTree(join(a, 'out')));
    expect(readFileSync(join(b, 'schema', 'customer-session.schema.json'), 'utf8')).toBe(readFileSync(join(a, 'schema', 'customer-session.schema.json'), 'utf8'));
  });
});

describe('extract', () => {
  it('prints the canonical schema of a page, exactly the committed one', () => {
    const r = cli(['extract', join(ROOT, PAGE)], tempDir('extract'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema', 'customer-session.schema.json'), 'utf8'));
  });

  it('--out-dir writes <slug>.schema.json per page', () => {
    const dir = seedProject('extract');
    const r = cli(['extract', PAGE, '--out-dir', 'schemas'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^extracted 1 schema into schemas\/ in \d+ ms\n$/);
    expect(readFileSync(join(dir, 'schemas', 'customer-session.schema.json'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'schema', 'customer-session.schema.json'), 'utf8'),
    );
  });

  it('takes a glob: one page printed, several written with --out-dir (issue 12)', () => {
    const dir = seedProject('extract-glob');
    expect(cli(['extract', 'schema/*.md'], dir).stdout).toBe(readFileSync(join(ROOT, 'schema', 'customer-session.schema.json'), 'utf8'));
    writeFileSync(join(dir, 'schema', 'the-payment-object.md'), readFileSync(join(ROOT, '..', 'shared', 'yuno-pages', 'the-payment-object.md')));
    expect(cli(['extract', 'schema/*.md'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: extract prints one page; schema/*.md matches 2 pages; give --out-dir DIR to extract them all\n',
    });
    const r = cli(['extract', 'schema/*.md', '--out-dir', 'schemas'], dir);
    expect(r.stdout).toMatch(/^extracted 2 schemas into schemas\/ in \d+ ms\n$/);
    expect(readdirSync(join(dir, 'schemas'))).toEqual(['customer-session.schema.json', 'payment.schema.json']);
  });

  it('a bad page prints nothing on stdout', () => {
    const dir = tempDir('extract');
    writeFileSync(join(dir, 'bad.md'), '');
    const r = cli(['extract', 'bad.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: bad\.md/);
  });
});

describe('generate with many objects (emitted in worker threads)', () => {
  it('writes exactly what the library emits in one thread, and the canonical schemas beside the pages', async () => {
    const corpusDir = join(ROOT, '..', 'shared', 'yuno-pages');
    const names = readdirSync(corpusDir).filter((f) => f.endsWith('.md') && !f.includes('.legacy-')).sort();
    expect(names.length).toBeGreaterThanOrEqual(WORKERS_FROM_OBJECTS);
    const dir = tempDir('many');
    mkdirSync(join(dir, 'pages'));
    for (const name of names) writeFileSync(join(dir, 'pages', name), readFileSync(join(corpusDir, name)));
    // Two workers whatever the machine: the config's `threads`.
    writeFileSync(join(dir, 'yuno-codegen.config.json'), JSON.stringify({ pages: names.map((n) => `pages/${n}`), packageVersion: '1.0.0', threads: 2 }));
    const r = cli(['--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'generated', files: 7 * names.length + 10 });
    const expected = await generate({
      pages: names.map((n) => ({ path: `pages/${n}`, bytes: new Uint8Array(readFileSync(join(dir, 'pages', n))) })),
      packageVersion: '1.0.0',
      threads: 0,
    });
    const tree = readTree(join(dir, 'out'));
    delete tree['.yuno-codegen.json'];
    expect(Object.keys(tree).sort()).toEqual(expected.files.map((f) => f.path));
    for (const f of expected.files) expect(tree[f.path], f.path).toBe(f.contents);
    for (const doc of expected.schemas) {
      expect(readFileSync(join(dir, 'pages', `${doc.slug}.schema.json`), 'utf8')).toBe(`${JSON.stringify(doc.schema, null, 2)}\n`);
    }
    // And a second run is a no-op; check (also streaming from the workers) agrees, and sees a hand edit.
    expect(cli([], dir).stdout).toBe('out/ is up to date\n');
    expect(cli(['check'], dir).stdout).toMatch(/^out\/ is up to date \(checked \d+ files in \d+ ms\)\n$/);
    writeFileSync(join(dir, 'out', 'reports.d.ts'), `${tree['reports.d.ts']}// edited\n`);
    const stale = cli(['check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('stale: out/reports.d.ts differs from what generate writes');
    expect(stale.stderr).toBe('error: check failed: 1 output file out of date; run yuno-codegen generate\n');
  });
});
