/**
 * `pull` and `check --upstream` against a stand-in for docs.y.uno on 127.0.0.1 (started here): the corpus
 * served at docs.y.uno's URL layout (`/reference/<page>.md`) with ETags and 304s, then each fault. After
 * every failed pull the pinned copies and the lock are byte-identical to what they were.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runPull, runUpstreamCheck } from '../../generators/sources/commands.js';
import type { FetchOptions } from '../../generators/sources/fetch.js';
import { CodegenError } from '../../generators/types.js';
import { etagOf, startDocsServer, type DocsServer } from './docs-server.js';

const corpus = join(__dirname, '..', '..', '..', 'shared', 'yuno-pages');
const PAGES = ['the-customer-session-object', 'the-customer-object', 'the-payout-object'];
const page = (name: string): Buffer => readFileSync(join(corpus, `${name}.md`));

let server: DocsServer;
let dir: string;
/** The project folder before a pull that must fail; compared after each fault test. */
let before: ReturnType<typeof snapshot> | undefined;
const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];
const savedEnv: Record<string, string | undefined> = {};

/** Short timeouts and backoffs, and the waits recorded instead of slept. */
let delays: number[];
const fast = (): FetchOptions => ({ timeoutMs: 300, tries: 3, backoffMs: 10, maxDelayMs: 50, maxBytes: 1_000_000, sleep: async (ms) => void delays.push(ms) });

function serveCorpus(): void {
  server.routes.clear();
  for (const name of PAGES) server.routes.set(`/reference/${name}.md`, { body: page(name) });
}

function writeConfig(pages: string[] = PAGES.map((n) => `${server.origin}/reference/${n}`)): void {
  writeFileSync(join(dir, 'yuno-codegen.config.json'), `${JSON.stringify({ pages, packageName: 'yuno-types', packageVersion: '1.0.0' }, null, 2)}\n`);
}

