/**
 * The object cache on disk (the CLI's; the library takes any ObjectCache): one file per key, in
 * `<dir>/<first two hex digits>/<key>`. An entry is written to a temporary file beside it and renamed
 * into place, so a reader, a concurrent run or a killed run sees a whole entry or none; two runs that
 * write the same key write the same bytes. What is read is checked by the library (cache.ts), so a
 * damaged or foreign file only costs a regeneration. Nothing here ever fails a run: a cache that cannot
 * be read or written is a cache that misses.
 *
 * Eviction: an entry's modification time is the last time a run used it (set when written, renewed when
 * read). After a run, `prune` deletes the least recently used entries until the cache holds at most
 * `maxBytes`, never one the run used; temporary files a killed run left behind go after an hour.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ObjectCache } from './options.js';

const KEY = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;

/** The default bound of a cache directory: a few generations of the whole Yuno reference (~40 MB each). */
export const CACHE_MAX_BYTES = 256 * 1024 * 1024;

/** How old a temporary file must be before prune takes it for a killed run's leftover. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface DirectoryCache extends ObjectCache {
  /** Evict (see the module comment); returns how many entries and bytes went. Never throws. */
  prune(): { entries: number; bytes: number };
}

export interface DirectoryCacheOptions {
  /** false: every object is generated again and stored (`generate --force`). */
  read?: boolean;
  /** false: entries are only read (`check`, which writes nothing), and nothing is evicted. */
  write?: boolean;
  /** The size prune keeps the directory under. @default CACHE_MAX_BYTES */
  maxBytes?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** A cache in `dir`. */
export function directoryCache(dir: string, { read = true, write = true, maxBytes = CACHE_MAX_BYTES, now = Date.now }: DirectoryCacheOptions = {}): DirectoryCache {
  const pathOf = (key: string): string | undefined => (KEY.test(key) ? join(dir, key.slice(0, 2), key) : undefined);
  /** The keys this run read or wrote: prune keeps them. */
  const used = new Set<string>();
  return {
    has: (key) => {
      const path = pathOf(key);
      return read && path !== undefined && existsSync(path);
    },
    get: (key) => {
      const path = pathOf(key);
      if (!read || path === undefined) return undefined;
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch {
        return undefined;
      }
      used.add(key);
      if (write) {
        // Renewing the entry's time is eviction's business: a cache it cannot touch still serves the entry.
        try {
          const at = new Date(now());
          utimesSync(path, at, at);
        } catch {
          // a read-only file or folder
        }
      }
      return bytes;
    },
    set: (key, entry) => {
      const path = pathOf(key);
      if (!write || path === undefined) return;
      used.add(key);
      const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(temp, entry);
        renameSync(temp, path);
        const at = new Date(now());
        utimesSync(path, at, at);
      } catch {
        rmSync(temp, { force: true });
      }
    },
    prune: () => (write ? prune(dir, used, maxBytes, now()) : { entries: 0, bytes: 0 }),
  };
}

function prune(dir: string, used: ReadonlySet<string>, maxBytes: number, now: number): { entries: number; bytes: number } {
  const entries: { path: string; size: number; time: number }[] = [];
  let total = 0;
  let gone = { entries: 0, bytes: 0 };
  const remove = (path: string): boolean => {
    try {
      rmSync(path, { force: true });
      return true;
    } catch {
      return false;
    }
  };
  let shards: string[];
  try {
    shards = readdirSync(dir).filter((name) => SHARD.test(name));
  } catch {
    return gone;
  }
  for (const shard of shards) {
    let names: string[];
    try {
      names = readdirSync(join(dir, shard));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, shard, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (now - stat.mtimeMs > STALE_TEMP_MS) remove(path);
        continue;
      }
      if (!KEY.test(name)) continue;
      total += stat.size;
      if (!used.has(name)) entries.push({ path, size: stat.size, time: stat.mtimeMs });
    }
  }
  // Least recently used first; ties by path, so two runs evict alike.
  entries.sort((a, b) => a.time - b.time || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of entries) {
    if (total <= maxBytes) break;
    if (!remove(entry.path)) continue;
    total -= entry.size;
    gone = { entries: gone.entries + 1, bytes: gone.bytes + entry.size };
  }
  for (const shard of shards) {
    try {
      rmdirSync(join(dir, shard));
    } catch {
      // not empty, or gone
    }
  }
  return gone;
}
