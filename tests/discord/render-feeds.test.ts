import { describe, expect, it } from 'vitest';
import { asUserRefusal } from '../../src/discord/article-files.js';
import { feedChoiceValue, feedUrlOf } from '../../src/discord/feed-option.js';
import { renderFeedNotice, renderFeeds } from '../../src/discord/render-feeds.js';
import { UserError } from '../../src/discord/user-error.js';
import type { FeedSubscription } from '../../src/feeds/feed-store.js';
import { FeedNotFollowed } from '../../src/feeds/feeds.js';
import { LinkRefused } from '../../src/links/link-errors.js';

const FEED: FeedSubscription = {
  url: 'https://ledger.example/feed.rss',
  match: null,
  channelId: null,
  title: 'The Ledger',
  followedAt: '2024-03-01T00:00:00.000Z',
  lastPolledAt: null,
  etag: null,
  lastModified: null,
  ttlMinutes: null,
  delivered: {},
};

describe('renderFeedNotice', () => {
  it('names the article, its publisher and date, escapes what the page wrote and pings no one', () => {
    const body = renderFeedNotice({
      id: 'a',
      title: '*Big* @everyone news',
      source: 'The_Wire',
      url: 'https://x.example/a',
      published: '2024-03-01',
    });
    expect(body.content).toBe('New article indexed: *\\*Big\\* @everyone news* — The\\_Wire, 2024-03-01\n<https://x.example/a>');
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('leaves out an unknown date and says the publisher is unknown', () => {
    expect(renderFeedNotice({ id: 'a', title: 'T', source: 'unknown', url: null, published: null }).content).toBe(
      'New article indexed: *T* — publisher unknown',
    );
  });
});

describe('renderFeeds', () => {
  it('lists every feed within the embed limit, saying how many were left out', () => {
    const feeds = Array.from({ length: 60 }, (_, i) => ({
      ...FEED,
      url: `https://ledger.example/${'x'.repeat(60)}/${i}.rss`,
      title: 'T'.repeat(150),
    }));
    const description = renderFeeds(feeds).embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/…and \d+ more$/);
  });
});

describe('the feed option', () => {
  it('carries a long URL as a hash that finds the feed again', () => {
    const long = { ...FEED, url: `https://ledger.example/${'x'.repeat(120)}.rss` };
    const value = feedChoiceValue(long.url);
    expect(value.length).toBeLessThanOrEqual(100);
    expect(feedUrlOf(value, [FEED, long])).toBe(long.url);
    expect(feedUrlOf(` ${FEED.url} `, [FEED, long])).toBe(FEED.url);
  });
});

describe('asUserRefusal for links and feeds', () => {
  it('shows a refused link or an unknown feed as it is', async () => {
    await expect(asUserRefusal(Promise.reject(new LinkRefused('http', 'x answered HTTP 404.')))).rejects.toEqual(
      new UserError('x answered HTTP 404.'),
    );
    await expect(asUserRefusal(Promise.reject(new FeedNotFollowed('y is not followed.')))).rejects.toBeInstanceOf(UserError);
  });
});
