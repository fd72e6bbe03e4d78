/**
 * The built CLI as users run it, in real processes and temporary directories: usage errors, bad inputs
 * (each message pinned), generate and its no-op path, and the check workflow.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, SEED, cli, readTree, seedProject, tempDir, writeJson } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const PAGE = 'schema/the-customer-session-object.md';
const CONFIG = { pages: [PAGE], out: 'out' };

/** Run a command and return everything under the directory afterwards, to prove nothing was written. */
function unchanged(dir: string, run: () => void): void {
  const before = readTree(dir);
  run();
  expect(readTree(dir)).toEqual(before);
}

describe('usage', () => {
  it('--help lists the commands, the options and examples', () => {
    const r = cli(['--help'], tempDir('help'));
    expect(r.code).toBe(0);
    for (const text of ['yuno-codegen generate', 'yuno-codegen check', 'yuno-codegen watch', 'yuno-codegen extract <pages..>', '--out', '--page', '--schema', '--templates', '--target', '--only', '--force', '--json', '--quiet', '--debug', 'Examples:', 'Exit codes: 0 success, 1 problems in the inputs or stale output, 2 usage errors.']) {
      expect(r.stdout).toContain(text);
    }
  });

  it('--version prints the package version', () => {
    expect(cli(['--version'], tempDir('version'))).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  const usage: [string[], string][] = [
    [['--frobnicate'], 'error: Unknown argument: frobnicate'],
    [['check', '--force'], 'error: Unknown argument: force'],
    [['generate', 'extra'], 'error: Unknown argument: extra'],
    [['--target', 'pkg'], 'error: Invalid values:\n  Argument: target, Given: "pkg", Choices: "package", "ts"'],
    [['--only', 'types,html'], 'error: --only "types,html": choose one or more of types, validators, docs, comma-separated'],
    [['--out'], 'error: Not enough arguments following: out'],
    [['extract'], 'error: Not enough non-option arguments: got 0, need at least 1'],
  ];
  it.each(usage)('%j is a usage error (exit 2) with one clear message', (args, message) => {
    const dir = tempDir('usage');
    unchanged(dir, () => {
      const r = cli(args, dir);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\nRun "yuno-codegen --help" for the commands and options.\n` });
    });
  });

  it('extract of several pages needs --out-dir', () => {
    const r = cli(['extract', 'a.md', 'b.md'], tempDir('usage'));
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: extract prints one page; give --out-dir DIR to extract 2 pages\n' });
  });

  it('--out given twice is a usage error', () => {
    const r = cli(['check', '--out', 'a', '--out', 'b'], tempDir('usage'));
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: --out was given 2 times; give it once\n' });
  });
});

describe('bad input: exit 1, one message per problem, no stack trace, nothing written anywhere', () => {
  const cases: [string, (dir: string) => string[], string][] = [
    ['a missing page', () => ['--page', 'nope.md'], 'error: nope.md: cannot read the page (not found); check the path\nnothing was written\n'],
    [
      'a missing page listed in the config',
      (dir) => (writeJson(join(dir, 'yuno-codegen.config.json'), { pages: ['docs/nope.md'] }), []),
      'error: docs/nope.md: cannot read the page (not found); check the path (paths in yuno-codegen.config.json are relative to that file)\nnothing was written\n',
    ],
    ['a directory given as a page', () => ['--page', 'schema'], 'error: schema: is a directory, not a page; give a .md or .mdx file\nnothing was written\n'],
    [
      'an --out under a regular file',
      (dir) => (writeFileSync(join(dir, 'README.md'), 'hi\n'), ['--page', PAGE, '--out', 'README.md/out']),
      'error: README.md/out: cannot create the output directory: README.md is a file, not a directory; choose another output directory\nnothing was written\n',
    ],
    [
      'an --out that is a regular file',
      (dir) => (writeFileSync(join(dir, 'README.md'), 'hi\n'), ['--page', PAGE, '--out', 'README.md']),
      'error: README.md: is a file, not a directory; choose another output directory\nnothing was written\n',
    ],
    [
      'malformed config JSON',
      (dir) => (writeFileSync(join(dir, 'yuno-codegen.config.json'), '{\n  "pages": ["schema/the-customer-session-object.md"],\n}\n'), []),
      'error: yuno-codegen.config.json (line 3, column 1): not valid JSON: trailing comma before "}"; fix the syntax\nnothing was written\n',
    ],
    [
      'a config with an unknown key and a bad target',
      (dir) => (writeJson(join(dir, 'yuno-codegen.config.json'), { page: [PAGE], target: 'js' }), []),
      'error: yuno-codegen.config.json (/page): unknown key "page"; the known keys are pages, schemas, out, target, templates, only, packageName, packageVersion, writeSchemas\n' +
        'error: yuno-codegen.config.json (/target): must be one of "package", "ts" (got "js")\nnothing was written\n',
    ],
    ['a missing --config', () => ['--config', 'nope.json'], 'error: nope.json: cannot read the config file (not found)\nnothing was written\n'],
    [
      'a template with a syntax error (--templates)',
      (dir) => {
        mkdirSync(join(dir, 'tpl'));
        writeFileSync(join(dir, 'tpl', 'docs.md.hbs'), 'line one\n{{#if title}}\nnever closed\n');
        return ['--page', PAGE, '--templates', 'tpl'];
      },
      'error: tpl/docs.md.hbs (line 4): template error: Parse error on line 4:; fix the template or remove it to use the built-in one\nnothing was written\n',
    ],
    [
      'a page with problems',
      (dir) => (writeFileSync(join(dir, 'bad.md'), '---\ntitle: The Thing Object\n---\n# Nothing here\n'), ['--page', 'bad.md']),
      'error: bad.md: no attribute block found: expected an <HTMLBlock>{`…`}</HTMLBlock> with div.yuno entries, a [block:html] block, or <ParamField> entries\nnothing was written\n',
    ],
    [
      'a page with problems among good ones, in a config with writeSchemas',
      (dir) => {
        writeFileSync(join(dir, 'schema', 'bad.md'), '---\ntitle: The Thing Object\n---\n# Nothing here\n');
        writeJson(join(dir, 'yuno-codegen.config.json'), { pages: [PAGE, 'schema/bad.md'] });
        return [];
      },
      'error: schema/bad.md: no attribute block found: expected an <HTMLBlock>{`…`}</HTMLBlock> with div.yuno entries, a [block:html] block, or <ParamField> entries\nnothing was written\n',
    ],
    [
      'an object whose title would escape --out',
      (dir) => (writeJson(join(dir, 'x.schema.json'), { title: '../../x', type: 'object', properties: { a: { type: 'string' } } }), ['--schema', 'x.schema.json']),
      'error: x.schema.json (/title): title "../../x" contains a path; it names the generated files, so use letters, digits and spaces\nnothing was written\n',
    ],
  ];
  it.each(cases)('%s', (_name, setup, stderr) => {
    const root = tempDir('bad');
    const dir = join(root, 'project');
    mkdirSync(join(dir, 'schema'), { recursive: true });
    cpSync(SEED, join(dir, PAGE));
    const args = setup(dir);
    unchanged(root, () => {
      expect(cli(args, dir)).toEqual({ code: 1, stdout: '', stderr });
    });
  });

  it('an unreadable page', () => {
    const dir = tempDir('unreadable');
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'secret.md'), 'x');
    chmodSync(join(dir, 'secret.md'), 0o000);
    // Root reads anything, so run the CLI as an unprivileged user to make the file truly unreadable.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    unchanged(dir, () => {
      expect(cli(['--page', 'secret.md'], dir, {}, asUser)).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: secret.md: cannot read the page (permission denied)\nnothing was written\n',
      });
    });
  });

  it('an unwritable output location', () => {
    const dir = seedProject('unwritable');
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'schema'), 0o755);
    mkdirSync(join(dir, 'locked'), { mode: 0o555 });
    chmodSync(join(dir, 'locked'), 0o555);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    unchanged(dir, () => {
      expect(cli(['--page', PAGE, '--out', 'locked/out'], dir, {}, asUser)).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: locked/out: cannot write the output directory (permission denied); choose a writable --out\nnothing was written\n',
      });
    });
  });

  it('--json reports the problems on stdout too', () => {
    const dir = tempDir('bad');
    const r = cli(['--page', 'nope.md', '--json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      command: 'generate',
      ok: false,
      problems: [{ file: 'nope.md', at: '', rule: 'input', message: 'cannot read the page (not found); check the path' }],
    });
  });

  it('--debug adds the stack trace; without it there is none', () => {
    const dir = tempDir('bad');
    expect(cli(['--page', 'nope.md'], dir).stderr).not.toMatch(/\n\s+at /);
    expect(cli(['--page', 'nope.md', '--debug'], dir).stderr).toMatch(/CodegenError: nope\.md: cannot read the page[^\n]*\n\s+at /);
  });
});

/** The generated Customer Session validator of `dir/out`, run in a fresh process on `value`. */
function validates(dir: string, value: unknown): boolean {
  const code = `import { isCustomerSession } from './out/index.js'; process.stdout.write(String(isCustomerSession(${JSON.stringify(value)})));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout === 'true';
}

const session = (id: string) => ({
  customer_session: id,
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
});

describe('generate', () => {
  it('with no config and no inputs uses the embedded page and writes ./out only', () => {
    const dir = tempDir('seed');
    const r = cli([], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^generated \d+ files in \d+ ms\n$/);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(existsSync(join(dir, 'out', 'package.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', '.yuno-codegen.json'))).toBe(true);
    expect(validates(dir, session('fe50d39a-5a1c-11ed-9b6a-0242ac120002'))).toBe(true);
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
    expect(noop.stdout).toBe('out/ is up to date\n');
    expect(noop.loads.filter((u) => heavy.test(u))).toEqual([]);
    expect(noop.loads).toContain(`file://${CLI}`);
    const forced = run(['--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^out\/ is up to date \(regenerated \d+ files in \d+ ms, nothing changed\)\n$/);
    // The trace sees heavy modules when they are loaded, so the empty list above means something.
    expect(forced.loads.some((u) => /\/dist\/generators\/index\.js$/.test(u))).toBe(true);
    expect(forced.loads.some((u) => /node_modules\/handlebars\//.test(u))).toBe(true);
  });

  it('a changed input, a changed option or a damaged output file is not a no-op', () => {
    const dir = seedProject('noop-miss', CONFIG);
    expect(cli([], dir).code).toBe(0);
    expect(cli([], dir).stdout).toBe('out/ is up to date\n');
    expect(cli(['--only', 'types,validators'], dir).stdout).toMatch(/^generated \d+ files in \d+ ms\n$/);
    expect(cli(['--only', 'types,validators'], dir).stdout).toBe('out/ is up to date\n');
    const pkg = join(dir, 'out', 'package.json');
    writeFileSync(pkg, `${readFileSync(pkg, 'utf8')} `);
    expect(cli(['--only', 'types,validators'], dir).stdout).toMatch(/^generated \d+ files in \d+ ms\n$/);
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
    expect(result.removed.every((p) => all.includes(p) && !now.includes(p))).toBe(true);
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

  it('a bad page prints nothing on stdout', () => {
    const dir = tempDir('extract');
    writeFileSync(join(dir, 'bad.md'), '');
    const r = cli(['extract', 'bad.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: bad\.md/);
  });
});

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
