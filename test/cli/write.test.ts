/** The writer: atomic replace of out/, the manifest, stale-file removal, user files left alone, refusals. */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EncodedFile } from '../../generators/types.js';
import { MANIFEST_NAME, OutputStage, lockPath, readManifest, recover, sha256, writeOutput } from '../../generators/write.js';
import { files, problemsOf, readTree, tempDir } from './helpers.js';

describe('writeOutput', () => {
  it('writes the files and a deterministic manifest of them', () => {
    const out = join(tempDir('write'), 'out');
    const r = writeOutput({ outDir: out, files: files({ 'b.js': 'b\n', 'a/x.ts': 'x\n' }), inputs: 'h1' });
    expect(r).toEqual({ changed: true, written: ['a/x.ts', 'b.js'], besideWritten: [], removed: [] });
    expect(readFileSync(join(out, MANIFEST_NAME), 'utf8')).toBe(
      `${JSON.stringify({ generator: 'yuno-codegen', inputs: 'h1', files: { 'a/x.ts': sha256('x\n'), 'b.js': sha256('b\n') }, beside: {} }, null, 2)}\n`,
    );
    expect(readTree(out)).toEqual({ [MANIFEST_NAME]: expect.any(String), 'a/x.ts': 'x\n', 'b.js': 'b\n' });
  });

  it('removes files it wrote before and keeps files it never wrote, byte for byte', () => {
    const out = join(tempDir('write'), 'out');
    writeOutput({ outDir: out, files: files({ 'old.js': '1\n', 'keep.js': '1\n' }), inputs: 'h1' });
    mkdirSync(join(out, 'mine', 'empty'), { recursive: true });
    writeFileSync(join(out, 'mine', 'notes.txt'), 'hand written\r\n');
    writeFileSync(join(out, 'NOTES.md'), 'x');
    const r = writeOutput({ outDir: out, files: files({ 'keep.js': '2\n', 'new.js': '3\n' }), inputs: 'h2' });
    expect(r.removed).toEqual(['old.js']);
    expect(readTree(out)).toEqual({
      [MANIFEST_NAME]: expect.any(String),
      'NOTES.md': 'x',
      'keep.js': '2\n',
      'mine/notes.txt': 'hand written\r\n',
      'new.js': '3\n',
    });
    expect(statSync(join(out, 'mine', 'empty')).isDirectory()).toBe(true);
    expect(Object.keys(readManifest(out)?.files ?? {})).toEqual(['keep.js', 'new.js']);
  });

  it('does not touch out/ when nothing changed', () => {
    const out = join(tempDir('write'), 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    const inode = statSync(join(out, 'a.js')).ino;
    const r = writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    expect(r).toEqual({ changed: false, written: [], besideWritten: [], removed: [] });
    expect(statSync(join(out, 'a.js')).ino).toBe(inode);
    // New inputs, same output: only the manifest is replaced.
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h2' });
    expect(statSync(join(out, 'a.js')).ino).toBe(inode);
    expect(readManifest(out)?.inputs).toBe('h2');
  });

  it('never overwrites a file it did not write, unless it already holds the same bytes', () => {
    const out = join(tempDir('write'), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'index.js'), 'mine\n');
    writeFileSync(join(out, 'same.js'), 'same\n');
    expect(problemsOf(() => writeOutput({ outDir: out, files: files({ 'index.js': 'x\n', 'same.js': 'same\n' }), inputs: 'h' }))).toEqual([
      `${out}/index.js: exists but was not written by yuno-codegen; move it away or delete it, then run again`,
    ]);
    expect(readFileSync(join(out, 'index.js'), 'utf8')).toBe('mine\n');
    writeOutput({ outDir: out, files: files({ 'same.js': 'same\n' }), inputs: 'h' });
    expect(Object.keys(readManifest(out)?.files ?? {})).toEqual(['same.js']);
  });

  it('refuses output paths that escape the output directory, before writing anything', () => {
    const root = tempDir('write');
    const out = join(root, 'out');
    const bad = ['../../x.ts', '/etc/passwd', 'a/../../b', 'a\\..\\b', 'C:/x', '', 'a//b', './a'];
    const lines = problemsOf(() => writeOutput({ outDir: out, files: bad.map((p) => ({ path: p, contents: 'x' })), inputs: 'h', show: () => 'out' }));
    expect(lines).toEqual(bad.map((p) => `${p}: output path escapes the output directory out/; rename the object or template that produces it`));
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses the manifest name and duplicate paths', () => {
    const out = join(tempDir('write'), 'out');
    expect(problemsOf(() => writeOutput({ outDir: out, files: files({ [MANIFEST_NAME]: '{}' }), inputs: 'h' }))).toEqual([
      `${MANIFEST_NAME}: ${MANIFEST_NAME} is reserved for yuno-codegen's manifest`,
    ]);
    expect(problemsOf(() => writeOutput({ outDir: out, files: [{ path: 'a', contents: '1' }, { path: 'a', contents: '2' }], inputs: 'h' }))).toEqual([
      'a: two outputs have the same path; give the objects different titles',
    ]);
  });

  it('refuses an output directory under a regular file, or that is a file', () => {
    const root = tempDir('write');
    writeFileSync(join(root, 'README.md'), 'x');
    const show = (p: string) => p.slice(root.length + 1);
    expect(problemsOf(() => writeOutput({ outDir: join(root, 'README.md', 'out'), files: files({ 'a.js': '' }), inputs: 'h', show }))).toEqual([
      'README.md/out: cannot create the output directory: README.md is a file, not a directory; choose another output directory',
    ]);
    expect(problemsOf(() => writeOutput({ outDir: join(root, 'README.md'), files: files({ 'a.js': '' }), inputs: 'h', show }))).toEqual([
      'README.md: is a file, not a directory; choose another output directory',
    ]);
    expect(readdirSync(root)).toEqual(['README.md']);
  });

  it('writes beside files and records them in the manifest relative to out/', () => {
    const root = tempDir('write');
    const out = join(root, 'out');
    const beside = join(root, 'schema', 'x.schema.json');
    const r = writeOutput({ outDir: out, files: files({ 'a.js': '' }), inputs: 'h', beside: [{ path: beside, contents: '{}\n' }] });
    expect(r).toEqual({ changed: true, written: ['a.js'], besideWritten: [beside], removed: [] });
    expect(readFileSync(beside, 'utf8')).toBe('{}\n');
    expect(readManifest(out)?.beside).toEqual({ '../schema/x.schema.json': sha256('{}\n') });
  });
});

