/**
 * One source over HTTP: a conditional GET (If-None-Match / If-Modified-Since from the lock), redirects
 * followed by hand (so a loop is named), bounded retries with backoff on 5xx, 429 and timeouts, and the
 * body checked before anyone sees it: not HTML where Markdown was expected, not larger than the cap, not
 * shorter than Content-Length, valid UTF-8. Proxies come from HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * (undici's EnvHttpProxyAgent). Nothing here touches the disk.
 */
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import type { SourceKind } from './url.js';

export interface FetchOptions {
  /** One attempt's limit, headers and body together. @default 30000 */
  timeoutMs?: number;
  /** Attempts in all (the first and the retries). @default 4 */
  tries?: number;
  /** The first retry's delay; each next one doubles it. @default 1000 */
  backoffMs?: number;
  /** The longest wait for a Retry-After the server asks for. @default 60000 */
  maxDelayMs?: number;
  /** The largest body accepted. @default 8 MiB */
  maxBytes?: number;
  /** Redirects followed at most. @default 5 */
  maxRedirects?: number;
  /** The HTTP dispatcher (tests); by default one EnvHttpProxyAgent per pull. */
  dispatcher?: Dispatcher;
  /** How to wait between tries (tests count the delays). */
  sleep?: (ms: number) => Promise<void>;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { status: 'unchanged'; requests: number }
  | { status: 'fetched'; bytes: Buffer; text: string; etag?: string; lastModified?: string; requests: number };

/** A source that could not be fetched; the message says what happened and what to do. */
export class SourceFault extends Error {
  constructor(
    message: string,
    readonly requests: number,
  ) {
    super(message);
    this.name = 'SourceFault';
  }
}

export const DEFAULT_FETCH: Required<Omit<FetchOptions, 'dispatcher' | 'sleep'>> = {
  timeoutMs: 30_000,
  tries: 4,
  backoffMs: 1_000,
  maxDelayMs: 60_000,
  maxBytes: 8 * 1024 * 1024,
  maxRedirects: 5,
};

/** The dispatcher a pull uses: proxies from the environment, the same timeouts as the attempts. */
export function proxyAgent(timeoutMs: number = DEFAULT_FETCH.timeoutMs): Dispatcher {
  return new EnvHttpProxyAgent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: { timeout: timeoutMs } });
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Fetch one source. `known` are the lock's validators, sent only when the pinned copy is intact. */
export async function fetchSource(url: string, kind: SourceKind, known: Validators | undefined, options: FetchOptions = {}): Promise<FetchResult> {
  const o = { ...DEFAULT_FETCH, ...options };
  const dispatcher = options.dispatcher ?? proxyAgent(o.timeoutMs);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  let requests = 0;
  let last = '';
  try {
    for (let attempt = 1; attempt <= o.tries; attempt++) {
      try {
        return await followRedirects(url, kind, known, o, dispatcher, () => ++requests);
      } catch (error) {
        if (error instanceof SourceFault) throw new SourceFault(error.message, requests);
        if (!(error instanceof Retryable)) throw error;
        last = error.message;
        if (attempt === o.tries) break;
        const backoff = o.backoffMs * 2 ** (attempt - 1);
        await sleep(Math.min(Math.max(backoff, error.retryAfterMs ?? 0), o.maxDelayMs));
      }
    }
  } finally {
    if (!options.dispatcher) await dispatcher.close();
  }
  throw new SourceFault(`${last} (${o.tries} ${o.tries === 1 ? 'try' : 'tries'}); try again later, or check the network and HTTPS_PROXY`, requests);
}

