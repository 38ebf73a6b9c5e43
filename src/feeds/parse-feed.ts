import { parseFeed } from '@rowanmanning/feed-parser';
import { createHash } from 'node:crypto';
import { LinkRefused } from '../links/link-errors.js';
import { plainText } from '../links/plain-text.js';
import { absoluteHttpUrl } from '../links/safe-fetch.js';

/** Media types feeds are served as (many servers send plain XML types). */
export const FEED_TYPES: readonly string[] = [
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
  'application/rdf+xml',
];

/** One item of a feed: the article it points at and what the feed says of it. */
export interface FeedEntry {
  /** The item's guid / id, else its link: how a delivered item is recognised next time. */
  readonly key: string;
  /** The article page, as an absolute URL. */
  readonly link: string;
  readonly title: string | null;
  readonly summary: string | null;
  /** A hash of what the feed says of the item (title, summary, dates): when it changes, the article may have. */
  readonly fingerprint: string;
}

/** A parsed RSS 2.0 or Atom feed. */
export interface ParsedFeed {
  readonly format: 'rss' | 'atom';
  readonly title: string | null;
  /** RSS `<ttl>`: the feed asks not to be fetched more often than this. */
  readonly ttlMinutes: number | null;
  readonly entries: readonly FeedEntry[];
}

/**
 * Parses a feed with @rowanmanning/feed-parser (lenient, tested against real-world feeds). Items
 * without a usable http(s) link are left out. Throws a LinkRefused ('not-a-feed') for anything
 * that is not RSS or Atom.
 */
export function parseFeedXml(xml: string, feedUrl: string): ParsedFeed {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch {
    throw new LinkRefused(
      'not-a-feed',
      `${feedUrl} is not an RSS or Atom feed: give the address of the feed itself (often ending in /feed, /rss or .xml).`,
    );
  }
  const format = feed.meta.type === 'atom' ? 'atom' : 'rss';
  const ttl = Number(feed.element.findElementWithName('ttl')?.textContent.trim());
  const entries = feed.items.flatMap((item): FeedEntry[] => {
    const link = absoluteHttpUrl(item.url, feedUrl);
    if (!link) return [];
    const title = plainText(item.title ?? '') || null;
    const summary = plainText(item.description ?? '') || null;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([title, summary, item.published?.toISOString() ?? null, item.updated?.toISOString() ?? null]))
      .digest('hex')
      .slice(0, 16);
    return [{ key: item.id?.trim() || link, link, title, summary, fingerprint }];
  });
  return { format, title: plainText(feed.title ?? '') || null, ttlMinutes: Number.isInteger(ttl) && ttl > 0 ? ttl : null, entries };
}

/**
 * Whether an entry's title or summary contains every one of the words (case and accents ignored,
 * whole words). No words: every entry matches.
 */
export function entryMatches(entry: Pick<FeedEntry, 'title' | 'summary'>, match: string | null): boolean {
  const wanted = wordsOf(match ?? '');
  if (wanted.length === 0) return true;
  const words = new Set(wordsOf(`${entry.title ?? ''} ${entry.summary ?? ''}`));
  return wanted.every((w) => words.has(w));
}

function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
