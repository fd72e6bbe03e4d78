/**
 * `yuno-codegen.lock.json`: what each remote source was when it was pulled (URL, pinned copy, sha256,
 * size, the server's ETag / Last-Modified). Sorted by URL, no timestamps of ours, so pulling the same
 * bytes twice writes the same file.
 */
import type { Problem } from '../types.js';
import type { SourceKind } from './url.js';

export const LOCK_NAME = 'yuno-codegen.lock.json';
export const LOCK_VERSION = 1;

export interface LockEntry {
  url: string;
  kind: SourceKind;
  /** The pinned copy, relative to the lock file's directory (POSIX). */
  path: string;
  sha256: string;
  size: number;
  etag?: string;
  lastModified?: string;
}

export interface Lock {
  lockVersion: typeof LOCK_VERSION;
  sources: LockEntry[];
}

export function emptyLock(): Lock {
  return { lockVersion: LOCK_VERSION, sources: [] };
}

/** The lock's text: keys in a fixed order, entries sorted by URL (code-unit order, not the locale's). */
export function lockText(lock: Lock): string {
  const sources = [...lock.sources]
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .map((e) => ({
      url: e.url,
      kind: e.kind,
      path: e.path,
      sha256: e.sha256,
      size: e.size,
      ...(e.etag !== undefined ? { etag: e.etag } : {}),
      ...(e.lastModified !== undefined ? { lastModified: e.lastModified } : {}),
    }));
  return `${JSON.stringify({ lockVersion: LOCK_VERSION, sources }, null, 2)}\n`;
}

/** Read a lock's text; anything malformed is one problem naming the entry and the fix. */
export function parseLock(text: string, file: string): Lock | Problem {
  const fail = (at: string, message: string): Problem => ({ file, at, rule: 'lock', message: `${message}; delete ${file} and run yuno-codegen pull to write it anew` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('', 'is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('', 'is not a JSON object');
  const v = value as Record<string, unknown>;
  if (v['lockVersion'] !== LOCK_VERSION) return fail('/lockVersion', `has lockVersion ${JSON.stringify(v['lockVersion'])}, this version of yuno-codegen reads ${LOCK_VERSION}`);
  if (!Array.isArray(v['sources'])) return fail('/sources', 'has no "sources" list');
  const sources: LockEntry[] = [];
  for (const [i, raw] of (v['sources'] as unknown[]).entries()) {
    const e = (raw ?? {}) as Record<string, unknown>;
    const str = (k: string): boolean => typeof e[k] === 'string';
    const ok =
      str('url') && (e['kind'] === 'page' || e['kind'] === 'openapi') && str('path') && /^[0-9a-f]{64}$/.test(String(e['sha256'])) &&
      Number.isSafeInteger(e['size']) && (e['etag'] === undefined || str('etag')) && (e['lastModified'] === undefined || str('lastModified'));
    if (!ok) return fail(`/sources/${i}`, 'has an entry without a valid url, kind, path, sha256 and size');
    sources.push(e as unknown as LockEntry);
  }
  return { lockVersion: LOCK_VERSION, sources };
}
