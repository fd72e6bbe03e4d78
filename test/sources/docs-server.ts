/**
 * A stand-in for docs.y.uno on 127.0.0.1 (a random port), started by the tests: every page is served as
 * its source Markdown at `/reference/<page>.md`, with an ETag (a digest of the body) and 304 to a
 * matching If-None-Match. A route can be given a fault instead. Every request is logged.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Route {
  body?: string | Buffer;
  contentType?: string;
  /** Set instead of a body: answer the request any way the fault needs. `n` counts this route object's requests (1-based). */
  handle?: (req: IncomingMessage, res: ServerResponse, n: number) => void;
}

export interface LoggedRequest {
  method: string;
  path: string;
  ifNoneMatch?: string;
  /** The request line named a full URL: it came through a proxy. */
  absolute: boolean;
}

export interface DocsServer {
  origin: string;
  routes: Map<string, Route>;
  log: LoggedRequest[];
  close(): Promise<void>;
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
}

export async function startDocsServer(routes: Record<string, Route> = {}): Promise<DocsServer> {
  const table = new Map(Object.entries(routes));
  const log: LoggedRequest[] = [];
  const counts = new WeakMap<Route, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const absolute = (req.url ?? '').startsWith('http');
    const path = absolute ? new URL(req.url ?? '/').pathname : (req.url ?? '/').split('?')[0] ?? '/';
    const entry: LoggedRequest = { method: req.method ?? 'GET', path, absolute };
    if (typeof req.headers['if-none-match'] === 'string') entry.ifNoneMatch = req.headers['if-none-match'];
    log.push(entry);
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const n = (counts.get(route) ?? 0) + 1;
    counts.set(route, n);
    if (route.handle) {
      route.handle(req, res, n);
      return;
    }
    const body = route.body ?? '';
    const etag = etagOf(body);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': route.contentType ?? 'text/markdown; charset=utf-8', etag, 'content-length': Buffer.byteLength(body) }).end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes: table,
    log,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
