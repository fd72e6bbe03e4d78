/**
 * The object cache on disk (the CLI's; the library takes any ObjectCache): one file per key, in
 * `<dir>/<first two hex digits>/<key>`. An entry is written to a temporary file beside it and renamed
 * into place, so a reader, a concurrent run or a killed run sees a whole entry or none; two runs that
 * write the same key write the same bytes. What is read is checked by the library (cache.ts), so a
 * damaged or foreign file only costs a regeneration. Nothing here ever fails a run: a cache that cannot
 * be read or written is a cache that misses.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ObjectCache } from './options.js';

const KEY = /^[0-9a-f]{64}$/;

/**
 * A cache in `dir`. With `read: false` (`generate --force`) every object is generated again and stored;
 * with `write: false` (`check`, which writes nothing) entries are only read.
 */
export function directoryCache(dir: string, { read = true, write = true }: { read?: boolean; write?: boolean } = {}): ObjectCache {
  const pathOf = (key: string): string | undefined => (KEY.test(key) ? join(dir, key.slice(0, 2), key) : undefined);
  return {
    has: (key) => {
      const path = pathOf(key);
      return read && path !== undefined && existsSync(path);
    },
    get: (key) => {
      const path = pathOf(key);
      if (!read || path === undefined) return undefined;
      try {
        return readFileSync(path);
      } catch {
        return undefined;
      }
    },
    set: (key, entry) => {
      const path = pathOf(key);
      if (!write || path === undefined) return;
      const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(temp, entry);
        renameSync(temp, path);
      } catch {
        rmSync(temp, { force: true });
      }
    },
  };
}