/** Every file under the project folder, by relative path, with the digest of its bytes and its mtime. */
function snapshot(): Map<string, { bytes: string; mtime: number }> {
  const out = new Map<string, { bytes: string; mtime: number }>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else out.set(relative(dir, p), { bytes: createHash('sha256').update(readFileSync(p)).digest('hex'), mtime: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CodegenError) return error.problems.map((p) => `${p.file}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the pull to fail');
}

const pinned = (name: string): string => join(dir, 'yuno-sources', server.origin.replace('http://', '').replace(':', '_'), 'reference', `${name}.md`);

beforeAll(async () => {
  for (const k of PROXY_VARS) {
    savedEnv[k] = process.env[k];
    delete process.env[k];
  }
  server = await startDocsServer();
});
afterAll(async () => {
  await server.close();
  for (const k of PROXY_VARS) if (savedEnv[k] !== undefined) process.env[k] = savedEnv[k];
});
beforeEach(() => {
  before = undefined;
  dir = mkdtempSync(join(tmpdir(), 'yuno-pull-'));
  delays = [];
  serveCorpus();
  writeConfig();
  server.log.length = 0;
});

describe('pull from the docs server', () => {
  it('pins each page byte for byte and locks it (sorted, sha256, size, ETag, no timestamps)', async () => {
    const outcome = await runPull({}, dir, fast());
    expect(outcome.exitCode).toBe(0);
    for (const name of PAGES) expect(readFileSync(pinned(name)).equals(page(name))).toBe(true);
    const lock = JSON.parse(readFileSync(join(dir, 'yuno-codegen.lock.json'), 'utf8')) as { lockVersion: number; sources: Record<string, unknown>[] };
    const expected = PAGES.map((name) => ({
      url: `${server.origin}/reference/${name}`,
      kind: 'page',
      path: relative(dir, pinned(name)),
      sha256: createHash('sha256').update(page(name)).digest('hex'),
      size: page(name).length,
      etag: etagOf(page(name)),
    })).sort((a, b) => (a.url < b.url ? -1 : 1));
    expect(lock).toEqual({ lockVersion: 1, sources: expected });
    // One unconditional GET per page, at the page URL + .md.
    expect(server.log.map((r) => [r.path, r.ifNoneMatch])).toEqual(expect.arrayContaining(PAGES.map((n) => [`/reference/${n}.md`, undefined])));
    expect(server.log).toHaveLength(3);
    expect(outcome.summary.split('\n').slice(0, 3).sort()).toEqual(PAGES.map((n) => `new  ${server.origin}/reference/${n} → ${relative(dir, pinned(n))}`).sort());
  });

  it('with nothing changed upstream: one conditional request per source, 304s, nothing written', async () => {
    await runPull({}, dir, fast());
    const before = snapshot();
    server.log.length = 0;
    const outcome = await runPull({}, dir, fast());
    expect(server.log.map((r) => r.ifNoneMatch)).toEqual(PAGES.map(() => expect.stringMatching(/^"[0-9a-f]{16}"$/)));
    expect(server.log).toHaveLength(PAGES.length);
    expect(snapshot()).toEqual(before);
    expect(outcome.summary.split('\n').pop()).toBe('nothing changed upstream (3 requests for 3 sources, nothing written)');
    expect(outcome.json['written']).toEqual([]);
  });

  it('a page edited upstream: pulled, the lock updated, the change classified', async () => {
    const { runGenerate } = await import('../../generators/cli/commands/generate.js');
    await runPull({}, dir, fast());
    await runGenerate({ quiet: true }, dir); // commits the canonical schemas beside the pinned pages
    const v2 = page('the-customer-session-object').toString('utf8').replace('(MAX 526; MIN 3)', '(MAX 100; MIN 3)');
    expect(v2).not.toBe(page('the-customer-session-object').toString('utf8'));
    server.routes.set('/reference/the-customer-session-object.md', { body: v2 });
    const outcome = await runPull({}, dir, fast());
    expect(readFileSync(pinned('the-customer-session-object'), 'utf8')).toBe(v2);
    expect(outcome.summary).toContain('changed    ' + `${server.origin}/reference/the-customer-session-object`);
    expect(outcome.summary).toMatch(/callback_url +max-lowered +maxLength 526 → 100 +none +breaking/);
    expect(outcome.json['bump']).toBe('major');
  });
});

describe('check (offline) and the pinned copies', () => {
  it('passes after pull and generate; a pinned copy edited by hand fails, naming it and the fix', async () => {
    const { runGenerate } = await import('../../generators/cli/commands/generate.js');
    const { runCheck } = await import('../../generators/cli/commands/check.js');
    await runPull({}, dir, fast());
    await runGenerate({ quiet: true }, dir);
    server.log.length = 0;
    expect((await runCheck({}, dir)).exitCode).toBe(0);
    const edited = pinned('the-payout-object');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n`);
    const check = await runCheck({}, dir);
    expect(check.exitCode).toBe(1);
    const shown = relative(dir, edited);
    expect(check.summary.split('\n').filter((l) => l.startsWith('pinned: '))).toEqual([
      `pinned: ${shown} differs from what yuno-codegen.lock.json records for ${server.origin}/reference/the-payout-object (edited by hand?)`,
    ]);
    expect(check.summary.split('\n').pop()).toMatch(/1 pinned copy not as locked \(run yuno-codegen pull\); run yuno-codegen generate$/);
    // check never touches the network.
    expect(server.log).toEqual([]);
  });
});

describe('diff', () => {
  it('classifies the pages as they are now against the committed schemas, offline; nothing changed says so', async () => {
    const { runGenerate } = await import('../../generators/cli/commands/generate.js');
    const { runDiff } = await import('../../generators/sources/commands.js');
    await runPull({}, dir, fast());
    await runGenerate({ quiet: true }, dir);
    server.log.length = 0;
    expect((await runDiff({}, dir)).summary).toBe('no changes: 3 pages match their committed schemas');
    const file = pinned('the-customer-session-object');
    writeFileSync(file, readFileSync(file, 'utf8').replace('(MAX 526; MIN 3)', '(MAX 100; MIN 3)'));
    const diff = await runDiff({ json: true }, dir);
    expect(diff.exitCode).toBe(0);
    expect(diff.json['bump']).toBe('major');
    const objects = diff.json['objects'] as { object: string; changes: { at: string; rule: string; types: string; validators: string }[] }[];
    expect(objects.map((o) => [o.object, o.changes.map((c) => `${c.rule}@${c.at} ${c.types}/${c.validators}`)])).toEqual([
      ['CustomerSession', ['description-changed@callback_url docs/docs', 'max-lowered@callback_url none/breaking']],
    ]);
    expect(diff.summary.split('\n').pop()).toBe('1 object changed; the changes call for a major version (yuno-codegen generate --bump)');
    expect(server.log).toEqual([]);
  });
});

