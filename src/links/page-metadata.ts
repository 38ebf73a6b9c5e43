import type { DomDocument } from './dom.js';
import { plainText } from './plain-text.js';
import { absoluteHttpUrl } from './safe-fetch.js';

/** What a page says about itself; a field the page does not state stays undefined (nothing is invented). */
export interface PageMetadata {
  readonly title?: string;
  /** The publisher. */
  readonly source?: string;
  /** `YYYY-MM-DD`, as the page writes the date (in its own time zone). */
  readonly published?: string;
  readonly author?: string;
  /** The canonical URL, else the URL the page was fetched from (after redirects). */
  readonly url: string;
}

type JsonObject = Record<string, unknown>;

/**
 * Reads a page's metadata, most trustworthy first: JSON-LD `NewsArticle`/`Article` (`headline`,
 * `datePublished`, `author`, `publisher.name`), then OpenGraph (`og:title`, `og:site_name`,
 * `article:published_time`), then `<meta name="author">` and `<title>`. The URL is
 * `<link rel="canonical">` when it is an http(s) address, else `finalUrl`.
 */
export function readPageMetadata(document: DomDocument, finalUrl: string): PageMetadata {
  const ld = articleJsonLd(document);
  const meta = (attribute: 'property' | 'name', key: string): string | undefined =>
    clean(document.querySelector(`meta[${attribute}="${key}"]`)?.getAttribute('content'));
  const title = clean(text(ld?.headline)) ?? meta('property', 'og:title') ?? clean(document.querySelector('title')?.textContent);
  const source = clean(nameOf(ld?.publisher, ld)) ?? meta('property', 'og:site_name');
  const published = isoDate(text(ld?.datePublished)) ?? isoDate(meta('property', 'article:published_time'));
  const author = clean(authorsOf(ld?.author, ld)) ?? meta('name', 'author');
  return {
    ...(title ? { title } : {}),
    ...(source ? { source } : {}),
    ...(published ? { published } : {}),
    ...(author ? { author } : {}),
    url: canonicalUrl(document, finalUrl) ?? finalUrl,
  };
}

const ARTICLE_TYPE = /^(?:\w*NewsArticle|Article|\w+Article)$/;

/** The first JSON-LD object of an article type, with the page's other JSON-LD objects to resolve `@id` references. */
function articleJsonLd(document: DomDocument): (JsonObject & { readonly graph: readonly JsonObject[] }) | undefined {
  const objects: JsonObject[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collect(JSON.parse(script.textContent ?? ''), objects);
    } catch {
      // A broken JSON-LD block is the page's mistake; the other sources of metadata still count.
    }
  }
  const article = objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t)));
  return article && { ...article, graph: objects };
}

function collect(value: unknown, into: JsonObject[]): void {
  if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (value !== null && typeof value === 'object') {
    into.push(value as JsonObject);
    collect((value as JsonObject)['@graph'], into);
  }
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** A JSON-LD node itself, or the node of the page's graph it refers to by `@id`. */
function resolve(value: unknown, ld: { readonly graph: readonly JsonObject[] }): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const id = (value as JsonObject)['@id'];
  if (typeof id !== 'string' || 'name' in value) return value;
  return ld.graph.find((o) => o['@id'] === id && o !== value) ?? value;
}

function nameOf(value: unknown, ld: { readonly graph: readonly JsonObject[] } | undefined): string | undefined {
  if (!ld) return undefined;
  const node = resolve(Array.isArray(value) ? value[0] : value, ld);
  if (typeof node === 'string') return node;
  return node !== null && typeof node === 'object' ? text((node as JsonObject).name) : undefined;
}

function authorsOf(value: unknown, ld: { readonly graph: readonly JsonObject[] } | undefined): string | undefined {
  if (!ld || value === undefined) return undefined;
  const names = (Array.isArray(value) ? value : [value]).map((v) => clean(nameOf(v, ld))).filter((n): n is string => n !== undefined);
  return names.length > 0 ? names.join(', ') : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function clean(value: string | null | undefined): string | undefined {
  const trimmed = value === null || value === undefined ? undefined : plainText(value);
  return trimmed ? trimmed : undefined;
}

/** The calendar date a timestamp is written in (`2024-03-01T17:45:00-05:00` → `2024-03-01`), or undefined. */
function isoDate(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  // Keeps only real calendar dates: the corpus refuses 2024-02-31.
  const probe = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(probe.getTime()) && probe.toISOString().startsWith(date) ? date : undefined;
}

function canonicalUrl(document: DomDocument, finalUrl: string): string | undefined {
  return absoluteHttpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), finalUrl) ?? undefined;
}
