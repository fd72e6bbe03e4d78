/**
 * The only module that writes generated files. `out/` is replaced as a whole: the new output is built in a
 * sibling temporary directory, then swapped in with two renames, so a reader (or a killed run) sees the
 * complete old or the complete new output. A manifest inside `out/` lists the files the tool wrote, so
 * files it did not write are carried over untouched and files it no longer writes are removed.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  readlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
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

export interface WriteRequest {
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
export function recover(outDir: string): void {
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
  for (const l of leftovers) rmSync(l.path, { recursive: true, force: true });
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

function collectFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort(compareText)) {
    const full = join(dir, name);
    const st = lstatSync(full);
    if (st.isDirectory()) {
      const before = out.length;
      collectFiles(root, full, out);
      // Keep empty directories a user made, so they are carried over too.
      if (out.length === before) out.push(`${relative(root, full).split(sep).join('/')}/`);
    } else out.push(relative(root, full).split(sep).join('/'));
  }
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

/** A file's bytes, or undefined when it cannot be read. */
export function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** A file's text, or undefined when it cannot be read. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Write the output atomically and the beside files one by one (each by rename). Throws CodegenError,
 * leaving out/ as it was, when a path is unusable.
 */
export function writeOutput(req: WriteRequest): WriteResult {
  const stage = OutputStage.open(req.outDir, req.show);
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
  private readonly existing: Set<string>;
  private readonly ours: Set<string>;

  private constructor(
    private readonly outDir: string,
    private readonly show: (abs: string) => string,
    previous: Manifest | undefined,
    existingList: string[],
  ) {
    this.existing = new Set(existingList);
    this.ours = new Set(Object.keys(previous?.files ?? {}));
  }

  /** Check that out/ can be written where asked, finish a swap a killed run left half done. */
  static open(outDir: string, show: (abs: string) => string = (p) => p): OutputStage {
    const dir = resolve(outDir);
    checkOutputDir(dir, show);
    recover(dir);
    const exists = existsSync(dir);
    return new OutputStage(dir, show, exists ? readManifest(dir) : undefined, exists ? collectFiles(dir) : []);
  }

  /** How many files were added. */
  get count(): number {
    return this.seen.size;
  }

  add(file: GeneratedFile): void {
    this.checkOpen();
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
  }

  private checkOpen(): void {
    if (this.aborted) {
      throw new CodegenError([{ file: this.show(this.outDir), at: '', rule: 'write', message: 'the run was interrupted; nothing was changed there' }]);
    }
  }

  /** Swap the new output in (when anything changed), then write the beside files. */
  finish(inputs: string, besideFiles: BesideFile[]): WriteResult {
    this.checkOpen();
    if (this.problems.length > 0) {
      this.abort();
      throw new CodegenError(this.problems);
    }
    const { outDir, show } = this;
    // out/ again: a run can take minutes, and the user may have added files meanwhile. One they put where a
    // generated file goes is a clash, as it would have been at the start; any other is carried over.
    const now = existsSync(outDir) ? collectFiles(outDir) : [];
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
      beside: Object.fromEntries(beside.map((b) => [relative(outDir, b.path).split(sep).join('/'), sha256(b.contents)])),
    };
    const text = manifestText(manifest);
    const removed = [...this.ours].filter((p) => !this.seen.has(p) && present.has(p)).sort(compareText);
    const changedBeside = beside.filter((b) => readText(b.path) !== b.contents);
    if (this.changed.length > 0 || removed.length > 0 || !existsSync(outDir)) {
      if (this.next === undefined) this.makeNext();
      this.carryOver(now.filter((p) => !this.ours.has(p) && !this.seen.has(p) && p !== MANIFEST_NAME));
      this.swapIn(text);
    } else {
      this.abort();
      if (readText(join(outDir, MANIFEST_NAME)) !== text) writeFileAtomic(join(outDir, MANIFEST_NAME), text, show);
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
      throw new CodegenError(problems.map((p) => ({ ...p, rule: 'write-beside', message: `${p.message}; ${show(outDir)}/ was updated, fix this and run generate again` })));
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
      file: `${this.show(this.outDir)}/${path}`,
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
        message: `output path escapes the output directory ${this.show(this.outDir)}/; rename the object or template that produces it`,
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
        { file: this.show(this.outDir), at: '', rule: 'write', message: `cannot write the output directory (${fsReason(error)}); choose a writable --out` },
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
      throw writeError(this.show(this.outDir), error);
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
          edited.push({ file: `${this.show(this.outDir)}/${p}`, at: '', rule: 'output-clash', message: 'changed while generate ran; run generate again' });
        }
      }
    } catch (error) {
      this.abort();
      throw writeError(this.show(this.outDir), error);
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
      throw writeError(this.show(this.outDir), error);
    }
  }

  private swapIn(manifest: string): void {
    const next = this.next as string;
    try {
      // Written last: a temporary directory with a manifest is complete, which is what recover() relies on.
      writeFileSync(join(next, MANIFEST_NAME), manifest);
    } catch (error) {
      this.abort();
      throw writeError(this.show(this.outDir), error);
    }
    this.next = undefined;
    const old = tempPath(this.outDir, 'old');
    let moved = false;
    try {
      if (existsSync(this.outDir)) {
        renameSync(this.outDir, old);
        moved = true;
      }
      renameSync(next, this.outDir);
    } catch (error) {
      // Put the old output back and drop the new one, so "nothing was changed there" is true.
      if (moved && !existsSync(this.outDir)) renameSync(old, this.outDir);
      rmSync(next, { recursive: true, force: true });
      throw writeError(this.show(this.outDir), error);
    }
    // The new output is in place; an old copy that cannot be removed now is removed by the next run's recover().
    if (moved) rmSync(old, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Replace one file by writing a temporary sibling and renaming it over the old one. */
export function writeFileAtomic(path: string, contents: string, show: (abs: string) => string = (p) => p): void {
  const temp = join(dirname(path), `.${basename(path)}.yuno-codegen-${process.pid}.tmp`);
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
