/**
 * The only module that writes generated files. `out/` is replaced as a whole: the new output is built in a
 * sibling temporary directory, then swapped in with two renames, so a reader (or a killed run) sees the
 * complete old or the complete new output. A manifest inside `out/` lists the files the tool wrote, so
 * files it did not write are carried over untouched and files it no longer writes are removed.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  symlinkSync,
  readlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import { compareText } from './format.js';
import { CodegenError, type GeneratedFile, type Problem } from './types.js';

/** The manifest's file name inside the output directory. */
export const MANIFEST_NAME = '.yuno-codegen.json';

/** What the tool wrote last time: deterministic (sorted, no timestamps) so a committed out/ does not churn. */
export interface Manifest {
  generator: 'yuno-codegen';
  /** Hash of every input (pages, overrides, schemas, templates, options, tool version). */
  inputs: string;
  /** Files inside the output directory, relative POSIX path → sha256 of the contents. */
  files: Record<string, string>;
  /** Files written outside it (canonical schemas beside their pages), relative to the output directory. */
  beside: Record<string, string>;
}

export interface BesideFile {
  /** Absolute path. */
  path: string;
  contents: string;
}

export interface WriteRequest extends OpenOptions {
  outDir: string;
  files: GeneratedFile[];
  inputs: string;
  beside?: BesideFile[];
  /** How to show paths in messages (relative to the working directory). */
  show?: (abs: string) => string;
}

export interface WriteResult {
  /** False when out/ and every beside file already held exactly these contents. */
  changed: boolean;
  /** Output files whose contents are new or changed, relative to out/ (POSIX). */
  written: string[];
  /** Files written beside the output directory (canonical schemas beside their pages), absolute. */
  besideWritten: string[];
  /** Files a previous run wrote that this run does not (relative to out/). */
  removed: string[];
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function readManifest(outDir: string): Manifest | undefined {
  try {
    const value = JSON.parse(readFileSync(join(outDir, MANIFEST_NAME), 'utf8')) as Partial<Manifest>;
    if (value.generator !== 'yuno-codegen' || typeof value.inputs !== 'string' || typeof value.files !== 'object') return undefined;
    return { generator: 'yuno-codegen', inputs: value.inputs, files: value.files ?? {}, beside: value.beside ?? {} };
  } catch {
    return undefined;
  }
}

export function manifestText(m: Manifest): string {
  const sorted = (r: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.keys(r).sort(compareText).map((k) => [k, r[k] as string]));
  return `${JSON.stringify({ generator: m.generator, inputs: m.inputs, files: sorted(m.files), beside: sorted(m.beside) }, null, 2)}\n`;
}

const TEMP_PATTERN = /^\.(.+)\.yuno-codegen-(new|old)-(\d+)$/;

function tempPath(outDir: string, kind: 'new' | 'old'): string {
  return join(dirname(outDir), `.${basename(outDir)}.yuno-codegen-${kind}-${process.pid}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finish or undo a swap that a killed run left half done. If out/ is missing, a complete new output
 * (its manifest is written last) is rolled forward, else the old one is rolled back. Leftovers go.
 */
export function recover(outDir: string, show: (abs: string) => string = (p) => p, io: WriteFs = { rename: renameSync }): void {
  recoverJournal(outDir, io);
  const parent = dirname(outDir);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  const leftovers = entries
    .map((name) => ({ name, m: TEMP_PATTERN.exec(name) }))
    .filter((e) => e.m && e.m[1] === basename(outDir) && !alive(Number(e.m[3])))
    .map((e) => ({ path: join(parent, e.name), kind: (e.m as RegExpExecArray)[2] as 'new' | 'old' }));
  if (leftovers.length === 0) return;
  if (!existsSync(outDir)) {
    const complete = leftovers.find((l) => l.kind === 'new' && existsSync(join(l.path, MANIFEST_NAME)));
    const old = leftovers.find((l) => l.kind === 'old');
    const restore = complete ?? old;
    if (restore) renameSync(restore.path, outDir);
  }
  for (const l of leftovers) removeTree(l.path, show);
}

/**
 * For readers (`check`): finish or undo what a killed run left (see recover), holding the output
 * directory's lock so no live run is disturbed. Nothing else is written.
 */
export function recoverOutput(outDir: string, show: (abs: string) => string = (p) => p): void {
  const given = resolve(outDir);
  if (!existsSync(dirname(given))) return;
  const dir = realOutputDir(given, show);
  const left = (readdirNames(dirname(dir)) ?? []).some((n) => TEMP_PATTERN.exec(n)?.[1] === basename(dir));
  if (!left && !existsSync(join(dir, JOURNAL_NAME))) return;
  const lock = WriterLock.acquire(dir, show(given), show);
  try {
    recover(dir, show);
  } finally {
    lock.release();
  }
}

function readdirNames(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

/** Remove a directory tree the tool made; a failure names it and says how to remove it by hand. */
function removeTree(path: string, show: (abs: string) => string): void {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    throw new CodegenError([
      {
        file: show(path),
        at: '',
        rule: 'write',
        message: `a copy of the output yuno-codegen left there cannot be removed (${fsReason(error)}); remove it (chmod -R u+w and delete it), then run again`,
      },
    ]);
  }
}

/** How long a run waits for another run that is writing the same output directory. */
export const LOCK_WAIT_MS = 60_000;

/** The lock file of an output directory: beside it, since out/ itself is replaced as a whole. */
export function lockPath(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.yuno-codegen.lock`);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * One writer at a time per output directory: a lock file beside out/, created exclusively (O_EXCL) and
 * holding the owner's pid and a random token. A lock whose owner is no longer running (a run killed with
 * SIGKILL) is taken over; a live owner is waited for, up to `waitMs`, then the run fails saying who holds it.
 */
export class WriterLock {
  private constructor(
    readonly path: string,
    private readonly token: string,
    /** Directories made to hold the lock (the first of them), removed again if left empty. */
    private readonly made: string | undefined,
    private readonly below: string,
  ) {}

