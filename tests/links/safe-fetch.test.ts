import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkRefused } from '../../src/links/link-errors.js';
import { isPublicAddress } from '../../src/links/public-address.js';
import { safeFetch, USER_AGENT, type FetchPolicy, type FetchRequest } from '../../src/links/safe-fetch.js';
import { startLocalSite, type LocalSite } from './local-site.js';

let site: LocalSite;
beforeAll(async () => {
  site = await startLocalSite();
});
afterAll(() => site.close());

const OPEN: FetchPolicy = { allowPrivate: true };
const html = (url: string): FetchRequest => ({ url, accept: ['text/html', 'application/xhtml+xml'], wanted: 'an HTML page' });

async function refusal(promise: Promise<unknown>): Promise<LinkRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LinkRefused)) throw new Error(`expected a LinkRefused, got ${String(error)}`);
  return error;
}

describe('isPublicAddress', () => {
  it('accepts public unicast addresses of both families', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it('refuses loopback, private, link-local, CGNAT, multicast, unique-local and mapped forms', () => {
    const hidden = [
      '127.0.0.1',
      '10.0.0.5',
      '172.16.3.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.251',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:7f00:1::1',
      'not an address',
    ];
    for (const address of hidden) expect(isPublicAddress(address), address).toBe(false);
  });
});

describe('safeFetch', () => {
  it('fetches a page with an identifying User-Agent', async () => {
    const page = await safeFetch(html(`${site.base}/news/harbor`), OPEN);
    expect(page.notModified).toBe(false);
    if (page.notModified) return;
    expect(page.mediaType).toBe('text/html');
    expect(page.text).toContain('Harbor crews reopened the north shipping channel');
    expect(site.requests.at(-1)?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('follows a redirect chain and reports the final URL', async () => {
    const page = await safeFetch(html(`${site.base}/r3`), OPEN);
    expect(page.url).toBe(`${site.base}/news/harbor`);
  });

  it('refuses more than 5 redirects', async () => {
    const error = await refusal(safeFetch(html(`${site.base}/loop`), OPEN));
    expect(error.reason).toBe('too-many-redirects');
    expect(error.message).toBe(`${site.base}/loop redirects more than 5 times; give the final address.`);
  });

  it('refuses an HTTP error with its status', async () => {
    const error = await refusal(safeFetch(html(`${site.base}/missing`), OPEN));
    expect(error.reason).toBe('http');
    expect(error.message).toBe(`${site.base}/missing answered HTTP 404 Not Found.`);
  });

  it('refuses what is not HTML, naming what came instead', async () => {
    const error = await refusal(safeFetch(html(`${site.base}/report.pdf`), OPEN));
    expect(error.reason).toBe('wrong-type');
    expect(error.message).toBe(`${site.base}/report.pdf is application/pdf, not an HTML page: only an HTML page can be read here.`);
  });

  it('stops reading a 30 MB page at 5 MB, although it declares no length', async () => {
    const error = await refusal(safeFetch(html(`${site.base}/huge`), OPEN));
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe(`${site.base}/huge is larger than 5 MB; storybot reads pages up to that size.`);
  });

  it('decodes a gzipped page, and applies the 5 MB limit to the decoded bytes', async () => {
    const page = await safeFetch(html(`${site.base}/gzipped`), OPEN);
    expect(page.notModified ? '' : page.text).toContain('Council votes to keep the ferry running');
    expect(site.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect((await refusal(safeFetch(html(`${site.base}/gzip-bomb`), OPEN))).reason).toBe('too-large');
  });

  it('gives up on a page that does not answer in time', async () => {
    const error = await refusal(
      safeFetch(html(`${site.base}/slow`), { ...OPEN, limits: { timeoutMs: 200, maxRedirects: 5, maxBytes: 5_000_000 } }),
    );
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`${site.base}/slow did not answer within 0.2 s. Try again later.`);
  });

  it('refuses other schemes than http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/a', 'gopher://x']) {
      expect((await refusal(safeFetch(html(url), OPEN))).reason, url).toBe('bad-url');
    }
  });

  it('sends the validators of a conditional request and reports 304 as not modified', async () => {
    const first = await safeFetch({ url: `${site.base}/feed.rss`, accept: ['application/rss+xml'], wanted: 'a feed' }, OPEN);
    const etag = first.headers.etag;
    const again = await safeFetch(
      { url: `${site.base}/feed.rss`, accept: ['application/rss+xml'], wanted: 'a feed', etag: etag ?? null },
      OPEN,
    );
    expect(again.notModified).toBe(true);
    expect(site.requests.at(-1)?.headers['if-none-match']).toBe(etag);
  });
});

describe('safeFetch with STORYBOT_ALLOW_PRIVATE_URLS off', () => {
  const CLOSED: FetchPolicy = { allowPrivate: false };

  it('refuses a loopback address and says how to allow it, without sending anything', async () => {
    const before = site.requests.length;
    const error = await refusal(safeFetch(html(`${site.base}/news/harbor`), CLOSED));
    expect(error.reason).toBe('private-address');
    expect(error.message).toBe(
      '127.0.0.1 resolves to 127.0.0.1, a loopback address, not a public one: storybot fetches only public web pages. ' +
        'To allow intranet addresses on a self-hosted bot, set STORYBOT_ALLOW_PRIVATE_URLS=true.',
    );
    expect(site.requests.length).toBe(before);
  });

  it('checks the address a name resolves to, not the name', async () => {
    const before = site.requests.length;
    const error = await refusal(
      safeFetch(html(`http://news.example:${site.port}/news/harbor`), { ...CLOSED, resolve: async () => ['10.1.2.3'] }),
    );
    expect(error.message).toMatch(/^news\.example resolves to 10\.1\.2\.3, a private address/);
    // An IPv4-mapped IPv6 form of a private address is refused too.
    const mapped = await refusal(safeFetch(html(`http://[::ffff:7f00:1]:${site.port}/news/harbor`), CLOSED));
    expect(mapped.reason).toBe('private-address');
    expect(site.requests.length).toBe(before);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const error = await refusal(
      safeFetch(html(`http://mixed.example:${site.port}/`), { ...CLOSED, resolve: async () => ['93.184.216.34', '192.168.0.10'] }),
    );
    expect(error.message).toMatch(/^mixed\.example resolves to 192\.168\.0\.10, a private address/);
  });

  it('connects to the address it checked, not to a second resolution', async () => {
    // news.test exists only in this resolver: the request reaching the site proves the checked address was used.
    let resolutions = 0;
    const policy: FetchPolicy = {
      allowPrivate: false,
      isPublic: (address) => address === '127.0.0.1',
      resolve: async () => {
        resolutions++;
        return ['127.0.0.1'];
      },
    };
    const page = await safeFetch(html(`http://news.test:${site.port}/news/ferry`), policy);
    expect(page.notModified ? '' : page.text).toContain('Council votes to keep the ferry running');
    expect(resolutions).toBe(1);
    expect(site.requests.at(-1)?.headers.host).toBe(`news.test:${site.port}`);
  });

  it('checks every redirect hop', async () => {
    // The first hop is allowed; the redirect target resolves to another address that is not.
    const policy: FetchPolicy = {
      allowPrivate: false,
      isPublic: (address) => address === '127.0.0.1',
      resolve: async (host) => (host === 'inside.test' ? ['127.0.0.2'] : ['127.0.0.1']),
    };
    const redirecting = await startRedirect(`http://inside.test:${site.port}/news/harbor`);
    try {
      const error = await refusal(safeFetch(html(`http://outside.test:${redirecting.port}/`), policy));
      expect(error.message).toMatch(/^inside\.test resolves to 127\.0\.0\.2, a loopback address/);
    } finally {
      await redirecting.close();
    }
  });
});

/** A one-route server that redirects every request to `location`. */
async function startRedirect(location: string): Promise<{ port: number; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => {
    res.writeHead(302, { location });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
