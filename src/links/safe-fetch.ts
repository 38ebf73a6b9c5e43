import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { addressRange, isPublicAddress } from './public-address.js';
import { LinkRefused } from './link-errors.js';

/** How a fetch is bounded. The defaults are the issue's: 10 s, 5 redirects, 5 MB. */
export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 10_000, maxRedirects: 5, maxBytes: 5_000_000 };

/** Identifies storybot to the sites it reads, as polite crawlers do. */
export const USER_AGENT = 'storybot/0.1 (a self-hosted Discord bot that quotes news articles)';

/** Resolves a host name to its addresses (dns.lookup by default; tests give their own). */
export type Resolver = (hostname: string) => Promise<readonly string[]>;

/** Who may be connected to, and how names resolve. */
export interface FetchPolicy {
  /** STORYBOT_ALLOW_PRIVATE_URLS: also connect to loopback, private and other non-public addresses. */
  readonly allowPrivate: boolean;
  readonly limits?: FetchLimits;
  readonly resolve?: Resolver;
  /** Which addresses are public; isPublicAddress unless a test narrows it. */
  readonly isPublic?: (address: string) => boolean;
}

/** What to fetch: the URL, which content types are wanted (by a name for messages), and validators. */
export interface FetchRequest {
  readonly url: string;
  /** Lower-case media types accepted, e.g. `text/html`. */
  readonly accept: readonly string[];
  /** What the accepted types are, in a refusal: "an HTML page". */
  readonly wanted: string;
  /** Conditional request (feeds): an unchanged resource answers 304 and `notModified`. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
}

/** A fetched resource. */
export type FetchResult =
  | {
      readonly notModified: false;
      /** The URL after redirects. */
      readonly url: string;
      readonly status: number;
      readonly mediaType: string;
      readonly headers: IncomingHttpHeaders;
      readonly text: string;
    }
  | { readonly notModified: true; readonly url: string; readonly headers: IncomingHttpHeaders };

const systemResolver: Resolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Fetches an http(s) URL safely for a public bot: every hop's host is resolved first and all its
 * addresses must be public (unless `allowPrivate`), the connection goes to the address that was
 * checked (a pinned lookup, so DNS cannot answer differently between check and connect), redirects
 * are followed by hand (each one checked the same way, at most `maxRedirects`), the whole fetch has
 * one deadline and the body a byte limit. Throws a LinkRefused naming the problem.
 */
export async function safeFetch(request: FetchRequest, policy: FetchPolicy): Promise<FetchResult> {
  const limits = policy.limits ?? DEFAULT_FETCH_LIMITS;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    let url = parseHttpUrl(request.url);
    for (let redirects = 0; ; redirects++) {
      const address = await checkedAddress(url, policy, signal);
      const response = await send(url, address, request, signal);
      const location = response.headers.location;
      if (response.statusCode !== undefined && response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304) {
        response.resume();
        if (!location) throw new LinkRefused('http', `${url.href} answered HTTP ${response.statusCode} (a redirect) without a Location.`);
        if (redirects >= limits.maxRedirects)
          throw new LinkRefused(
            'too-many-redirects',
            `${request.url} redirects more than ${limits.maxRedirects} times; give the final address.`,
          );
        url = parseHttpUrl(new URL(location, url).href);
        continue;
      }
      return await readResponse(url, response, request, limits, signal);
    }
  } catch (error) {
    if (error instanceof LinkRefused) throw error;
    if (signal.aborted)
      throw new LinkRefused('timeout', `${request.url} did not answer within ${limits.timeoutMs / 1000} s. Try again later.`);
    throw new LinkRefused('network', `Could not reach ${request.url} (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** A URL that is http(s), or a LinkRefused. */
export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new LinkRefused('bad-url', `“${text}” is not a web address: give a full link such as https://example.com/news/story.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new LinkRefused('bad-url', `Only http:// and https:// links can be fetched (this one is ${url.protocol}).`);
  if (url.username || url.password) throw new LinkRefused('bad-url', 'Links with a user name or password are not fetched.');
  return url;
}

/** An href resolved against a base URL when the result is http(s), else null (a `mailto:`, a `javascript:`, garbage). */
export function absoluteHttpUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Resolves the URL's host and returns the address to connect to, once every address it has was checked. */
async function checkedAddress(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<string> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: readonly string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await abortable((policy.resolve ?? systemResolver)(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new LinkRefused('dns', `The host ${host} was not found (DNS). Check the link.`);
    }
  }
  const first = addresses[0];
  if (first === undefined) throw new LinkRefused('dns', `The host ${host} has no address (DNS). Check the link.`);
  if (!policy.allowPrivate) {
    const isPublic = policy.isPublic ?? isPublicAddress;
    // Every address must be public, not only the first: the connection could otherwise be steered to another one.
    const hidden = addresses.find((a) => !isPublic(a));
    if (hidden !== undefined)
      throw new LinkRefused(
        'private-address',
        `${host} resolves to ${hidden}, a ${addressRange(hidden)} address, not a public one: storybot fetches only public web pages. ` +
          'To allow intranet addresses on a self-hosted bot, set STORYBOT_ALLOW_PRIVATE_URLS=true.',
      );
  }
  return first;
}

/** Sends one GET to the checked address (the URL's host still names the site for Host, TLS SNI and certificates). */
function send(url: URL, address: string, request: FetchRequest, signal: AbortSignal): Promise<IncomingMessage> {
  const family = isIP(address);
  // The pinned lookup: whatever net asks (one address or all), it gets the address that was checked.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: request.accept.join(', '),
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { headers, lookup, signal }, resolve);
    req.on('error', reject);
  });
}

async function readResponse(
  url: URL,
  response: IncomingMessage,
  request: FetchRequest,
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<FetchResult> {
  const status = response.statusCode ?? 0;
  if (status === 304) {
    response.resume();
    return { notModified: true, url: url.href, headers: response.headers };
  }
  if (status < 200 || status >= 300) {
    response.resume();
    throw new LinkRefused(
      'http',
      `${url.href} answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`,
      status,
    );
  }
  const contentType = response.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!request.accept.includes(mediaType)) {
    response.resume();
    throw new LinkRefused(
      'wrong-type',
      `${url.href} is ${mediaType === '' ? 'of no stated type' : mediaType}, not ${request.wanted}: only ${request.wanted} can be read here.`,
    );
  }
  const tooLarge = (): LinkRefused =>
    new LinkRefused('too-large', `${url.href} is larger than ${limits.maxBytes / 1_000_000} MB; storybot reads pages up to that size.`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const body = decoded(response);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Counted as it is decoded: a server may send more than it declared, declare nothing, or send a tiny gzip of gigabytes.
    if (size > limits.maxBytes) {
      body.destroy();
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  if (signal.aborted) throw signal.reason;
  return {
    notModified: false,
    url: url.href,
    status,
    mediaType,
    headers: response.headers,
    text: decode(Buffer.concat(chunks), contentType),
  };
}

/** The body as sent, or decompressed for the content encodings asked for (gzip, deflate, br). */
function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  // pipeline passes a broken stream's error on to the decoder, which the reader then sees.
  return decoder ? pipeline(response, decoder, () => undefined) : response;
}

/** Decodes a body by the charset its Content-Type names, else a `<meta charset>` near its start, else UTF-8. */
function decode(bytes: Buffer, contentType: string): string {
  const charsetIn = (text: string): string | undefined => /charset\s*=\s*["']?([\w.:-]+)/i.exec(text)?.[1];
  const charset = charsetIn(contentType) ?? charsetIn(bytes.subarray(0, 2048).toString('latin1'));
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
