import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedStore, FeedStoreError } from '../../src/feeds/feed-store.js';
import { FeedNotFollowed, Feeds, type FeedArticleEvent } from '../../src/feeds/feeds.js';
import { entryMatches, parseFeedXml } from '../../src/feeds/parse-feed.js';
import { addArticleFromLink } from '../../src/links/add-from-link.js';
import { LinkRefused } from '../../src/links/link-errors.js';
import { createLibrary, type LoadedLibrary } from '../../src/library/library.js';
import { tempCorpus, type TempCorpus } from '../library/helpers.js';
import { startLocalSite, webFixture, type LocalSite } from '../links/local-site.js';

const POLICY = { allowPrivate: true };

describe('parseFeedXml', () => {
  it('reads an RSS 2.0 feed: items with guid, absolute link, title, summary, and the TTL', () => {
    const feed = parseFeedXml(
      webFixture('feed.rss.xml').replaceAll('{{base}}', 'https://ledger.example').replace('{{ttl}}', '45'),
      'https://ledger.example/feed.rss',
    );
    expect(feed).toMatchObject({ format: 'rss', title: 'The Coastal Ledger — Harbor', ttlMinutes: 45 });
    expect(feed.entries.map(({ key, link, title }) => ({ key, link, title }))).toEqual([
      {
        key: 'ledger-2024-0301-harbor',
        link: 'https://ledger.example/news/harbor',
        title: 'Harbor crews reopen the north channel after the storm',
      },
      {
        key: 'ledger-2024-0214-ferry',
        link: 'https://ledger.example/news/ferry',
        title: 'Council votes to keep the ferry running through winter',
      },
      { key: 'ledger-2024-0210-library', link: 'https://ledger.example/news/library', title: 'Library extends weekend hours' },
    ]);
  });

  it('reads an Atom feed', () => {
    const feed = parseFeedXml(
      webFixture('feed.atom.xml').replaceAll('{{base}}', 'https://valley.example'),
      'https://valley.example/feed.atom',
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Valley Post', ttlMinutes: null });
    expect(feed.entries.map((e) => [e.key, e.link, e.summary])).toEqual([
      ['urn:uuid:valley-post-ferry-vote', 'https://valley.example/news/ferry', 'The ferry will keep running from December to March.'],
      ['urn:uuid:valley-post-sign-in', 'https://valley.example/login', 'Members only.'],
    ]);
  });

  it('refuses what is not a feed', () => {
    expect(() => parseFeedXml(webFixture('news-plain.html'), 'https://x.example/news')).toThrow(
      'https://x.example/news is not an RSS or Atom feed: give the address of the feed itself (often ending in /feed, /rss or .xml).',
    );
  });

  it('matches items whose title or summary hold every word, ignoring case and accents', () => {
    const entry = { title: 'Council votes to keep the Ferry running', summary: 'Résidents of the east bank' };
    expect(entryMatches(entry, null)).toBe(true);
    expect(entryMatches(entry, 'ferry residents')).toBe(true);
    expect(entryMatches(entry, 'ferry harbor')).toBe(false);
    expect(entryMatches(entry, 'fer')).toBe(false);
  });
});

describe('Feeds', () => {
  let site: LocalSite;
  let corpus: TempCorpus;
  let library: LoadedLibrary;
  let clock: Date;
  let events: FeedArticleEvent[];

  const feedsOver = (options: { maxArticlesPerPoll?: number } = {}): Feeds => {
    const feeds = new Feeds({
      store: new FeedStore(corpus.dataDir),
      library,
      policy: POLICY,
      maxArticlesPerPoll: options.maxArticlesPerPoll ?? 20,
      now: () => clock,
    });
    feeds.onArticleAdded(async (event) => void events.push(event));
    return feeds;
  };
  const later = (minutes: number): void => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };

  beforeEach(async () => {
    site = await startLocalSite({ ttlMinutes: 60 });
    corpus = await tempCorpus();
    library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir });
    clock = new Date('2024-03-02T12:00:00Z');
    events = [];
  });
  afterEach(async () => {
    await library.close();
    await corpus.cleanup();
    await site.close();
  });

  it('follows a feed after checking that it is one', async () => {
    const feeds = feedsOver();
    const followed = await feeds.follow({ url: `${site.base}/feed.rss`, match: ' harbor ', channelId: '123' });
    expect(followed).toMatchObject({ wasFollowed: false, entries: 3, matching: 1 });
    expect(followed.feed).toMatchObject({
      url: `${site.base}/feed.rss`,
      match: 'harbor',
      channelId: '123',
      title: 'The Coastal Ledger — Harbor',
      ttlMinutes: 60,
    });
    const page = await feeds.follow({ url: `${site.base}/news/harbor` }).catch((e: unknown) => e);
    expect(page).toBeInstanceOf(LinkRefused);
    expect((page as Error).message).toBe(
      `${site.base}/news/harbor is text/html, not an RSS or Atom feed: only an RSS or Atom feed can be read here.`,
    );
    expect((await feeds.list()).map((f) => f.url)).toEqual([`${site.base}/feed.rss`]);
  });

  it('adds each new item exactly as add <url> does, announces it, and keeps the feed and its items across a restart', async () => {
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.rss` });
    const [round] = await feeds.poll();
    expect(round?.status).toBe('polled');
    expect(round?.added.map((a) => a.added.article.title)).toEqual([
      'Harbor crews reopen the north channel after the storm',
      'Council votes to keep the ferry running through winter',
      'Library extends weekend hours',
    ]);
    expect(round?.added[0]?.added.article.url).toBe('https://ledger.example/2024/03/harbor-reopens-north-channel');
    expect(events.map((e) => e.article.added.article.title)).toEqual(round?.added.map((a) => a.added.article.title));
    expect(library.answer('Who refloated the second barge?').passages[0]?.article.title).toBe(
      'Harbor crews reopen the north channel after the storm',
    );

    const articles = library.sources().length;
    // A restart: a new store and Feeds over the same data directory, after the TTL.
    later(61);
    const restarted = feedsOver();
    expect((await restarted.list()).map((f) => f.url)).toEqual([`${site.base}/feed.rss`]);
    const [again] = await restarted.poll();
    expect(again).toMatchObject({ status: 'not-modified', added: [] });
    expect(site.requests.at(-1)?.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/);
    expect(site.requests.at(-1)?.headers['if-modified-since']).toBe('Thu, 15 Feb 2024 09:00:00 GMT');
    expect(library.sources()).toHaveLength(articles);
  });

  it('never polls a feed more often than its TTL', async () => {
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.rss` });
    await feeds.poll();
    const fetches = site.requests.filter((r) => r.path === '/feed.rss').length;
    later(59);
    expect((await feeds.poll())[0]?.status).toBe('waiting');
    expect(site.requests.filter((r) => r.path === '/feed.rss').length).toBe(fetches);
  });

  it('updates the article of an updated item (same link, new content) and skips unchanged ones', async () => {
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.atom` });
    const [first] = await feeds.poll();
    expect(first?.added.map((a) => a.added.article.title)).toEqual(['Council votes to keep the ferry running through winter']);
    // The sign-in page has no article: skipped with the reason, and not fetched again while the item stays the same.
    expect(first?.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/^No article text was found at /)]);
    const id = first?.added[0]?.added.article.id;

    site.pages.set('/news/ferry', (site.pages.get('/news/ferry') ?? '').replace('six to one', 'five to two'));
    const atom = site.feeds.get('/feed.atom');
    if (atom) atom.xml = atom.xml.replace('<updated>2024-02-14T21:00:00Z</updated>', '<updated>2024-02-15T08:30:00Z</updated>');
    const [second] = await feeds.poll();
    expect(second).toMatchObject({ status: 'polled', added: [], skipped: [] });
    expect(second?.updated.map((a) => a.added.article.id)).toEqual([id]);
    expect(library.answer('How did the council vote on the ferry?').passages[0]?.text).toContain('five to two');
    expect(site.requests.filter((r) => r.path === '/login')).toHaveLength(1);
  });

  it('does not bring back an article removed from the library when its item changes', async () => {
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.atom`, match: 'ferry' });
    const id = (await feeds.poll())[0]?.added[0]?.added.article.id ?? '';
    await library.removeArticle(id);
    const atom = site.feeds.get('/feed.atom');
    if (atom) atom.xml = atom.xml.replace('<updated>2024-02-14T21:00:00Z</updated>', '<updated>2024-02-15T08:30:00Z</updated>');
    const [round] = await feeds.poll();
    expect(round).toMatchObject({
      added: [],
      updated: [],
      skipped: [{ link: `${site.base}/news/ferry`, reason: 'removed from the library; not added again' }],
    });
    expect(library.sources().some((s) => s.article.id === id)).toBe(false);
  });

  it('tries a page that answered a server error again at the next poll, but not one that has no article', async () => {
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.atom` });
    site.unavailable.add('/news/ferry');
    const [first] = await feeds.poll();
    expect(first?.skipped.map((s) => s.reason)).toEqual([
      `${site.base}/news/ferry answered HTTP 503 Service Unavailable.`,
      expect.stringMatching(/^No article text/),
    ]);
    site.unavailable.clear();
    const [second] = await feeds.poll();
    expect(second).toMatchObject({ status: 'polled', skipped: [] });
    expect(second?.added.map((a) => a.added.article.title)).toEqual(['Council votes to keep the ferry running through winter']);
  });

  it('adds only the items whose title or summary match the words', async () => {
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.rss`, match: 'ferry' });
    const [round] = await feeds.poll();
    expect(round?.added.map((a) => a.added.article.title)).toEqual(['Council votes to keep the ferry running through winter']);
  });

  it('adds at most the configured number of articles per poll; the rest come at the next', async () => {
    const feeds = feedsOver({ maxArticlesPerPoll: 2 });
    await feeds.follow({ url: `${site.base}/feed.rss` });
    const [first] = await feeds.poll();
    expect(first).toMatchObject({ deferred: 1 });
    expect(first?.added).toHaveLength(2);
    later(61);
    // The feed did not change, but the deferred item must not hide behind its ETag.
    const [second] = await feedsOver({ maxArticlesPerPoll: 2 }).poll();
    expect(second?.added.map((a) => a.added.article.title)).toEqual(['Library extends weekend hours']);
  });

  it('skips an item whose article is already indexed, without fetching it', async () => {
    await addArticleFromLink(library, `${site.base}/news/library`, POLICY);
    const fetched = site.requests.filter((r) => r.path === '/news/library').length;
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.rss`, match: 'library' });
    const [round] = await feeds.poll();
    expect(round).toMatchObject({ added: [], skipped: [{ link: `${site.base}/news/library`, reason: 'already indexed' }] });
    expect(site.requests.filter((r) => r.path === '/news/library').length).toBe(fetched);
  });

  it('reports a feed that cannot be fetched, and unfollows by URL', async () => {
    const feeds = feedsOver();
    await feeds.follow({ url: `${site.base}/feed.rss` });
    site.feeds.delete('/feed.rss');
    const [round] = await feeds.poll();
    expect(round).toMatchObject({ status: 'failed', error: `${site.base}/feed.rss answered HTTP 404 Not Found.` });
    expect((await feeds.unfollow(`${site.base}/feed.rss`)).url).toBe(`${site.base}/feed.rss`);
    await expect(feeds.unfollow(`${site.base}/feed.rss`)).rejects.toThrow(FeedNotFollowed);
    await expect(feeds.unfollow(`${site.base}/feed.rss`)).rejects.toThrow(`${site.base}/feed.rss is not followed: no feed is.`);
  });

  it('writes the subscriptions atomically as JSON, and names the file and the fix when it is broken', async () => {
    await feedsOver().follow({ url: `${site.base}/feed.atom` });
    const file = path.join(corpus.dataDir, 'feeds.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 1, feeds: [{ url: `${site.base}/feed.atom` }] });
    await writeFile(file, '{ "format": 1, "feeds": [ ');
    const error = await new FeedStore(corpus.dataDir).list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedStoreError);
    expect((error as Error).message).toMatch(
      /^storybot: .*feeds\.json cannot be read \(.*\)\. Restore it from a backup, or move it away to start with no feeds\.$/,
    );
  });
});
