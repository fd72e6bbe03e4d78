/**
 * The object cache directory's eviction (generators/cache-dir.ts): after a run, the least recently used
 * entries go until the directory is under its bound; the entries the run used never go; a read renews an
 * entry; a killed run's temporary files go after an hour; a read-only cache (`check`) deletes nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryCache } from '../generators/cache-dir.js';

const HOUR = 60 * 60 * 1000;
const key = (n: number): string => n.toString(16).padStart(64, '0');
const entry = (size: number): Uint8Array => new Uint8Array(size).fill(7);

/** A cache directory holding entries 1…count (100 bytes each), entry n last used n hours after the start. */
function filled(count: number, start: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuno-cache-dir-'));
  for (let n = 1; n <= count; n++) {
    directoryCache(dir, { now: () => start + n * HOUR }).set(key(n), entry(100));
  }
  return dir;
}

const keys = (dir: string): string[] =>
  readdirSync(dir)
    .flatMap((shard) => readdirSync(join(dir, shard)))
    .filter((name) => /^[0-9a-f]{64}$/.test(name))
    .map((name) => Number.parseInt(name, 16))
    .sort((a, b) => a - b);

describe('directoryCache eviction', () => {
  const start = Date.UTC(2026, 0, 1);

  it('keeps the directory under its bound by dropping the least recently used entries, never one the run used', () => {
    const dir = filled(10, start);
    const cache = directoryCache(dir, { maxBytes: 450, now: () => start + 20 * HOUR });
    // This run reads entry 1 (the oldest) and writes entry 11.
    expect(new Uint8Array(cache.get(key(1)) ?? [])).toEqual(entry(100));
    cache.set(key(11), entry(100));
    expect(cache.prune()).toEqual({ entries: 7, bytes: 700 });
    // 1 and 11 were used by the run; 9 and 10 are the most recently used of the rest.
    expect(keys(dir)).toEqual([1, 9, 10, 11]);
  });

  it('a read renews an entry: a later run evicts it after the entries not read since', () => {
    const dir = filled(4, start);
    directoryCache(dir, { now: () => start + 10 * HOUR }).get(key(1));
    expect(directoryCache(dir, { maxBytes: 200, now: () => start + 11 * HOUR }).prune()).toEqual({ entries: 2, bytes: 200 });
    expect(keys(dir)).toEqual([1, 4]);
  });

  it('does nothing under the bound, and nothing at all when it only reads', () => {
    const dir = filled(3, start);
    expect(directoryCache(dir, { maxBytes: 300 }).prune()).toEqual({ entries: 0, bytes: 0 });
    expect(directoryCache(dir, { maxBytes: 0, write: false }).prune()).toEqual({ entries: 0, bytes: 0 });
    expect(keys(dir)).toEqual([1, 2, 3]);
  });

  it("removes a killed run's temporary files after an hour, and files that are not entries never", () => {
    const dir = filled(1, start);
    const shard = join(dir, key(1).slice(0, 2));
    const old = join(shard, `${key(2)}.123.abcdef.tmp`);
    const fresh = join(shard, `${key(3)}.124.abcdef.tmp`);
    const other = join(shard, 'notes.txt');
    for (const file of [old, fresh, other]) writeFileSync(file, 'x');
    utimesSync(old, new Date(start), new Date(start));
    utimesSync(fresh, new Date(start + 2 * HOUR), new Date(start + 2 * HOUR));
    directoryCache(dir, { now: () => start + 2.5 * HOUR }).prune();
    expect([existsSync(old), existsSync(fresh), existsSync(other)]).toEqual([false, true, true]);
  });

  it('a missing directory or an empty shard is no error; an emptied shard is removed', () => {
    expect(directoryCache(join(tmpdir(), 'yuno-cache-none', key(9))).prune()).toEqual({ entries: 0, bytes: 0 });
    const dir = filled(1, start);
    mkdirSync(join(dir, 'ff'));
    expect(directoryCache(dir, { maxBytes: 0 }).prune()).toEqual({ entries: 1, bytes: 100 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('serves an entry even when its time cannot be renewed (a file it may not touch)', () => {
    const dir = filled(1, start);
    // An invalid clock makes touching the file fail (EINVAL), as a read-only file would.
    const cache = directoryCache(dir, { now: () => Number.NaN });
    expect(new Uint8Array(cache.get(key(1)) ?? [])).toEqual(entry(100));
  });
});
