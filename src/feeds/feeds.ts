import { ArticleRejected } from '../library/library-errors.js';
import type { Library } from '../library/library-types.js';
import { addArticleFromLink, type LinkArticle } from '../links/add-from-link.js';
import { LinkRefused } from '../links/link-errors.js';
import { parseHttpUrl, safeFetch, type FetchPolicy } from '../links/safe-fetch.js';
import type { Logger } from '../log.js';
import type { DeliveredItem, FeedStore, FeedSubscription } from './feed-store.js';
import { parseFeedOffThread } from '../links/web-reader.js';
import { entryMatches, FEED_TYPES, type FeedEntry, type ParsedFeed } from './parse-feed.js';

/** How feeds are read. */
export interface FeedsOptions {
  readonly store: FeedStore;
  readonly library: Library;
  readonly policy: FetchPolicy;
  /** STORYBOT_FEED_MAX_ARTICLES: most pages one feed may add or update in one poll. */
  readonly maxArticlesPerPoll: number;
  readonly logger?: Logger;
  /** The clock (tests move it past a feed's TTL). */
  readonly now?: () => Date;
}

/** What `/follow` and `storybot follow` ask for. */
export interface FollowRequest {
  readonly url: string;
  readonly match?: string | null;
  readonly channelId?: string | null;
}

/** A feed just followed. */
export interface Followed {
  readonly feed: FeedSubscription;
  /** True when the feed was already followed (its words and channel were replaced). */
  readonly wasFollowed: boolean;
  readonly entries: number;
  /** How many of its items match the words (all when there are none). */
  readonly matching: number;
}

/** One item that was not added, and why. */
export interface SkippedItem {
  readonly link: string;
  readonly reason: string;
}

/** What one poll did with one feed. */
export interface FeedPollResult {
  readonly url: string;
  readonly title: string | null;
  /** `waiting`: polled less than its TTL ago; `not-modified`: the server answered 304. */
  readonly status: 'polled' | 'not-modified' | 'waiting' | 'failed';
  readonly added: readonly LinkArticle[];
  readonly updated: readonly LinkArticle[];
  readonly skipped: readonly SkippedItem[];
  /** New or changed items left for the next poll because of the per-poll limit. */
  readonly deferred: number;
  readonly error?: string;
}

/** An article a feed added, for the channel notices. */
export interface FeedArticleEvent {
  readonly feed: FeedSubscription;
  readonly article: LinkArticle;
}

/** A feed URL that is not followed. */
export class FeedNotFollowed extends Error {
  override readonly name = 'FeedNotFollowed';
}

const FEED_REQUEST = { accept: FEED_TYPES, wanted: 'an RSS or Atom feed' } as const;
/** Whether a refusal is worth trying again at the next poll: the page may answer then (a timeout, a server error, too many requests). */
function isTransient(error: LinkRefused): boolean {
  if (error.reason === 'http') return error.status === 429 || (error.status ?? 0) >= 500;
  return error.reason === 'timeout' || error.reason === 'network' || error.reason === 'dns';
}

/**
 * Followed feeds: follow / unfollow / list, and polls that add each new item's article exactly as
 * `add <url>` does, update an article whose item changed, skip what is already indexed, and keep
 * what each feed delivered in the FeedStore. Polls run one at a time.
 */