describe('OutputStage (file by file)', () => {
  const temps = (out: string) => readdirSync(dirname(out)).filter((n) => n.includes('yuno-codegen-'));

  it('makes its temporary directory at the first difference and copies the identical files before it from out/', () => {
    const out = join(tempDir('stage'), 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n', 'b.js': 'b\n', 'c.js': 'c\n' }), inputs: 'h1' });
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const stage = OutputStage.open(out);
    stage.add({ path: 'a.js', contents: 'a\n' });
    stage.add({ path: 'b.js', contents: 'b\n' });
    expect(temps(out)).toEqual([]);
    stage.add({ path: 'c.js', contents: 'C\n' });
    expect(temps(out)).toEqual([`.out.yuno-codegen-new-${process.pid}`]);
    stage.add({ path: 'd/e.js', contents: 'e\n' });
    expect(stage.finish('h2', [])).toEqual({ changed: true, written: ['c.js', 'd/e.js'], besideWritten: [], removed: [] });
    expect(readTree(out)).toEqual({
      [MANIFEST_NAME]: readFileSync(join(out, MANIFEST_NAME), 'utf8'),
      'a.js': 'a\n',
      'b.js': 'b\n',
      'c.js': 'C\n',
      'd/e.js': 'e\n',
      'notes.txt': 'mine\n',
    });
    expect(Object.keys(readManifest(out)?.files ?? {})).toEqual(['a.js', 'b.js', 'c.js', 'd/e.js']);
    expect(temps(out)).toEqual([]);
  });

  it('takes files that arrive as UTF-8 bytes (from a worker) like their text: same bytes are no change', () => {
    const out = join(tempDir('stage'), 'out');
    const text = 'export const café = "\u2028";\n';
    writeOutput({ outDir: out, files: files({ 'a.js': text, 'b.js': 'b\n' }), inputs: 'h1' });
    const before = readManifest(out);
    const bytes = (t: string) => new EncodedFile('x', new TextEncoder().encode(t)).bytes;
    const stage = OutputStage.open(out);
    stage.add(new EncodedFile('a.js', bytes(text)));
    stage.add(new EncodedFile('b.js', bytes('B\n')));
    expect(stage.finish('h1', [])).toEqual({ changed: true, written: ['b.js'], besideWritten: [], removed: [] });
    expect(readFileSync(join(out, 'a.js'), 'utf8')).toBe(text);
    expect(readFileSync(join(out, 'b.js'), 'utf8')).toBe('B\n');
    expect(readManifest(out)?.files['a.js']).toBe(before?.files['a.js']);
    expect(new EncodedFile('a.js', bytes(text)).contents).toBe(text);
  });

  it('abort() after some files leaves out/ as it was and no temporary directory', () => {
    const out = join(tempDir('stage'), 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    const before = readTree(out);
    const stage = OutputStage.open(out);
    stage.add({ path: 'a.js', contents: 'changed\n' });
    stage.add({ path: 'b.js', contents: 'b\n' });
    stage.abort();
    expect(readTree(out)).toEqual(before);
    expect(temps(out)).toEqual([]);
  });

  it('looks at out/ again at the end: a file the user added meanwhile is carried over, one in a generated place is a clash', () => {
    const out = join(tempDir('stage'), 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    const stage = OutputStage.open(out);
    stage.add({ path: 'a.js', contents: 'A\n' });
    writeFileSync(join(out, 'notes.md'), 'mine\n');
    stage.add({ path: 'b.js', contents: 'b\n' });
    stage.finish('h2', []);
    expect(readTree(out)).toMatchObject({ 'a.js': 'A\n', 'b.js': 'b\n', 'notes.md': 'mine\n' });

    const second = OutputStage.open(out);
    second.add({ path: 'c.js', contents: 'c\n' });
    writeFileSync(join(out, 'c.js'), 'theirs\n');
    expect(problemsOf(() => second.finish('h3', []))).toEqual([`${out}/c.js: exists but was not written by yuno-codegen; move it away or delete it, then run again`]);
    expect(readFileSync(join(out, 'c.js'), 'utf8')).toBe('theirs\n');
    expect(readManifest(out)?.inputs).toBe('h2');
  });

  it('a generated file edited in out/ between its comparison and the swap fails the run instead of being carried over', () => {
    const out = join(tempDir('stage'), 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n', 'b.js': 'b\n' }), inputs: 'h1' });
    const stage = OutputStage.open(out);
    stage.add({ path: 'a.js', contents: 'a\n' });
    writeFileSync(join(out, 'a.js'), 'edited\n');
    expect(problemsOf(() => stage.add({ path: 'b.js', contents: 'B\n' }))).toEqual([`${out}/a.js: changed while generate ran; run generate again`]);
    expect(readFileSync(join(out, 'b.js'), 'utf8')).toBe('b\n');
    expect(temps(out)).toEqual([]);
    expect(() => stage.add({ path: 'c.js', contents: 'c\n' })).toThrow(/the run was interrupted; nothing was changed there/);
  });

  it('a swap that fails half way puts the old output back and leaves nothing beside it', () => {
    const out = join(tempDir('stage'), 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    writeFileSync(join(out, 'notes.md'), 'mine\n');
    const before = readTree(out);
    const real = fs.renameSync;
    let calls = 0;
    // The first rename (out/ aside) works, the second (the new output into place) fails.
    fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
      if (++calls === 2) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
      real(from, to);
    }) as typeof fs.renameSync;
    syncBuiltinESMExports();
    try {
      expect(problemsOf(() => writeOutput({ outDir: out, files: files({ 'a.js': 'A\n' }), inputs: 'h2' }))).toEqual([
        `${out}: cannot write (EBUSY); nothing was changed there`,
      ]);
    } finally {
      fs.renameSync = real;
      syncBuiltinESMExports();
    }
    expect(calls).toBe(3);
    expect(readTree(out)).toEqual(before);
    expect(temps(out)).toEqual([]);
  });

  it('collects every path problem and clash, and writes nothing', () => {
    const out = join(tempDir('stage'), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'mine.js'), 'mine\n');
    const stage = OutputStage.open(out, () => 'out');
    stage.add({ path: 'ok.js', contents: 'x\n' });
    stage.add({ path: '../x.js', contents: 'x\n' });
    stage.add({ path: 'mine.js', contents: 'other\n' });
    stage.add({ path: 'ok.js', contents: 'y\n' });
    expect(problemsOf(() => stage.finish('h', []))).toEqual([
      '../x.js: output path escapes the output directory out/; rename the object or template that produces it',
      'out/mine.js: exists but was not written by yuno-codegen; move it away or delete it, then run again',
      'ok.js: two outputs have the same path; give the objects different titles',
    ]);
    expect(readTree(out)).toEqual({ 'mine.js': 'mine\n' });
    expect(temps(out)).toEqual([]);
  });
});

describe('recover', () => {
  const leftovers = (out: string) => readdirSync(dirname(out)).filter((n) => n.includes('yuno-codegen-'));
  // A pid that is certainly not running: above the kernel's pid_max.
  const DEAD = 99999999;

  it('rolls a complete new output forward when out/ is missing', () => {
    const root = tempDir('recover');
    const out = join(root, 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'new\n' }), inputs: 'h' });
    renameSync(out, join(root, `.out.yuno-codegen-new-${DEAD}`));
    mkdirSync(join(root, `.out.yuno-codegen-old-${DEAD}`));
    recover(out);
    expect(readFileSync(join(out, 'a.js'), 'utf8')).toBe('new\n');
    expect(leftovers(out)).toEqual([]);
  });

  it('rolls the old output back when the new one is incomplete (no manifest yet)', () => {
    const root = tempDir('recover');
    const out = join(root, 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'old\n' }), inputs: 'h' });
    renameSync(out, join(root, `.out.yuno-codegen-old-${DEAD}`));
    mkdirSync(join(root, `.out.yuno-codegen-new-${DEAD}`));
    writeFileSync(join(root, `.out.yuno-codegen-new-${DEAD}`, 'a.js'), 'half');
    recover(out);
    expect(readFileSync(join(out, 'a.js'), 'utf8')).toBe('old\n');
    expect(leftovers(out)).toEqual([]);
  });

  it('leaves the temporary directories of a running process alone', () => {
    const root = tempDir('recover');
    const out = join(root, 'out');
    mkdirSync(join(root, `.out.yuno-codegen-new-${process.ppid}`));
    recover(out);
    expect(existsSync(out)).toBe(false);
    expect(leftovers(out)).toEqual([`.out.yuno-codegen-new-${process.ppid}`]);
  });
});