async function followRedirects(
  start: string,
  kind: SourceKind,
  known: Validators | undefined,
  o: typeof DEFAULT_FETCH,
  dispatcher: Dispatcher,
  count: () => number,
): Promise<FetchResult> {
  const chain = [start];
  let url = start;
  for (;;) {
    const headers: Record<string, string> = { 'accept-encoding': 'identity', accept: kind === 'page' ? 'text/markdown, text/plain;q=0.9, */*;q=0.1' : '*/*' };
    if (known?.etag !== undefined) headers['if-none-match'] = known.etag;
    if (known?.lastModified !== undefined) headers['if-modified-since'] = known.lastModified;
    const requests = count();
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, { method: 'GET', headers, dispatcher, headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs, signal: AbortSignal.timeout(o.timeoutMs) });
    } catch (error) {
      throw new Retryable(networkReason(error, o.timeoutMs));
    }
    const status = res.statusCode;
    const header = (name: string): string | undefined => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (status >= 300 && status < 400 && status !== 304) {
      await res.body.dump();
      const location = header('location');
      if (location === undefined) throw new SourceFault(`HTTP ${status} redirect without a Location header; report it to the server's owner`, requests);
      const next = new URL(location, url).href;
      if (chain.includes(next)) throw new SourceFault(`redirect loop: ${[...chain, next].join(' → ')}; the server sends these URLs in a circle, so give the final URL of the page`, requests);
      if (chain.length > o.maxRedirects) throw new SourceFault(`more than ${o.maxRedirects} redirects (${chain.join(' → ')} → …); give the final URL of the page`, requests);
      if (!/^https?:$/.test(new URL(next).protocol)) throw new SourceFault(`redirected to ${next}, which is not http(s)`, requests);
      chain.push(next);
      url = next;
      continue;
    }
    if (status === 304) {
      await res.body.dump();
      if (!known) throw new SourceFault('HTTP 304 Not Modified to a request that was not conditional; report it to the server\'s owner', requests);
      return { status: 'unchanged', requests };
    }
    if (status === 429 || status >= 500) {
      await res.body.dump();
      throw new Retryable(`HTTP ${status}${status === 429 ? ' Too Many Requests' : ' from the server'}`, retryAfter(header('retry-after')));
    }
    if (status === 404 || status === 410) {
      await res.body.dump();
      throw new SourceFault(`not found (HTTP ${status} at ${url}); check the URL (a docs.y.uno page is served as Markdown at its page URL + .md)`, requests);
    }
    if (status !== 200) {
      await res.body.dump();
      throw new SourceFault(`HTTP ${status} at ${url}; expected 200`, requests);
    }
    const bytes = await readBody(res, header('content-length'), o);
    const text = checkBody(bytes, kind, header('content-type'), url);
    const result: FetchResult = { status: 'fetched', bytes, text, requests };
    const etag = header('etag');
    const lastModified = header('last-modified');
    if (etag !== undefined) result.etag = etag;
    if (lastModified !== undefined) result.lastModified = lastModified;
    return result;
  }
}

function retryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (e.name === 'TimeoutError' || /TIMEOUT/.test(code)) return `timed out after ${timeoutMs / 1000} s`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed before the response';
  return `network error (${code || e.message || String(error)})`;
}

/** Read the body up to the cap; a body shorter than its Content-Length is truncated, not a page. */
async function readBody(res: Dispatcher.ResponseData, contentLength: string | undefined, o: typeof DEFAULT_FETCH): Promise<Buffer> {
  const declared = contentLength === undefined ? undefined : Number(contentLength);
  const tooLarge = (): SourceFault => new SourceFault(`the body is larger than ${o.maxBytes} bytes; a doc page or OpenAPI file is far smaller, so check the URL`, 0);
  if (declared !== undefined && declared > o.maxBytes) {
    res.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > o.maxBytes) {
        res.body.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof SourceFault) throw error;
    const reason = networkReason(error, o.timeoutMs);
    if (reason.startsWith('timed out')) throw new Retryable(`${reason} while reading the body`);
    throw new Retryable(`truncated: the connection closed after ${size}${declared !== undefined ? ` of ${declared}` : ''} bytes`);
  }
  if (declared !== undefined && size !== declared) throw new Retryable(`truncated: got ${size} of the ${declared} bytes the server announced`);
  return Buffer.concat(chunks);
}

/** The body must be what was asked for, as text: UTF-8, and Markdown rather than a web page for a page. */
function checkBody(bytes: Buffer, kind: SourceKind, contentType: string | undefined, url: string): string {
  const [mime = '', ...params] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new SourceFault(`the server declares charset=${charset}; yuno-codegen reads UTF-8 sources only`, 0);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SourceFault(`the body is not valid UTF-8 (at byte offset ${firstInvalidUtf8(bytes)}); the server sent another encoding or a binary file`, 0);
  }
  // Sniffing the first characters, as browsers do (WHATWG MIME sniffing), not parsing: a web page where
  // the source was expected means the URL is the rendered page, or a login or error page.
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 15).toLowerCase();
  const looksHtml = start.startsWith('<!doctype html') || start.startsWith('<html');
  if (mime === 'text/html' || looksHtml) {
    const fix = kind === 'page' ? 'docs.y.uno serves a page\'s Markdown at the page URL + .md; give the page URL (without .md) or a GitHub file URL' : 'give the URL of the file itself (for GitHub, the file URL github.com/OWNER/REPO/blob/BRANCH/PATH)';
    throw new SourceFault(`got an HTML page instead of ${kind === 'page' ? 'Markdown' : 'an OpenAPI file'} from ${url}; ${fix}`, 0);
  }
  if (text.trim() === '') throw new SourceFault(`the body is empty at ${url}`, 0);
  return text;
}

/** The offset of the first byte that breaks UTF-8 (the decoder only says that one does). */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection; a prefix that ends inside a character counts as invalid,
  // so step back to the start of the character.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