export class Feeds {
  private readonly listeners: ((event: FeedArticleEvent) => Promise<void>)[] = [];
  private polling: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: FeedsOptions) {}

  /** Calls `listener` for every article a poll adds (e.g. to post a notice); its failures are logged only. */
  onArticleAdded(listener: (event: FeedArticleEvent) => Promise<void>): void {
    this.listeners.push(listener);
  }

  list(): Promise<readonly FeedSubscription[]> {
    return this.options.store.list();
  }

  /** Checks that the URL is a feed (fetched once, under the same safety rules) and follows it. LinkRefused when it is not. */
  async follow({ url, match = null, channelId = null }: FollowRequest): Promise<Followed> {
    const href = parseHttpUrl(url).href;
    const fetched = await safeFetch({ url: href, ...FEED_REQUEST }, this.options.policy);
    if (fetched.notModified) throw new Error(`storybot: ${href} answered 304 to an unconditional request`);
    const parsed = await parseFeedOffThread(fetched.text, fetched.url);
    const existing = (await this.list()).find((f) => f.url === href);
    const words = match?.trim() || null;
    const feed: FeedSubscription = existing
      ? { ...existing, match: words, channelId }
      : {
          url: href,
          match: words,
          channelId,
          title: parsed.title,
          followedAt: this.now().toISOString(),
          lastPolledAt: null,
          etag: null,
          lastModified: null,
          ttlMinutes: parsed.ttlMinutes,
          delivered: {},
        };
    await this.options.store.put(feed);
    const matching = parsed.entries.filter((e) => entryMatches(e, words)).length;
    return { feed, wasFollowed: existing !== undefined, entries: parsed.entries.length, matching };
  }

  /** Stops following a feed (its articles stay in the library). FeedNotFollowed when it was not followed. */
  async unfollow(url: string): Promise<FeedSubscription> {
    const removed = await this.options.store.remove(url.trim());
    if (!removed) {
      const followed = (await this.list()).map((f) => f.url);
      throw new FeedNotFollowed(
        followed.length === 0 ? `${url} is not followed: no feed is.` : `${url} is not followed. Followed feeds: ${followed.join(', ')}.`,
      );
    }
    return removed;
  }

  /** One round: every followed feed (or only `only`) not polled within its TTL. */
  poll(only?: string): Promise<FeedPollResult[]> {
    const run = this.polling.then(async () => {
      const results: FeedPollResult[] = [];
      for (const feed of await this.list()) {
        if (only !== undefined && feed.url !== only) continue;
        try {
          results.push(await this.pollFeed(feed));
        } catch (error) {
          // A fault (a full disk, a bug) in one feed must not stop the others; it is logged with its stack.
          this.options.logger?.error({ err: error, feed: feed.url }, 'feed poll failed');
          const message = `storybot: polling failed (${error instanceof Error ? error.message : String(error)})`;
          results.push({
            url: feed.url,
            title: feed.title,
            status: 'failed',
            added: [],
            updated: [],
            skipped: [],
            deferred: 0,
            error: message,
          });
        }
      }
      return results;
    });
    this.polling = run.catch(() => undefined);
    return run;
  }

  private async pollFeed(feed: FeedSubscription): Promise<FeedPollResult> {
    const result = { url: feed.url, title: feed.title, added: [], updated: [], skipped: [], deferred: 0 };
    const now = this.now();
    if (feed.lastPolledAt && feed.ttlMinutes && now.getTime() - Date.parse(feed.lastPolledAt) < feed.ttlMinutes * 60_000)
      return { ...result, status: 'waiting' };
    let parsed: ParsedFeed;
    try {
      const fetched = await safeFetch(
        { url: feed.url, ...FEED_REQUEST, etag: feed.etag, lastModified: feed.lastModified },
        this.options.policy,
      );
      if (fetched.notModified) {
        await this.options.store.update(feed.url, (f) => ({ ...f, lastPolledAt: now.toISOString() }));
        return { ...result, status: 'not-modified' };
      }
      parsed = await parseFeedOffThread(fetched.text, fetched.url);
      const header = (name: 'etag' | 'last-modified'): string | null => {
        const value = fetched.headers[name];
        return typeof value === 'string' ? value : null;
      };
      await this.options.store.update(feed.url, (f) => ({
        ...f,
        title: parsed.title ?? f.title,
        ttlMinutes: parsed.ttlMinutes,
        etag: header('etag'),
        lastModified: header('last-modified'),
        lastPolledAt: now.toISOString(),
      }));
    } catch (error) {
      if (!(error instanceof LinkRefused)) throw error;
      this.options.logger?.warn({ feed: feed.url, reason: error.message }, 'feed poll failed');
      await this.options.store.update(feed.url, (f) => ({ ...f, lastPolledAt: now.toISOString() }));
      return { ...result, status: 'failed', error: error.message };
    }
    const delivered = await this.deliver(feed, parsed.entries);
    // Items left for later must not hide behind a 304: the next poll then asks for the whole feed again.
    if (delivered.deferred > 0 || delivered.retry > 0)
      await this.options.store.update(feed.url, (f) => ({ ...f, etag: null, lastModified: null }));
    const { retry: _retry, ...counts } = delivered;
    return { ...counts, title: parsed.title ?? feed.title, status: 'polled' };
  }

  /** Adds the new items and updates the changed ones, within the per-poll limit, recording each in the store. */
  private async deliver(feed: FeedSubscription, entries: readonly FeedEntry[]) {
    const added: LinkArticle[] = [];
    const updated: LinkArticle[] = [];
    const skipped: SkippedItem[] = [];
    let deferred = 0;
    let retry = 0;
    let budget = this.options.maxArticlesPerPoll;
    const record = (entry: FeedEntry, item: DeliveredItem): Promise<void> =>
      this.options.store.update(feed.url, (f) => ({ ...f, delivered: { ...f.delivered, [entry.key]: item } }));
    for (const entry of entries) {
      if (!entryMatches(entry, feed.match)) continue;
      const known = feed.delivered[entry.key];
      if (known?.fingerprint === entry.fingerprint) continue;
      const indexed = this.indexedArticleId(known?.articleId ?? null, entry.link);
      if (indexed && !known) {
        // Already in the library (added by hand, or before a crash): skipped, but followed for updates.
        skipped.push({ link: entry.link, reason: 'already indexed' });
        await record(entry, { link: entry.link, fingerprint: entry.fingerprint, articleId: indexed });
        continue;
      }
      if (known?.articleId && !indexed) {
        // Its article was removed from the library: an admin's choice that a change of the item does not undo.
        skipped.push({ link: entry.link, reason: 'removed from the library; not added again' });
        await record(entry, { ...known, fingerprint: entry.fingerprint });
        continue;
      }
      if (budget === 0) {
        deferred++;
        continue;
      }
      budget--;
      try {
        const article = await addArticleFromLink(
          this.options.library,
          entry.link,
          this.options.policy,
          {},
          indexed ? { articleId: indexed } : undefined,
        );
        if (indexed && article.changed) updated.push(article);
        // Recorded before the notice: whoever reads it and lists the feeds sees the article counted.
        await record(entry, { link: entry.link, fingerprint: entry.fingerprint, articleId: article.added.article.id });
        if (!indexed) {
          added.push(article);
          await this.announce({ feed, article });
        }
      } catch (error) {
        if (!(error instanceof LinkRefused || error instanceof ArticleRejected)) throw error;
        skipped.push({ link: entry.link, reason: error.message });
        // A page that may answer later is tried again at the next poll; any other refusal is final for this version of the item.
        if (error instanceof LinkRefused && isTransient(error)) retry++;
        else await record(entry, { link: entry.link, fingerprint: entry.fingerprint, articleId: indexed, refused: error.message });
      }
    }
    return { url: feed.url, added, updated, skipped, deferred, retry };
  }

  /** The id of the indexed article an item became, or of one with the item's link as its URL; null when neither is indexed. */
  private indexedArticleId(articleId: string | null, link: string): string | null {
    const sources = this.options.library.sources();
    return (sources.find((s) => s.article.id === articleId) ?? sources.find((s) => s.article.url === link))?.article.id ?? null;
  }

  private async announce(event: FeedArticleEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.options.logger?.warn({ err: error, feed: event.feed.url, article: event.article.added.article.id }, 'feed notice failed');
      }
    }
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }
}