  static acquire(outDir: string, label: string, show: (abs: string) => string, waitMs = LOCK_WAIT_MS, onWait?: (pid: number) => void): WriterLock {
    const path = lockPath(outDir);
    const parent = dirname(outDir);
    const denied = (error: unknown): CodegenError =>
      new CodegenError([
        {
          file: show(parent),
          at: '',
          rule: 'write',
          message: `cannot write there (${fsReason(error)}); yuno-codegen builds the new ${label} beside it, so make ${show(parent)} writable (chmod u+w) or choose another --out`,
        },
      ]);
    let made: string | undefined;
    try {
      made = mkdirSync(parent, { recursive: true });
    } catch (error) {
      throw denied(error);
    }
    const token = `${process.pid}\n${randomUUID()}\n`;
    const deadline = Date.now() + waitMs;
    let waited = false;
    for (;;) {
      try {
        const fd = openSync(path, 'wx');
        try {
          writeSync(fd, token);
        } finally {
          closeSync(fd);
        }
        return new WriterLock(path, token, made, parent);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw denied(error);
      }
      const held = readText(path);
      if (held === undefined) continue;
      const pid = Number(/^\d+/.exec(held)?.[0] ?? 0);
      // No pid yet: the owner is between creating and writing the file, unless that was long ago.
      const stale = pid > 0 ? !alive(pid) || pid === process.pid : Date.now() - (statMs(path) ?? Date.now()) > 5000;
      if (stale) {
        takeOver(path, held);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new CodegenError([
          {
            file: label,
            at: '',
            rule: 'output-locked',
            message: `another yuno-codegen run (pid ${pid}) is writing it; wait for that run to finish and run again (if no such run is going on, delete ${show(path)})`,
          },
        ]);
      }
      if (!waited) onWait?.(pid);
      waited = true;
      sleepSync(50);
    }
  }

