/** The built CLI, usage errors: exit 2, one message, nothing written. */
import { describe, expect, it } from 'vitest';
import { VERSION, cli, tempDir, unchanged } from './helpers.js';

describe('usage', () => {
  it('--help lists the commands, the options and examples', () => {
    const r = cli(['--help'], tempDir('help'));
    expect(r.code).toBe(0);
    for (const text of ['yuno-codegen generate', 'yuno-codegen check', 'yuno-codegen watch', 'yuno-codegen extract <pages..>', '--out', '--page', '--schema', '--templates', '--target', '--only', '--force', '--json', '--quiet', '--debug', 'Examples:', 'Exit codes: 0 success, 1 problems in the inputs or stale output, 2 usage errors.']) {
      expect(r.stdout).toContain(text);
    }
  });

  it('--help says what paths are relative to, as the README does: flags to the working directory, the config\'s to the config file', () => {
    const r = cli(['--help'], tempDir('help'));
    const option = (flag: string): string | undefined =>
      r.stdout.split('\n').find((l) => l.trimStart().startsWith(`${flag} `))?.trim().replace(/\s{2,}/g, '  ');
    expect(option('--out')).toBe(
      '--out  Output directory, relative to the working directory (default: the config\'s "out", relative to the config file, else out)  [string]',
    );
    expect(option('--page')).toBe(
      '--page  Doc page (.md or .mdx) or a glob of them, relative to the working directory; repeatable; replaces the config\'s inputs  [string]',
    );
    expect(r.stdout).toContain('Paths given as flags are relative to the working directory; paths in the config file are relative to that file.');
  });

  it('--version prints the package version', () => {
    expect(cli(['--version'], tempDir('version'))).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  const usage: [string[], string][] = [
    [['--frobnicate'], 'error: Unknown argument: frobnicate'],
    [['check', '--force'], 'error: Unknown argument: force; --force is an option of generate, not check'],
    // A near miss gets a suggestion (issue 12): commands, then the options of the command given.
    [['genrate'], 'error: Unknown argument: genrate; did you mean generate?'],
    [['chek', '--out', 'o'], 'error: Unknown argument: chek; did you mean check?'],
    [['--otu', 'o'], 'error: Unknown argument: otu; did you mean --out?'],
    [['generate', '--forse'], 'error: Unknown argument: forse; did you mean --force?'],
    [['check', '--pages', 'a.md', '--jsno'], 'error: Unknown arguments: pages, jsno; did you mean --page for pages, --json for jsno?'],
    [['extract', 'a.md', '--outdir', 'x'], 'error: Unknown argument: outdir; did you mean --out-dir?'],
    [['extract', 'a.md', '--out-dr', 'x'], 'error: Unknown arguments: out-dr, outDr; did you mean --out-dir?'],
    [['watch', '--o'], 'error: Unknown argument: o'],
    [['generate', 'extra'], 'error: Unknown argument: extra'],
    [['--target', 'pkg'], 'error: Invalid values:\n  Argument: target, Given: "pkg", Choices: "package", "ts"'],
    [['--only', 'types,html'], 'error: --only "types,html": choose one or more of types, validators, docs, fixtures, comma-separated'],
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
