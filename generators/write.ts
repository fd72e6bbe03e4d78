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
  /** Output files whose contents are new or changed (relative to out/), and beside files written (absolute). */
  written: string[];
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

/** Relative POSIX paths must stay inside the output directory and not clash with the manifest. */
export function checkOutputPaths(outDir: string, files: GeneratedFile[], show: (abs: string) => string): void {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const p = f.path;
    const parts = p.split('/');
    const bad =
      p === '' ||
      p.startsWith('/') ||
      /^[A-Za-z]:/.test(p) ||
      p.includes('\\') ||
      p.includes('\0') ||
      parts.some((s) => s === '' || s === '.' || s === '..');
    if (bad || !resolve(outDir, p).startsWith(resolve(outDir) + sep)) {
      problems.push({
        file: p,
        at: '',
        rule: 'output-path',
        message: `output path escapes the output directory ${show(outDir)}/; rename the object or template that produces it`,
      });
    } else if (p === MANIFEST_NAME) {
      problems.push({ file: p, at: '', rule: 'output-path', message: `${MANIFEST_NAME} is reserved for yuno-codegen's manifest` });
    } else if (seen.has(p)) {
      problems.push({ file: p, at: '', rule: 'output-path', message: 'two outputs have the same path; give the objects different titles' });
    }
    seen.add(p);
  }
  if (problems.length > 0) throw new CodegenError(problems);
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

/** A file's text, or undefined when it cannot be read. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Write the output atomically and the beside files one by one (each by rename). Throws CodegenError
 * before writing anything when a path is unusable.
 */
export function writeOutput(req: WriteRequest): WriteResult {
  const show = req.show ?? ((p: string) => p);
  const outDir = resolve(req.outDir);
  checkOutputPaths(outDir, req.files, show);
  checkOutputDir(outDir, show);
  recover(outDir);

  const previous = existsSync(outDir) ? readManifest(outDir) : undefined;
  const existing = existsSync(outDir) ? collectFiles(outDir) : [];
  const ours = new Set(Object.keys(previous?.files ?? {}));
  const wanted = new Map(req.files.map((f) => [f.path, f.contents]));

  // A file the user put in out/ is never overwritten: that would destroy work the tool cannot restore.
  // One that already holds exactly what we would write is adopted (e.g. a committed out/ without manifest).
  const clashes = existing.filter((p) => wanted.has(p) && !ours.has(p) && readText(join(outDir, p)) !== wanted.get(p));
  if (clashes.length > 0) {
    throw new CodegenError(
      clashes.map((p) => ({
        file: `${show(outDir)}/${p}`,
        at: '',
        rule: 'output-clash',
        message: 'exists but was not written by yuno-codegen; move it away or delete it, then run again',
      })),
    );
  }

  const beside = (req.beside ?? []).map((b) => ({ ...b, path: resolve(b.path) }));
  const manifest: Manifest = {
    generator: 'yuno-codegen',
    inputs: req.inputs,
    files: Object.fromEntries(req.files.map((f) => [f.path, sha256(f.contents)])),
    beside: Object.fromEntries(beside.map((b) => [relative(outDir, b.path).split(sep).join('/'), sha256(b.contents)])),
  };
  const text = manifestText(manifest);

  const changedFiles = req.files.filter((f) => readText(join(outDir, f.path)) !== f.contents).map((f) => f.path);
  const removed = [...ours].filter((p) => !wanted.has(p) && existing.includes(p)).sort(compareText);
  const changedBeside = beside.filter((b) => readText(b.path) !== b.contents);
  const manifestSame = readText(join(outDir, MANIFEST_NAME)) === text;

  if (changedFiles.length > 0 || removed.length > 0 || !existsSync(outDir)) {
    swapIn(outDir, req.files, existing.filter((p) => !ours.has(p) && !wanted.has(p) && p !== MANIFEST_NAME), text, show);
  } else if (!manifestSame) {
    writeFileAtomic(join(outDir, MANIFEST_NAME), text, show);
  } else {
    // Same bytes, new time: the no-op check compares the manifest's age with the tool's build.
    const now = new Date();
    utimesSync(join(outDir, MANIFEST_NAME), now, now);
  }
  try {
    for (const b of changedBeside) writeFileAtomic(b.path, b.contents, show);
  } catch (error) {
    // out/ is already complete and new; say so, since the usual "nothing was written" would be wrong.
    const problems = error instanceof CodegenError ? error.problems : [];
    throw new CodegenError(problems.map((p) => ({ ...p, rule: 'write-beside', message: `${p.message}; ${show(outDir)}/ was updated, fix this and run generate again` })));
  }
  return {
    changed: changedFiles.length > 0 || removed.length > 0 || changedBeside.length > 0,
    written: [...changedFiles, ...changedBeside.map((b) => b.path)],
    removed,
  };
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

function swapIn(outDir: string, files: GeneratedFile[], keep: string[], manifest: string, show: (abs: string) => string): void {
  const next = tempPath(outDir, 'new');
  const old = tempPath(outDir, 'old');
  try {
    rmSync(next, { recursive: true, force: true });
    mkdirSync(dirname(outDir), { recursive: true });
    mkdirSync(next);
  } catch (error) {
    const reason = fsReason(error);
    throw new CodegenError([
      { file: show(outDir), at: '', rule: 'write', message: `cannot write the output directory (${reason}); choose a writable --out` },
    ]);
  }
  try {
    for (const f of files) {
      const target = join(next, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.contents);
    }
    for (const p of keep) {
      const from = join(outDir, p);
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
    // Written last: a temporary directory with a manifest is complete, which is what recover() relies on.
    writeFileSync(join(next, MANIFEST_NAME), manifest);
  } catch (error) {
    rmSync(next, { recursive: true, force: true });
    throw writeError(show(outDir), error);
  }
  if (existsSync(outDir)) {
    renameSync(outDir, old);
    renameSync(next, outDir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(next, outDir);
  }
}
