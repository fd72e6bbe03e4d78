/**
 * The CLI with output directories and inputs that are not plain folders and files: no write permission,
 * the project folder as out, a swap a killed run left half done, a named pipe in out/, pages read from a
 * pipe or a device.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBytes, writeOutput } from '../../generators/write.js';
import { CLI, CONFIG, PAGE, cli, files, problemsOf, readTree, seedProject, tempDir, unchanged } from './helpers.js';

/** Permission checks do not apply to root: the runs that need them run as `nobody` when the tests run as root. */
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function giveAway(path: string): void {
  if (!('uid' in asUser)) return;
  chownSync(path, asUser.uid, asUser.gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) giveAway(join(path, name));
}

describe('permission errors name the path and the fix, and leave nothing behind', () => {
  it('a read-only out/: refused before anything is swapped, no hidden copy left', () => {
    const dir = seedProject('readonly-out', { ...CONFIG, writeSchemas: false });
    chmodSync(dir, 0o755);
    giveAway(dir);
    expect(cli([], dir, {}, asUser).code).toBe(0);
    const page = join(dir, PAGE);
    execFileSync('sed', ['-i', 's/MAX 64/MAX 70/', page]);
    chmodSync(join(dir, 'out'), 0o555);
    const before = readTree(dir);
    const r = cli([], dir, {}, asUser);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: out: cannot replace it (permission denied); yuno-codegen replaces out as a whole and needs to read and write every folder in it: make them writable (chmod -R u+rwX out) or choose another --out\nnothing was written\n',
    );
    expect(readTree(dir)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['out', 'schema', 'yuno-codegen.config.json']);
    // Fixed as the message says: the next run works.
    chmodSync(join(dir, 'out'), 0o755);
    expect(cli([], dir, {}, asUser).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['out', 'schema', 'yuno-codegen.config.json']);
  });

  it('a read-only folder inside out/ (one of the user’s): named too', () => {
    const dir = seedProject('readonly-sub', { ...CONFIG, writeSchemas: false });
    chmodSync(dir, 0o755);
    giveAway(dir);
    expect(cli([], dir, {}, asUser).code).toBe(0);
    mkdirSync(join(dir, 'out', 'mine'));
    giveAway(join(dir, 'out', 'mine'));
    chmodSync(join(dir, 'out', 'mine'), 0o555);
    const r = cli(['--force'], dir, {}, asUser);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: out/mine: cannot replace it (permission denied); yuno-codegen replaces out as a whole');
    expect(readdirSync(dir).sort()).toEqual(['out', 'schema', 'yuno-codegen.config.json']);
  });
});

describe('out that would take the project with it', () => {
  it.each([
    ['"."', '.', 'is the project folder (.)'],
    ['".."', '..', 'is a folder that holds the project (.)'],
  ])('out: %s is refused, nothing written', (_label, out, what) => {
    const dir = seedProject('out-dot', { pages: [PAGE], out, writeSchemas: false });
    unchanged(dir, () => {
      const r = cli([], dir);
      expect(r.code).toBe(1);
      const shown = out === '.' ? '.' : join(dir, '..');
      expect(r.stderr).toBe(
        `error: ${shown}: ${what}; yuno-codegen replaces its output directory as a whole, so give it a folder of its own inside the project, such as out\nnothing was written\n`,
      );
    });
  });

  it('--out / is refused', () => {
    const dir = seedProject('out-root', CONFIG);
    const r = cli(['--out', '/'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: /: is the root of the file system; yuno-codegen replaces its output directory as a whole, so give it a folder of its own, such as out\nnothing was written\n');
  });
});

describe('a swap a killed run left half done', () => {
  it('check restores out/ (killed between the two renames) and agrees, instead of reporting every file missing', () => {
    const dir = seedProject('half-swap', { ...CONFIG, writeSchemas: false });
    expect(cli([], dir).code).toBe(0);
    const tree = readTree(join(dir, 'out'));
    renameSync(join(dir, 'out'), join(dir, '.out.yuno-codegen-old-99999999'));
    const r = cli(['check'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readTree(join(dir, 'out'))).toEqual(tree);
    expect(readdirSync(dir).sort()).toEqual(['out', 'schema', 'yuno-codegen.config.json']);
  });
});

describe('inputs and outputs that are not files', () => {
  it('a named pipe in out/ fails generate at once, naming it (it used to hang)', () => {
    const dir = seedProject('fifo', { ...CONFIG, writeSchemas: false });
    expect(cli([], dir).code).toBe(0);
    execFileSync('mkfifo', [join(dir, 'out', 'pipe')]);
    // A changed page: the new output is built and the user's files carried over (a pipe was read there).
    execFileSync('sed', ['-i', 's/MAX 64/MAX 70/', join(dir, PAGE)]);
    const r = cli([], dir, {}, { timeout: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: out/pipe: is a named pipe (FIFO), not a file; yuno-codegen can carry over only files, folders and symlinks when it replaces out: move it out of out\nnothing was written\n',
    );
  });

  it('--page /dev/stdin works without --force, also when out/ exists', () => {
    const dir = seedProject('stdin', CONFIG);
    // Through a real pipe, as a shell makes it (Node's own stdio pipes are sockets, which /dev/stdin cannot open).
    const command = `cat ${JSON.stringify(PAGE)} | ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --page /dev/stdin --out from-stdin`;
    const run = () => spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(existsSync(join(dir, 'from-stdin', 'customer-session.d.ts'))).toBe(true);
    const second = run();
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^from-stdin\/ is up to date \(regenerated 17 files in \d+ ms, nothing changed\)\n$/);
  });

  it('an endless page (/dev/zero) is cut off at the input bound with a clear error', () => {
    const dir = seedProject('dev-zero', CONFIG);
    unchanged(dir, () => {
      const r = cli(['--page', '/dev/zero'], dir, {}, { timeout: 60_000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: /dev/zero: cannot read the page (more than 64 MiB, or endless like a device; give the path of a file)\nnothing was written\n');
    });
  });
});

describe('the writer and a named pipe', () => {
  it('a named pipe in out/ is refused at once with its path (reading it would block the run)', () => {
    const root = tempDir('fifo');
    const out = join(root, 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    execFileSync('mkfifo', [join(out, 'pipe')]);
    expect(problemsOf(() => writeOutput({ outDir: out, files: files({ 'a.js': 'A\n' }), inputs: 'h2' }))).toEqual([
      `${out}/pipe: is a named pipe (FIFO), not a file; yuno-codegen can carry over only files, folders and symlinks when it replaces ${out}: move it out of ${out}`,
    ]);
    // Where a generated file goes, too; and the readers (check) pass it by.
    execFileSync('mkfifo', [join(out, 'b.js')]);
    expect(readBytes(join(out, 'b.js'))).toBeUndefined();
    expect(readFileSync(join(out, 'a.js'), 'utf8')).toBe('a\n');
    expect(readdirSync(root)).toEqual(['out']);
  });
});
