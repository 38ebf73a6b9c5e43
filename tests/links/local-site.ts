import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../helpers.js';

/*
 * A news site on 127.0.0.1 for offline tests: realistic article pages (JSON-LD, OpenGraph only,
 * neither, no article), a redirect chain and a loop, a 404, a 30 MB page, a PDF, a page that never
 * answers, and an RSS and an Atom feed whose items point at those pages, with ETag / Last-Modified.
 */

const FIXTURES = path.join(ROOT, 'tests/fixtures/web');

/** A fixture file of tests/fixtures/web as text. */
export function webFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** One request the site received. */
export interface SiteRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
}

/** The running site. Pages and feeds can be changed by a test (an updated article, a new feed item). */
export interface LocalSite {
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
  readonly port: number;
  /** Path → HTML served as text/html. */
  readonly pages: Map<string, string>;
  /** Path → feed XML ({{base}} already filled in) with its media type. */
  readonly feeds: Map<string, { xml: string; type: string }>;
  readonly requests: SiteRequest[];
  /** Paths that answer 503 Service Unavailable for now. */
  readonly unavailable: Set<string>;
  close(): Promise<void>;
}

const MB = 1_000_000;

/** Starts the site on an ephemeral port of 127.0.0.1. */
export async function startLocalSite(options: { ttlMinutes?: number } = {}): Promise<LocalSite> {
  const pages = new Map<string, string>([
    ['/news/harbor', webFixture('news-jsonld.html')],
    ['/news/ferry', webFixture('news-opengraph.html')],
    ['/news/library', webFixture('news-plain.html')],
    ['/login', webFixture('no-article.html')],
  ]);
  const feeds = new Map<string, { xml: string; type: string }>();
  const requests: SiteRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    requests.push({ path: url.pathname, headers: req.headers });
    route(url.pathname, req, res);
  });
  const unavailable = new Set<string>();
  const route = (pathname: string, req: IncomingMessage, res: ServerResponse): void => {
    if (unavailable.has(pathname)) return send(res, 503, 'text/html', '<!DOCTYPE html><title>Busy</title><p>Try again later.</p>');
    const page = pages.get(pathname);
    if (page !== undefined) return send(res, 200, 'text/html; charset=utf-8', page);
    const feed = feeds.get(pathname);
    if (feed !== undefined) return sendFeed(req, res, feed);
    const redirect = /^\/r(\d)$/.exec(pathname);
    if (redirect) {
      // /r3 → /r2 → /r1 → /news/harbor, with the three kinds of redirect.
      const n = Number(redirect[1]);
      res.writeHead([301, 302, 307][n % 3] ?? 302, { location: n > 1 ? `/r${n - 1}` : '/news/harbor' });
      return void res.end();
    }
    if (pathname === '/loop') {
      res.writeHead(302, { location: '/loop' });
      return void res.end();
    }
    if (pathname === '/huge') return sendHuge(res);
    if (pathname === '/gzipped') return sendGzip(res, gzipSync(pages.get('/news/ferry') ?? ''));
    // 30 MB of spaces in an HTML page compress to about 30 kB: the limit must hold for the decoded bytes.
    if (pathname === '/gzip-bomb') return sendGzip(res, gzipSync(`<!DOCTYPE html><p>${' '.repeat(30 * MB)}</p>`));
    if (pathname === '/report.pdf') return send(res, 200, 'application/pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    if (pathname === '/slow') return void hanging.add(res);
    send(res, 404, 'text/html', '<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>');
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const fill = (xml: string): string => xml.replaceAll('{{base}}', base).replaceAll('{{ttl}}', String(options.ttlMinutes ?? 5));
  feeds.set('/feed.rss', { xml: fill(webFixture('feed.rss.xml')), type: 'application/rss+xml; charset=utf-8' });
  feeds.set('/feed.atom', { xml: fill(webFixture('feed.atom.xml')), type: 'application/atom+xml' });
  return {
    base,
    port,
    pages,
    feeds,
    requests,
    unavailable,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A feed with a strong ETag of its content and a Last-Modified; a matching If-None-Match answers 304. */
function sendFeed(req: IncomingMessage, res: ServerResponse, feed: { xml: string; type: string }): void {
  const etag = `"${createHash('sha1').update(feed.xml).digest('hex').slice(0, 16)}"`;
  const lastModified = 'Thu, 15 Feb 2024 09:00:00 GMT';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag, 'last-modified': lastModified });
    return void res.end();
  }
  res.writeHead(200, { 'content-type': feed.type, etag, 'last-modified': lastModified });
  res.end(feed.xml);
}

function sendGzip(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'content-length': body.length });
  res.end(body);
}

/** 30 MB of HTML, streamed without a Content-Length (the fetcher must count, not trust a header). */
function sendHuge(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html' });
  const chunk = `<p>${'All work and no play makes a very long page. '.repeat(1000)}</p>\n`;
  let sent = 0;
  const write = (): void => {
    while (sent < 30 * MB) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
    res.end();
  };
  res.write('<!DOCTYPE html><html><body>');
  write();
}
