/** The built CLI on bad input: exit 1, each message pinned, no stack trace, nothing written anywhere. */
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE, SEED, SEED_OVERRIDES, cli, seedProject, tempDir, unchanged, writeJson } from './helpers.js';

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
      'error: yuno-codegen.config.json (/page): unknown key "page"; the known keys are pages, openapi, pinned, changelog, schemas, out, target, templates, only, packageName, packageVersion, writeSchemas, cache, threads\n' +
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
      "error: tpl/docs.md.hbs (line 4): template error: Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'; fix the template or remove it to use the built-in one\nnothing was written\n",
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
    cpSync(SEED_OVERRIDES, join(dir, 'schema', 'the-customer-session-object.overrides.json'));
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
        // The folder without permission is named, with the fix.
        stderr:
          'error: locked: cannot write there (permission denied); yuno-codegen builds the new locked/out beside it, so make locked writable (chmod u+w) or choose another --out\nnothing was written\n',
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
