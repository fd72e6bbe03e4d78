/**
 * `pull` and `check --upstream` without the CLI: fetch every URL source (conditionally, when its pinned
 * copy still matches the lock), then either say what moved (`upstreamStatus`) or stage the new pinned
 * copies and lock (`fetchAll`) for `commitPull`, which writes them all or, on any fault, nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CodegenError, type Problem } from '../types.js';
import { fetchSource, proxyAgent, SourceFault, DEFAULT_FETCH, type FetchOptions, type FetchResult } from './fetch.js';
import { lockText, type Lock, type LockEntry } from './lock.js';
import type { SourceSpec } from './url.js';

export type SourceStatus = 'unchanged' | 'changed' | 'new';

export interface SourceOutcome {
  spec: SourceSpec;
  status: SourceStatus;
  /** HTTP requests this source took (1 when nothing changed). */
  requests: number;
  /** The new bytes, when they differ from the pinned copy. */
  bytes?: Buffer;
  /** The pinned copy's bytes before the pull (for the classified diff), when there was one. */
  before?: Buffer;
}

export interface PullResult {
  sources: SourceOutcome[];
  lock: Lock;
  /** The lock's text changes (a new ETag alone changes it). */
  lockChanged: boolean;
  requests: number;
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Fetch every source; all faults are collected and thrown together as one CodegenError. */
export async function fetchAll(specs: SourceSpec[], lock: Lock, base: string, options: FetchOptions = {}): Promise<PullResult> {
  const dispatcher = options.dispatcher ?? proxyAgent(options.timeoutMs ?? DEFAULT_FETCH.timeoutMs);
  const problems: Problem[] = [];
  const sources: SourceOutcome[] = [];
  const entries: LockEntry[] = [];
  try {
    const results = await pool(specs, 4, async (spec) => {
      const entry = lock.sources.find((e) => e.url === spec.url && e.path === spec.pinned && e.kind === spec.kind);
      const before = readOrUndefined(join(base, spec.pinned));
      // The lock's validators only when the pinned copy is the one the lock describes: a copy edited or
      // deleted by hand is fetched in full and replaced.
      const intact = entry !== undefined && before !== undefined && sha(before) === entry.sha256;
      const known = intact ? { ...(entry.etag !== undefined ? { etag: entry.etag } : {}), ...(entry.lastModified !== undefined ? { lastModified: entry.lastModified } : {}) } : undefined;
      try {
        const got = await fetchSource(spec.fetchUrl, spec.kind, known && (known.etag ?? known.lastModified) !== undefined ? known : undefined, { ...options, dispatcher });
        return { spec, entry, before, intact, got };
      } catch (error) {
        if (!(error instanceof SourceFault)) throw error;
        problems.push({ file: spec.url, at: '', rule: 'pull', message: error.message });
        return undefined;
      }
    });
    if (problems.length > 0) throw new CodegenError(problems);
    for (const r of results) {
      if (!r) continue;
      const { spec, entry, before, intact, got } = r as { spec: SourceSpec; entry: LockEntry | undefined; before: Buffer | undefined; intact: boolean; got: FetchResult };
      if (got.status === 'unchanged') {
        entries.push(entry as LockEntry);
        sources.push({ spec, status: 'unchanged', requests: got.requests, ...(before ? { before } : {}) });
        continue;
      }
      const digest = sha(got.bytes);
      const same = intact && entry?.sha256 === digest;
      const next: LockEntry = { url: spec.url, kind: spec.kind, path: spec.pinned, sha256: digest, size: got.bytes.length };
      if (got.etag !== undefined) next.etag = got.etag;
      if (got.lastModified !== undefined) next.lastModified = got.lastModified;
      entries.push(next);
      const status: SourceStatus = same ? 'unchanged' : before === undefined || entry === undefined ? 'new' : 'changed';
      const outcome: SourceOutcome = { spec, status, requests: got.requests };
      if (!same || !before || sha(before) !== digest) outcome.bytes = got.bytes;
      if (before) outcome.before = before;
      sources.push(outcome);
    }
  } finally {
    if (!options.dispatcher) await dispatcher.close();
  }
  const next: Lock = { lockVersion: lock.lockVersion, sources: entries };
  return { sources, lock: next, lockChanged: lockText(next) !== lockText(lock), requests: sources.reduce((n, s) => n + s.requests, 0) };
}

/**
 * Write the new pinned copies and the lock: each to a temporary file beside it first, then renamed into
 * place, the lock last, so a failure while writing leaves the lock describing the copies it did before.
 */
export function commitPull(result: PullResult, base: string, lockPath: string): string[] {
  const writes = result.sources.filter((s) => s.bytes !== undefined).map((s) => ({ path: join(base, s.spec.pinned), bytes: s.bytes as Buffer }));
  if (result.lockChanged) writes.push({ path: lockPath, bytes: Buffer.from(lockText(result.lock)) });
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const w of writes) {
      mkdirSync(dirname(w.path), { recursive: true });
      const temp = join(dirname(w.path), `.${basename(w.path)}.yuno-codegen-${process.pid}.tmp`);
      writeFileSync(temp, w.bytes);
      temps.push({ temp, path: w.path });
    }
  } catch (error) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw error;
  }
  for (const t of temps) renameSync(t.temp, t.path);
  return writes.map((w) => w.path);
}

/** Run `work` over `items` with at most `limit` at a time, results in the items' order. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
