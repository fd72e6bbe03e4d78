/**
 * Sources given by URL: which URL is fetched for an entry of `pages` or `openapi`, and where its pinned
 * copy lives. A docs.y.uno page URL is fetched with `.md` appended (the site serves every page's source
 * Markdown there); a GitHub file URL (`github.com/OWNER/REPO/blob/REF/PATH`) is fetched from GitHub's raw
 * file host. The pinned copy mirrors the URL (host, then path), so two URLs never share a file.
 */
import type { Problem } from '../types.js';

export type SourceKind = 'page' | 'openapi';

export interface SourceSpec {
  kind: SourceKind;
  /** The entry as the config gives it. */
  url: string;
  /** What is requested. */
  fetchUrl: string;
  /** The pinned copy, a POSIX path relative to the config file's directory. */
  pinned: string;
}

/** An entry that names a remote source rather than a file or a glob. */
export function isUrl(entry: string): boolean {
  return /^https?:\/\//i.test(entry);
}

const SAFE_SEGMENT = /^[A-Za-z0-9._~+-]+$/;
const PAGE_EXTENSION = /\.mdx?$/i;

/** The source an URL entry stands for, or the problem with it (`where` names the config key). */
export function sourceOf(entry: string, kind: SourceKind, pinnedDir: string, file: string, where: string): SourceSpec | Problem {
  const fail = (message: string): Problem => ({ file, at: where, rule: 'source-url', message: `${JSON.stringify(entry)} ${message}` });
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return fail('is not a valid URL; give an https:// address such as https://docs.y.uno/reference/the-payment-object');
  }
  if (url.username !== '' || url.password !== '') return fail('carries a user name or password; give the public URL (credentials do not belong in a committed config)');
  if (url.search !== '') return fail('has a query string, which cannot be pinned; give the page URL without "?…"');
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return fail('has a malformed %-escape in its path; copy the URL from the browser again');
  }
  if (segments.length === 0) return fail('names no file (the path is empty); give the URL of one page or one OpenAPI file');
  let fetchUrl = `${url.protocol}//${url.host}${url.pathname}`;
  let mirrored = segments;
  if (url.hostname === 'github.com') {
    const [owner, repo, blob, ref, ...rest] = segments;
    if (blob !== 'blob' && blob !== 'raw') return fail('is a GitHub URL but not of a file; give the file URL (github.com/OWNER/REPO/blob/BRANCH/PATH)');
    if (owner === undefined || repo === undefined || ref === undefined || rest.length === 0) return fail('is a GitHub URL without a file path; give github.com/OWNER/REPO/blob/BRANCH/PATH');
    mirrored = [owner, repo, ref, ...rest];
    fetchUrl = `https://raw.githubusercontent.com/${mirrored.map(encodeURIComponent).join('/')}`;
  }
  const bad = mirrored.find((s) => !SAFE_SEGMENT.test(s) || s === '.' || s === '..');
  if (bad !== undefined) return fail(`has the path segment ${JSON.stringify(bad)}, which cannot be a file name; give a URL whose path is letters, digits and . _ ~ + -`);
  const last = mirrored[mirrored.length - 1] as string;
  if (kind === 'page' && !PAGE_EXTENSION.test(last)) {
    // docs.y.uno serves a page's source Markdown at the page URL + `.md`.
    mirrored = [...mirrored.slice(0, -1), `${last}.md`];
    fetchUrl += '.md';
  }
  const host = url.port === '' ? url.hostname : `${url.hostname}_${url.port}`;
  return { kind, url: entry, fetchUrl, pinned: [pinnedDir.replace(/\/+$/, ''), host, ...mirrored].join('/') };
}