describe('one writer at a time (the lock beside out/)', () => {
  const DEAD = 99999999;

  it('waits for a live owner, then says who holds it; nothing is written', () => {
    const root = tempDir('lock');
    const out = join(root, 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    // The lock of a run that is still going: this test's parent process, certainly alive.
    writeFileSync(lockPath(out), `${process.ppid}\ntoken\n`);
    const before = readTree(root);
    const waited: number[] = [];
    expect(problemsOf(() => writeOutput({ outDir: out, files: files({ 'a.js': 'A\n' }), inputs: 'h2', lockWaitMs: 200, onLockWait: (pid) => waited.push(pid) }))).toEqual([
      `${out}: another yuno-codegen run (pid ${process.ppid}) is writing it; wait for that run to finish and run again (if no such run is going on, delete ${lockPath(out)})`,
    ]);
    expect(waited).toEqual([process.ppid]);
    expect(readTree(root)).toEqual(before);
  });

  it('takes over the lock of a run that is no longer running, and gives it up when done', () => {
    const root = tempDir('lock');
    const out = join(root, 'out');
    writeFileSync(lockPath(out), `${DEAD}\ntoken\n`);
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1', lockWaitMs: 0 });
    expect(readdirSync(root).sort()).toEqual(['out']);
    expect(readFileSync(join(out, 'a.js'), 'utf8')).toBe('a\n');
  });

  it('is held from the first file to finish() or abort()', () => {
    const root = tempDir('lock');
    const out = join(root, 'out');
    const stage = OutputStage.open(out);
    // Nothing is written before the first file: problems in the inputs come first.
    expect(readdirSync(root)).toEqual([]);
    stage.add({ path: 'a.js', contents: 'a\n' });
    expect(readFileSync(lockPath(out), 'utf8').split('\n')[0]).toBe(String(process.pid));
    // Its own pid in the lock is not taken for a live owner: a stage left open in this process is stale.
    const second = OutputStage.open(out, undefined, { lockWaitMs: 0 });
    second.add({ path: 'a.js', contents: 'a\n' });
    second.abort();
    expect(existsSync(lockPath(out))).toBe(false);
    stage.abort();
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('unusual output directories', () => {
  it('refuses the root of the file system, the project folder and a folder above it', () => {
    const root = tempDir('refuse');
    const project = join(root, 'project');
    mkdirSync(join(project, 'sub'), { recursive: true });
    const attempt = (outDir: string) => problemsOf(() => writeOutput({ outDir, files: files({ 'a.js': 'a\n' }), inputs: 'h', protect: [join(project, 'sub'), project] }));
    expect(attempt('/')).toEqual(['/: is the root of the file system; yuno-codegen replaces its output directory as a whole, so give it a folder of its own, such as out']);
    expect(attempt(project)).toEqual([
      `${project}: is a folder that holds the project (${join(project, 'sub')}); yuno-codegen replaces its output directory as a whole, so give it a folder of its own inside the project, such as out`,
    ]);
    expect(attempt(join(project, 'sub'))).toEqual([
      `${join(project, 'sub')}: is the project folder (${join(project, 'sub')}); yuno-codegen replaces its output directory as a whole, so give it a folder of its own inside the project, such as out`,
    ]);
    expect(attempt(root)[0]).toMatch(/: is a folder that holds the project/);
    expect(readdirSync(project)).toEqual(['sub']);
    // A folder inside the project is fine.
    writeOutput({ outDir: join(project, 'out'), files: files({ 'a.js': 'a\n' }), inputs: 'h', protect: [project] });
    expect(readFileSync(join(project, 'out', 'a.js'), 'utf8')).toBe('a\n');
  });

  it('writes through an out/ that is a symlink: the link stays, its target gets the output', () => {
    const root = tempDir('symlink');
    const target = join(root, 'elsewhere', 'target');
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'notes.md'), 'mine\n');
    const out = join(root, 'out');
    fs.symlinkSync(target, out);
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    writeOutput({ outDir: out, files: files({ 'b.js': 'b\n' }), inputs: 'h2' });
    expect(fs.lstatSync(out).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(out)).toBe(target);
    expect(readTree(target)).toEqual({ [MANIFEST_NAME]: readFileSync(join(target, MANIFEST_NAME), 'utf8'), 'b.js': 'b\n', 'notes.md': 'mine\n' });
    expect(Object.keys(readManifest(out)?.files ?? {})).toEqual(['b.js']);
    expect(readdirSync(root).sort()).toEqual(['elsewhere', 'out']);
    expect(readdirSync(join(root, 'elsewhere'))).toEqual(['target']);
  });

  it('a symlink to a folder that does not exist is named, with the fix', () => {
    const root = tempDir('symlink');
    fs.symlinkSync(join(root, 'missing'), join(root, 'out'));
    expect(problemsOf(() => writeOutput({ outDir: join(root, 'out'), files: files({ 'a.js': 'a\n' }), inputs: 'h' }))).toEqual([
      `${join(root, 'out')}: is a symlink to ${join(root, 'missing')}, which does not exist; create that folder or remove the link`,
    ]);
  });
});

describe('an out/ that cannot be renamed (a mount point: EBUSY)', () => {
  // A real mount needs privileges a test does not have: the rename of out/ itself fails as on a mount point
  // (a Docker volume, a bind mount), through the writer's file-system seam.
  const mountPoint = (out: string, crashAfter = Infinity) => {
    let moved = 0;
    return {
      rename: (from: string, to: string) => {
        if (from === out) throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
        if (to.startsWith(`${out}/`) && !to.endsWith('plan.json') && ++moved > crashAfter) throw Object.assign(new Error('killed'), { code: 'EINTR' });
        renameSync(from, to);
      },
    };
  };

  it('is updated file by file: changed files replaced, stale ones removed, the user’s kept, no journal left', () => {
    const root = tempDir('mount');
    const out = join(root, 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n', 'old/x.js': 'x\n', 'same.js': 's\n' }), inputs: 'h1' });
    writeFileSync(join(out, 'notes.md'), 'mine\n');
    const inode = statSync(out).ino;
    const r = writeOutput({ outDir: out, files: files({ 'a.js': 'A\n', 'same.js': 's\n', 'new/y.js': 'y\n' }), inputs: 'h2', fs: mountPoint(out) });
    expect(r).toEqual({ changed: true, written: ['a.js', 'new/y.js'], besideWritten: [], removed: ['old/x.js'] });
    expect(statSync(out).ino).toBe(inode);
    expect(readTree(out)).toEqual({ [MANIFEST_NAME]: readFileSync(join(out, MANIFEST_NAME), 'utf8'), 'a.js': 'A\n', 'new/y.js': 'y\n', 'notes.md': 'mine\n', 'same.js': 's\n' });
    expect(readManifest(out)).toEqual({ generator: 'yuno-codegen', inputs: 'h2', files: { 'a.js': sha256('A\n'), 'new/y.js': sha256('y\n'), 'same.js': sha256('s\n') }, beside: {} });
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('a run stopped while moving files into place is finished by the next run (all or nothing)', () => {
    const root = tempDir('mount');
    const out = join(root, 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n', 'b.js': 'b\n', 'c.js': 'c\n' }), inputs: 'h1' });
    expect(problemsOf(() => writeOutput({ outDir: out, files: files({ 'a.js': 'A\n', 'b.js': 'B\n', 'c.js': 'C\n' }), inputs: 'h2', fs: mountPoint(out, 1) }))).toEqual([
      `${out}: cannot finish updating it in place (EINTR); the update is kept in ${out}/.yuno-codegen-journal and the next run finishes it: fix this and run generate again`,
    ]);
    // Half moved: one new file in place, the rest and the manifest still in the journal.
    expect(readFileSync(join(out, 'a.js'), 'utf8')).toBe('A\n');
    expect(readFileSync(join(out, 'b.js'), 'utf8')).toBe('b\n');
    expect(readManifest(out)?.inputs).toBe('h1');
    recover(out);
    expect(readTree(out)).toEqual({ [MANIFEST_NAME]: readFileSync(join(out, MANIFEST_NAME), 'utf8'), 'a.js': 'A\n', 'b.js': 'B\n', 'c.js': 'C\n' });
    expect(readManifest(out)?.inputs).toBe('h2');
  });

  it('a journal that was not complete (no plan) is dropped: out/ stays the old output', () => {
    const root = tempDir('mount');
    const out = join(root, 'out');
    writeOutput({ outDir: out, files: files({ 'a.js': 'a\n' }), inputs: 'h1' });
    const before = readTree(out);
    mkdirSync(join(out, '.yuno-codegen-journal', 'files'), { recursive: true });
    writeFileSync(join(out, '.yuno-codegen-journal', 'files', 'a.js'), 'half');
    recover(out);
    expect(readTree(out)).toEqual(before);
  });
});

describe('temporary files beside pages', () => {
  it('one a killed run left beside a page schema is removed by the next write of that schema', () => {
    const root = tempDir('beside');
    const schema = join(root, 'customer-session.schema.json');
    const left = join(root, `.customer-session.schema.json.yuno-codegen-99999999.tmp`);
    writeFileSync(left, '{"half":');
    writeOutput({ outDir: join(root, 'out'), files: files({ 'a.js': 'a\n' }), inputs: 'h', beside: [{ path: schema, contents: '{}\n' }] });
    expect(readdirSync(root).sort()).toEqual(['customer-session.schema.json', 'out']);
    // Also when the schema itself does not change.
    writeFileSync(left, '{"half":');
    writeOutput({ outDir: join(root, 'out'), files: files({ 'a.js': 'a\n' }), inputs: 'h', beside: [{ path: schema, contents: '{}\n' }] });
    expect(readdirSync(root).sort()).toEqual(['customer-session.schema.json', 'out']);
  });
});