  /** Give the lock up (only if it is still ours), and remove the folders made for it if they are empty. */
  release(): void {
    if (readText(this.path) === this.token) rmSync(this.path, { force: true });
    if (this.made === undefined) return;
    for (let dir = this.below; dir.startsWith(this.made); dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
}

function statMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Take over a dead owner's lock, unless another run has already taken it over and made it its own. */
function takeOver(path: string, held: string): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  if (readText(aside) !== held) {
    try {
      linkSync(aside, path);
    } catch {
      // Taken again meanwhile: that run holds it.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Refuse output directories that would take the project with them: out/ is replaced as a whole, so the
 * root of the file system, the working directory, the config's folder or any folder above them cannot be it.
 */
export function refuseOutputDir(outDir: string, protect: string[], show: (abs: string) => string): void {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const fail = (message: string): never => {
    throw new CodegenError([{ file: show(outDir), at: '', rule: 'output-dir', message }]);
  };
  const out = [outDir, real(outDir)];
  if (out.some((p) => parsePath(p).root === p)) {
    fail('is the root of the file system; yuno-codegen replaces its output directory as a whole, so give it a folder of its own, such as out');
  }
  for (const dir of protect) {
    const inside = [resolve(dir), real(resolve(dir))];
    const hit = out.find((o) => inside.some((d) => d === o || d.startsWith(o.endsWith(sep) ? o : o + sep)));
    if (hit === undefined) continue;
    const same = inside.some((d) => out.includes(d));
    fail(
      `is ${same ? 'the project folder' : 'a folder that holds the project'} (${show(resolve(dir)) || '.'}); yuno-codegen replaces its output directory as a whole, so give it a folder of its own inside the project, such as out`,
    );
  }
}

/**
 * The directory to write: out/ itself, or, when out/ is a symlink, the directory it points to (the link
 * stays; its target is updated). A folder that does not exist yet is placed under its ancestors' real paths.
 */
function realOutputDir(outDir: string, show: (abs: string) => string): string {
  let missing = '';
  for (let dir = outDir; ; dir = dirname(dir)) {
    try {
      return join(realpathSync(dir), missing);
    } catch {
      let link: string | undefined;
      try {
        link = lstatSync(dir).isSymbolicLink() ? readlinkSync(dir) : undefined;
      } catch {
        link = undefined;
      }
      if (link !== undefined) {
        throw new CodegenError([
          { file: show(dir), at: '', rule: 'output-dir', message: `is a symlink to ${link}, which does not exist; create that folder or remove the link` },
        ]);
      }
      if (dirname(dir) === dir) return outDir;
      missing = missing === '' ? basename(dir) : join(basename(dir), missing);
    }
  }
}

/**
 * Check before writing anything that out/ can be created where asked: every existing ancestor is a
 * directory, out/ itself is a directory or absent, and the parent is writable.
 */
export function checkOutputDir(outDir: string, show: (abs: string) => string): void {
  const fail = (message: string): never => {
    throw new CodegenError([{ file: show(outDir), at: '', rule: 'output-dir', message }]);
  };
  let dir = outDir;
  for (;;) {
    let st;
    try {
      st = statSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        dir = dirname(dir);
        continue;
      }
      if (code !== 'ENOENT') fail(`cannot use ${show(dir)} (${code})`);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
      continue;
    }
    if (!st.isDirectory()) {
      fail(
        dir === outDir
          ? 'is a file, not a directory; choose another output directory'
          : `cannot create the output directory: ${show(dir)} is a file, not a directory; choose another output directory`,
      );
    }
    break;
  }
}

/**
 * Every entry of out/ (relative POSIX paths; empty folders end in `/`), read with lstat only: nothing in
 * out/ is opened, so a named pipe there cannot block the run. Everything that would stop the swap later is
 * refused now, naming the path and the fix: a FIFO, socket or device (only files, folders and symlinks can
 * be carried over), and a folder without write permission (the old output is deleted after the swap).
 */
function collectFiles(root: string, label: string, dir = root, out: string[] = [], problems: Problem[] = []): string[] {
  const rel = (full: string): string => relative(root, full).split(sep).join('/');
  const at = (full: string): string => (full === root ? label : `${label}/${rel(full)}`);
  let names: string[];
  try {
    accessSync(dir, constants.W_OK | constants.R_OK | constants.X_OK);
    names = readdirSync(dir).sort(compareText);
  } catch (error) {
    problems.push({
      file: at(dir),
      at: '',
      rule: 'output-dir',
      message: `cannot replace it (${fsReason(error)}); yuno-codegen replaces ${label} as a whole and needs to read and write every folder in it: make them writable (chmod -R u+rwX ${label}) or choose another --out`,
    });
    names = [];
  }
  for (const name of names) {
    // A live run's journal (a dead run's was finished by recover()).
    if (dir === root && name === JOURNAL_NAME) continue;
    const full = join(dir, name);
    const st = lstatSync(full);
    if (st.isDirectory()) {
      const before = out.length;
      collectFiles(root, label, full, out, problems);
      // Keep empty directories a user made, so they are carried over too.
      if (out.length === before) out.push(`${rel(full)}/`);
      continue;
    }
    const special = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : undefined;
    if (special !== undefined) {
      problems.push({
        file: at(full),
        at: '',
        rule: 'output-dir',
        message: `is ${special}, not a file; yuno-codegen can carry over only files, folders and symlinks when it replaces ${label}: move it out of ${label}`,
      });
      continue;
    }
    out.push(rel(full));
  }
  if (dir === root && problems.length > 0) throw new CodegenError(problems);
  return out;
}

/** A short reason for a file-system error, for messages. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * A regular file's bytes, or undefined when it cannot be read or is no regular file. Opened without
 * blocking and checked before reading, so a named pipe or a device in its place neither hangs nor floods.
 */
export function readBytes(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A regular file's text, or undefined (see readBytes). */
export function readText(path: string): string | undefined {
  return readBytes(path)?.toString('utf8');
}

/**
 * Write the output atomically and the beside files one by one (each by rename). Throws CodegenError,
 * leaving out/ as it was, when a path is unusable.
 */
export function writeOutput(req: WriteRequest): WriteResult {
  const stage = OutputStage.open(req.outDir, req.show, req);
  try {
    for (const f of req.files) stage.add(f);
  } catch (error) {
    stage.abort();
    throw error;
  }
  return stage.finish(req.inputs, req.beside ?? []);
}

/**
 * The output of one run, taken file by file (so a run never holds all of it) into a temporary sibling of
 * out/, then swapped in whole by finish(). Until then out/ is untouched; abort() or any problem leaves it so.
 * The temporary directory is made at the first file that differs from out/: a run that changes nothing
 * writes nothing (files before that one are copied from out/, where they are known to be identical).
 */
export class OutputStage {
  private readonly problems: Problem[] = [];
  private readonly seen = new Set<string>();
  private readonly hashes: Record<string, string> = {};
  private readonly changed: string[] = [];
  /** Files taken while they matched out/, not yet in the temporary directory. */
  private readonly same: string[] = [];
  private next: string | undefined;
  /** After abort() the stage takes nothing more: files already written went with its directory. */
  private aborted = false;
  /** What out/ held when the stage began (set by begin()). */
  private existing = new Set<string>();
  /** The files the previous run wrote, per its manifest. */
  private ours = new Set<string>();
  private lock: WriterLock | undefined;
  private begun = false;

  private constructor(
    /** The directory written: out/, or the target of an out/ that is a symlink. */
    private readonly outDir: string,
    /** out/ as given (absolute): the manifest's paths beside it are relative to this. */
    private readonly given: string,
    /** out/ as the messages show it. */
    private readonly label: string,
    private readonly show: (abs: string) => string,
    private readonly options: OpenOptions,
    private readonly io: WriteFs,
  ) {}

  /**
   * Check that out/ can be written where asked (writing nothing yet). The stage begins with its first file:
   * it waits for any other run writing out/ (one writer at a time), finishes a swap a killed run left half
   * done and looks at what out/ holds; so problems in the inputs are found before anything about out/.
   */
  static open(outDir: string, show: (abs: string) => string = (p) => p, options: OpenOptions = {}): OutputStage {
    const given = resolve(outDir);
    const label = show(given);
    refuseOutputDir(given, options.protect ?? [], show);
    checkOutputDir(given, show);
    const dir = realOutputDir(given, show);
    return new OutputStage(dir, given, label, show, options, { rename: renameSync, ...options.fs });
  }

  /** Take the lock, recover, and read out/'s files and manifest: once, before the first file is compared. */
  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    const { outDir: dir, label, show, options } = this;
    this.lock = WriterLock.acquire(dir, label, show, options.lockWaitMs, options.onLockWait);
    try {
      recover(dir, show, this.io);
      if (!existsSync(dir)) return;
      this.existing = new Set(collectFiles(dir, label));
      this.ours = new Set(Object.keys(readManifest(dir)?.files ?? {}));
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Give up the output directory's lock (after finish, or when the run stops). */
  private unlock(): void {
    this.lock?.release();
    this.lock = undefined;
  }

  /** How many files were added. */
  get count(): number {
    return this.seen.size;
  }

  add(file: GeneratedFile): void {
    this.checkOpen();
    this.begin();
    const problem = this.pathProblem(file.path);
    this.seen.add(file.path);
    if (problem) {
      this.problems.push(problem);
      return;
    }
    // Bytes throughout: a file from a worker thread is already UTF-8, and is never made a string here.
    const data = file.bytes ?? Buffer.from(file.contents, 'utf8');
    const old = this.existing.has(file.path) ? readBytes(join(this.outDir, file.path)) : undefined;
    const same = old !== undefined && Buffer.compare(old, data) === 0;
    // A file the user put in out/ is never overwritten: that would destroy work the tool cannot restore.
    // One that already holds exactly what we would write is adopted (e.g. a committed out/ without manifest).
    if (old !== undefined && !same && !this.ours.has(file.path)) {
      this.problems.push(this.clash(file.path));
      return;
    }
    this.hashes[file.path] = sha256(data);
    if (this.problems.length > 0) return;
    if (same && this.next === undefined) {
      this.same.push(file.path);
      return;
    }
    if (!same) this.changed.push(file.path);
    this.write(file.path, data);
  }

  /** Remove the temporary directory and take nothing more; out/ stays as it was. */
  abort(): void {
    this.aborted = true;
    if (this.next !== undefined) rmSync(this.next, { recursive: true, force: true });
    this.next = undefined;
    this.unlock();
  }

  private checkOpen(): void {
    if (this.aborted) {
      throw new CodegenError([{ file: this.label, at: '', rule: 'write', message: 'the run was interrupted; nothing was changed there' }]);
    }
  }

  /** Swap the new output in (when anything changed), then write the beside files. */
  finish(inputs: string, besideFiles: BesideFile[]): WriteResult {
    this.checkOpen();
    this.begin();
    if (this.problems.length > 0) {
      this.abort();
      throw new CodegenError(this.problems);
    }
    try {
      return this.commit(inputs, besideFiles);
    } finally {
      this.unlock();
    }
  }

  private commit(inputs: string, besideFiles: BesideFile[]): WriteResult {
    const { outDir, show, label } = this;
    // out/ again: a run can take minutes, and the user may have added files meanwhile. One they put where a
    // generated file goes is a clash, as it would have been at the start; any other is carried over.
    let now: string[];
    try {
      now = existsSync(outDir) ? collectFiles(outDir, label) : [];
    } catch (error) {
      this.abort();
      throw error;
    }
    for (const p of now) {
      if (this.existing.has(p) || !this.seen.has(p) || this.ours.has(p)) continue;
      if (sha256(readBytes(join(outDir, p)) ?? '') !== this.hashes[p]) this.problems.push(this.clash(p));
    }
    if (this.problems.length > 0) {
      this.abort();
      throw new CodegenError(this.problems);
    }
    const present = new Set(now);
    const beside = besideFiles.map((b) => ({ ...b, path: resolve(b.path) }));
    const manifest: Manifest = {
      generator: 'yuno-codegen',
      inputs,
      files: this.hashes,
      beside: Object.fromEntries(beside.map((b) => [relative(this.given, b.path).split(sep).join('/'), sha256(b.contents)])),
    };
    const text = manifestText(manifest);
    const removed = [...this.ours].filter((p) => !this.seen.has(p) && present.has(p)).sort(compareText);
    // A temporary file a killed run left beside a page goes, whether or not the schema changed.
    for (const b of beside) removeStaleTemps(b.path);
    const changedBeside = beside.filter((b) => readText(b.path) !== b.contents);
    if (this.changed.length > 0 || removed.length > 0 || !existsSync(outDir)) {
      if (this.next === undefined) this.makeNext();
      this.carryOver(now.filter((p) => !this.ours.has(p) && !this.seen.has(p) && p !== MANIFEST_NAME));
      this.swapIn(text);
    } else {
      this.abort();
      if (readText(join(outDir, MANIFEST_NAME)) !== text) writeFileAtomic(join(outDir, MANIFEST_NAME), text, () => `${label}/${MANIFEST_NAME}`);
      else {
        // Same bytes, new time: the no-op check compares the manifest's age with the tool's build.
        const now = new Date();
        utimesSync(join(outDir, MANIFEST_NAME), now, now);
      }
    }
    try {
      for (const b of changedBeside) writeFileAtomic(b.path, b.contents, show);
    } catch (error) {
      // out/ is already complete and new; say so, since the usual "nothing was written" would be wrong.
      const problems = error instanceof CodegenError ? error.problems : [];
      throw new CodegenError(problems.map((p) => ({ ...p, rule: 'write-beside', message: `${p.message}; ${label}/ was updated, fix this and run generate again` })));
    }
    return {
      changed: this.changed.length > 0 || removed.length > 0 || changedBeside.length > 0,
      written: [...this.changed].sort(compareText),
      besideWritten: changedBeside.map((b) => b.path),
      removed,
    };
  }

  private clash(path: string): Problem {
    return {
      file: `${this.label}/${path}`,
      at: '',
      rule: 'output-clash',
      message: 'exists but was not written by yuno-codegen; move it away or delete it, then run again',
    };
  }

  /** Relative POSIX paths must stay inside the output directory and not clash with the manifest. */
  private pathProblem(p: string): Problem | undefined {
    const parts = p.split('/');
    const bad =
      p === '' ||
      p.startsWith('/') ||
      /^[A-Za-z]:/.test(p) ||
      p.includes('\\') ||
      p.includes('\0') ||
      parts.some((s) => s === '' || s === '.' || s === '..');
    if (bad || !resolve(this.outDir, p).startsWith(this.outDir + sep)) {
      return {
        file: p,
        at: '',
        rule: 'output-path',
        message: `output path escapes the output directory ${this.label}/; rename the object or template that produces it`,
      };
    }
    if (p === MANIFEST_NAME) return { file: p, at: '', rule: 'output-path', message: `${MANIFEST_NAME} is reserved for yuno-codegen's manifest` };
    if (this.seen.has(p)) return { file: p, at: '', rule: 'output-path', message: 'two outputs have the same path; give the objects different titles' };
    return undefined;
  }

  private makeNext(): void {
    const next = tempPath(this.outDir, 'new');
    try {
      rmSync(next, { recursive: true, force: true });
      mkdirSync(dirname(this.outDir), { recursive: true });
      mkdirSync(next);
    } catch (error) {
      throw new CodegenError([
        { file: this.show(dirname(this.given)), at: '', rule: 'write', message: `cannot write there (${fsReason(error)}); yuno-codegen builds the new ${this.label} beside it, so make it writable (chmod u+w) or choose another --out` },
      ]);
    }
    this.next = next;
    // What was taken before the first difference is identical in out/: copy it over.
    this.copyGenerated(this.same);
    this.same.length = 0;
  }

  private write(path: string, contents: Uint8Array): void {
    if (this.next === undefined) this.makeNext();
    const target = join(this.next as string, path);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    } catch (error) {
      this.abort();
      throw writeError(this.label, error);
    }
  }

  /**
   * Copy generated files that out/ already holds, as regular files, checking each against the hash taken
   * when it was compared (it may have been edited since).
   */
  private copyGenerated(paths: string[]): void {
    const next = this.next as string;
    const edited: Problem[] = [];
    try {
      for (const p of paths) {
        const to = join(next, p);
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(join(this.outDir, p), to);
        if (sha256(readFileSync(to)) !== this.hashes[p]) {
          edited.push({ file: `${this.label}/${p}`, at: '', rule: 'output-clash', message: 'changed while generate ran; run generate again' });
        }
      }
    } catch (error) {
      this.abort();
      throw writeError(this.label, error);
    }
    if (edited.length > 0) {
      this.abort();
      throw new CodegenError(edited);
    }
  }

  /** Carry the user's own files over from out/, symlinks as symlinks. */
  private carryOver(paths: string[]): void {
    const next = this.next as string;
    try {
      for (const p of paths) {
        const from = join(this.outDir, p);
        const to = join(next, p);
        if (p.endsWith('/')) {
          mkdirSync(to, { recursive: true });
          continue;
        }
        mkdirSync(dirname(to), { recursive: true });
        const st = lstatSync(from);
        if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
        else copyFileSync(from, to);
      }
    } catch (error) {
      this.abort();
      throw writeError(this.label, error);
    }
  }

  private swapIn(manifest: string): void {
    const next = this.next as string;
    try {
      // Written last: a temporary directory with a manifest is complete, which is what recover() relies on.
      writeFileSync(join(next, MANIFEST_NAME), manifest);
    } catch (error) {
      this.abort();
      throw writeError(this.label, error);
    }
    this.next = undefined;
    const old = tempPath(this.outDir, 'old');
    let moved = false;
    try {
      if (existsSync(this.outDir)) {
        this.io.rename(this.outDir, old);
        moved = true;
      }
      this.io.rename(next, this.outDir);
    } catch (error) {
      // Put the old output back and drop the new one, so "nothing was changed there" is true.
      if (moved && !existsSync(this.outDir)) renameSync(old, this.outDir);
      if (!moved && existsSync(this.outDir) && (error as NodeJS.ErrnoException).code === 'EBUSY') {
        // out/ cannot be renamed: a mount point (a Docker volume, a bind mount). Update it file by file.
        try {
          this.updateInPlace(next);
        } finally {
          rmSync(next, { recursive: true, force: true });
        }
        return;
      }
      rmSync(next, { recursive: true, force: true });
      throw writeError(this.label, error);
    }
    // The new output is in place; the old copy goes (every folder in it was checked writable at the start).
    if (moved) removeTree(old, this.show);
  }

  /**
   * Update an out/ that cannot be replaced as a whole (a mount point) with the same all-or-nothing
   * guarantee, through a journal inside it: the changed files and the manifest are first copied into
   * `out/.yuno-codegen-journal/` (same file system, so each can be renamed into place), then the journal's
   * plan is written: from that moment the update is committed, and a run that is killed while moving the
   * files into place is finished by the next run's recover(). Before it, nothing in out/ has changed.
   */
  private updateInPlace(next: string): void {
    const journal = join(this.outDir, JOURNAL_NAME);
    const put = [...this.changed, MANIFEST_NAME];
    const remove = [...this.ours].filter((p) => !this.seen.has(p) && existsSync(join(this.outDir, p)));
    try {
      rmSync(journal, { recursive: true, force: true });
      for (const p of put) {
        mkdirSync(dirname(join(journal, 'files', p)), { recursive: true });
        copyFileSync(join(next, p), join(journal, 'files', p));
      }
      writeFileSync(join(journal, 'plan.tmp'), `${JSON.stringify({ put, remove })}\n`);
      this.io.rename(join(journal, 'plan.tmp'), join(journal, JOURNAL_PLAN));
    } catch (error) {
      rmSync(journal, { recursive: true, force: true });
      throw writeError(this.label, error);
    }
    try {
      applyJournal(this.outDir, this.io);
    } catch (error) {
      throw new CodegenError([
        {
          file: this.label,
          at: '',
          rule: 'write',
          message: `cannot finish updating it in place (${fsReason(error)}); the update is kept in ${this.label}/${JOURNAL_NAME} and the next run finishes it: fix this and run generate again`,
        },
      ]);
    }
  }
}

/** The journal of an in-place update of out/ (a mount point), inside out/. */
const JOURNAL_NAME = '.yuno-codegen-journal';
/** Its plan: written last, so a journal with a plan is complete (committed). */
const JOURNAL_PLAN = 'plan.json';

/**
 * Finish an in-place update: move each file the journal still holds into place, remove what it says goes,
 * then drop the journal. Safe to run again after a kill at any point (a file already moved is not there).
 */
function applyJournal(outDir: string, io: WriteFs): void {
  const journal = join(outDir, JOURNAL_NAME);
  const plan = JSON.parse(readFileSync(join(journal, JOURNAL_PLAN), 'utf8')) as { put: string[]; remove: string[] };
  // The manifest last: until it is in place, the no-op check cannot take the half-updated out/ as current.
  const order = [...plan.put.filter((p) => p !== MANIFEST_NAME), ...plan.put.filter((p) => p === MANIFEST_NAME)];
  for (const p of order) {
    const from = join(journal, 'files', p);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(outDir, p)), { recursive: true });
    io.rename(from, join(outDir, p));
  }
  for (const p of plan.remove) {
    rmSync(join(outDir, p), { force: true });
    // Folders that held only generated files go with them.
    for (let dir = dirname(join(outDir, p)); dir !== outDir && dir.startsWith(outDir); dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
  rmSync(journal, { recursive: true, force: true });
}

/** Finish an in-place update a killed run committed, or drop one it had not committed. */
function recoverJournal(outDir: string, io: WriteFs): void {
  const journal = join(outDir, JOURNAL_NAME);
  if (!existsSync(journal)) return;
  if (existsSync(join(journal, JOURNAL_PLAN))) applyJournal(outDir, io);
  else rmSync(journal, { recursive: true, force: true });
}

/** The file-system calls that replace out/: a seam for tests to inject failures (a mount point's EBUSY). */
export interface WriteFs {
  rename: (from: string, to: string) => void;
}

export interface OpenOptions {
  /** Folders out/ must be neither nor hold (the working directory, the config's folder). */
  protect?: string[];
  /** How long to wait for another run writing the same out/ (default LOCK_WAIT_MS). */
  lockWaitMs?: number;
  /** Called once when another run holds the lock and this run starts waiting for it. */
  onLockWait?: (pid: number) => void;
  fs?: Partial<WriteFs>;
}

const TEMP_FILE = /^\.(.+)\.yuno-codegen-(\d+)\.tmp$/;

/** Remove the temporary siblings of `path` that runs no longer running left (killed while writing it). */
export function removeStaleTemps(path: string): void {
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_FILE.exec(name);
    if (m && m[1] === basename(path) && !alive(Number(m[2]))) rmSync(join(dirname(path), name), { force: true });
  }
}

/** Replace one file by writing a temporary sibling and renaming it over the old one. */
export function writeFileAtomic(path: string, contents: string, show: (abs: string) => string = (p) => p): void {
  const temp = join(dirname(path), `.${basename(path)}.yuno-codegen-${process.pid}.tmp`);
  removeStaleTemps(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, contents);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeError(show(path), error);
  }
}

function writeError(path: string, error: unknown): CodegenError {
  const reason = fsReason(error);
  return new CodegenError([{ file: path, at: '', rule: 'write', message: `cannot write (${reason}); nothing was changed there` }]);
}