describe('check --upstream', () => {
  it('exits 0 when every source answers 304, 1 when one moved; writes nothing either way', async () => {
    await runPull({}, dir, fast());
    const before = snapshot();
    server.log.length = 0;
    const same = await runUpstreamCheck({}, dir, fast());
    expect([same.exitCode, same.summary]).toEqual([0, 'upstream is unchanged: 3 sources match their pinned copies (3 requests)']);
    expect(server.log.every((r) => r.ifNoneMatch !== undefined)).toBe(true);
    server.routes.set('/reference/the-payout-object.md', { body: Buffer.concat([page('the-payout-object'), Buffer.from('\nedited\n')]) });
    const moved = await runUpstreamCheck({}, dir, fast());
    expect(moved.exitCode).toBe(1);
    expect(moved.summary).toBe(
      `upstream changed: ${server.origin}/reference/the-payout-object\ncheck --upstream failed: 1 source moved upstream; run yuno-codegen pull and review the classified changes`,
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('faults: a clear error, and the pinned copies and the lock stay byte-identical', () => {
  const target = '/reference/the-customer-object.md';
  const url = (): string => `${server.origin}/reference/the-customer-object`;

  /** A first good pull, then the upstream edits every page (so a pull that went half-way would show), then the fault. */
  async function faulty(handle: NonNullable<Parameters<DocsServer['routes']['set']>[1]['handle']>): Promise<string[]> {
    await runPull({}, dir, fast());
    for (const name of PAGES) server.routes.set(`/reference/${name}.md`, { body: Buffer.concat([page(name), Buffer.from('\n<!-- v2 -->\n')]) });
    server.routes.set(target, { handle });
    before = snapshot();
    server.log.length = 0;
    delays = [];
    return failure(runPull({}, dir, fast()));
  }
  afterEach(() => {
    if (before) expect(snapshot()).toEqual(before);
  });

  it('a timeout is retried with backoff, then named', async () => {
    const problems = await faulty(() => {
      /* never answers */
    });
    expect(problems).toEqual([`${url()}: timed out after 0.3 s (3 tries); try again later, or check the network and HTTPS_PROXY`]);
    expect(delays).toEqual([10, 20]);
    expect(server.log.filter((r) => r.path === target)).toHaveLength(3);
  });

  it('5xx is retried with backoff and succeeds when the server recovers', async () => {
    await runPull({}, dir, fast());
    server.routes.set(target, {
      handle: (_req, res, n) => {
        if (n < 3) res.writeHead(503).end('busy');
        else res.writeHead(200, { 'content-type': 'text/markdown' }).end(page('the-customer-object'));
      },
    });
    delays = [];
    const outcome = await runPull({}, dir, fast());
    expect(outcome.exitCode).toBe(0);
    expect(delays).toEqual([10, 20]);
    before = snapshot();
  });

  it('5xx on every try', async () => {
    const problems = await faulty((_req, res) => res.writeHead(502).end('bad gateway'));
    expect(problems).toEqual([`${url()}: HTTP 502 from the server (3 tries); try again later, or check the network and HTTPS_PROXY`]);
    expect(delays).toEqual([10, 20]);
  });

  it('429 with Retry-After: waits as asked (capped), then gives up', async () => {
    const problems = await faulty((_req, res) => res.writeHead(429, { 'retry-after': '1' }).end());
    expect(problems).toEqual([`${url()}: HTTP 429 Too Many Requests (3 tries); try again later, or check the network and HTTPS_PROXY`]);
    expect(delays).toEqual([50, 50]);
  });

  it('404 is not retried', async () => {
    const problems = await faulty((_req, res) => res.writeHead(404).end('no'));
    expect(problems).toEqual([`${url()}: not found (HTTP 404 at ${url()}.md); check the URL (a docs.y.uno page is served as Markdown at its page URL + .md)`]);
    expect(server.log.filter((r) => r.path === target)).toHaveLength(1);
  });

  it('a redirect loop', async () => {
    server.routes.set('/reference/elsewhere.md', { handle: (_req, res) => res.writeHead(302, { location: target }).end() });
    const problems = await faulty((_req, res) => res.writeHead(301, { location: '/reference/elsewhere.md' }).end());
    expect(problems).toEqual([
      `${url()}: redirect loop: ${url()}.md → ${server.origin}/reference/elsewhere.md → ${url()}.md; the server sends these URLs in a circle, so give the final URL of the page`,
    ]);
  });

  it('an HTML page where Markdown was expected (by Content-Type, and by the body)', async () => {
    const problems = await faulty((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in</body></html>'));
    const fix = "docs.y.uno serves a page's Markdown at the page URL + .md; give the page URL (without .md) or a GitHub file URL";
    expect(problems).toEqual([`${url()}: got an HTML page instead of Markdown from ${url()}.md; ${fix}`]);
    server.routes.set(target, { handle: (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('\n  <html lang="en"><head></head></html>') });
    expect(await failure(runPull({}, dir, fast()))).toEqual([`${url()}: got an HTML page instead of Markdown from ${url()}.md; ${fix}`]);
  });

  it('a truncated body (shorter than Content-Length) is retried, then named', async () => {
    const problems = await faulty((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/markdown', 'content-length': 5000 });
      res.write('# The customer object\n');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(problems).toEqual([`${url()}: truncated: the connection closed after 22 of 5000 bytes (3 tries); try again later, or check the network and HTTPS_PROXY`]);
  });

  it('an oversized body, announced or not', async () => {
    const big = Buffer.alloc(1_000_001, 'a');
    const problems = await faulty((_req, res) => res.writeHead(200, { 'content-type': 'text/markdown', 'content-length': big.length }).end(big));
    const message = `${url()}: the body is larger than 1000000 bytes; a doc page or OpenAPI file is far smaller, so check the URL`;
    expect(problems).toEqual([message]);
    server.routes.set(target, { handle: (_req, res) => { res.writeHead(200, { 'content-type': 'text/markdown' }); res.end(big); } });
    expect(await failure(runPull({}, dir, fast()))).toEqual([message]);
  });

  it('bad encodings: bytes that are not UTF-8, or a declared charset that is not', async () => {
    const latin1 = Buffer.from('# Customer\n\nSe\u00f1or\n', 'latin1');
    const problems = await faulty((_req, res) => res.writeHead(200, { 'content-type': 'text/markdown' }).end(latin1));
    expect(problems).toEqual([`${url()}: the body is not valid UTF-8 (at byte offset 14); the server sent another encoding or a binary file`]);
    server.routes.set(target, { handle: (_req, res) => res.writeHead(200, { 'content-type': 'text/markdown; charset=ISO-8859-1' }).end('# ok') });
    expect(await failure(runPull({}, dir, fast()))).toEqual([`${url()}: the server declares charset=iso-8859-1; yuno-codegen reads UTF-8 sources only`]);
  });

  it('two faults at once are both reported, and the page that did change is not written either', async () => {
    await runPull({}, dir, fast());
    server.routes.set('/reference/the-customer-session-object.md', { body: Buffer.concat([page('the-customer-session-object'), Buffer.from('\n<!-- v2 -->\n')]) });
    server.routes.set(target, { handle: (_req, res) => res.writeHead(410).end() });
    server.routes.set('/reference/the-payout-object.md', { handle: (_req, res) => res.writeHead(500).end() });
    before = snapshot();
    expect(await failure(runPull({}, dir, fast()))).toEqual([
      `${url()}: not found (HTTP 410 at ${url()}.md); check the URL (a docs.y.uno page is served as Markdown at its page URL + .md)`,
      `${server.origin}/reference/the-payout-object: HTTP 500 from the server (3 tries); try again later, or check the network and HTTPS_PROXY`,
    ]);
  });
});

describe('HTTPS_PROXY / HTTP_PROXY / NO_PROXY', () => {
  let proxy: Server;
  let proxied: string[];
  beforeAll(async () => {
    proxied = [];
    // A tunnelling proxy (HTTP CONNECT, as for HTTPS): it logs the host asked for and relays the bytes.
    proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client, head) => {
      proxied.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    await new Promise<void>((done) => proxy.close(() => done()));
  });
  afterEach(() => {
    for (const k of PROXY_VARS) delete process.env[k];
  });

  it('goes through the proxy the environment names, and around it for NO_PROXY hosts', { timeout: 20_000 }, async () => {
    process.env['HTTP_PROXY'] = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    expect((await runPull({}, dir, fast())).exitCode).toBe(0);
    // One tunnel per connection to the docs server (the agent keeps connections alive).
    expect(proxied.length).toBeGreaterThan(0);
    expect(new Set(proxied)).toEqual(new Set([server.origin.replace('http://', '')]));
    expect(server.log).toHaveLength(3);
    proxied.length = 0;
    server.log.length = 0;
    process.env['NO_PROXY'] = '127.0.0.1';
    server.log.length = 0;
    expect((await runPull({}, dir, fast())).exitCode).toBe(0);
    expect(proxied).toEqual([]);
    expect(server.log).toHaveLength(3);
  });
});
