import type { ArticleRef } from '../answer/answer-types.js';
import { publisherLabel } from '../corpus/article.js';
import type { FeedSubscription } from '../feeds/feed-store.js';
import type { Followed } from '../feeds/feeds.js';
import { messageBody, type MessageBody } from './render-message.js';
import { fitLines } from './render-sources.js';
import { LIMITS, cutOnWord, escapeAll } from './render-text.js';

/** The notice posted in a feed's channel for each article it adds: "New article indexed: *title* — publisher, date". */
export function renderFeedNotice(article: ArticleRef): MessageBody {
  const date = article.published ? `, ${escapeAll(article.published)}` : '';
  // The link in <…> so Discord shows no preview card of the page in the channel.
  const link = article.url ? `\n<${article.url}>` : '';
  return messageBody(
    cutOnWord(
      `New article indexed: *${escapeAll(cutOnWord(article.title, 200))}* — ${escapeAll(cutOnWord(publisherLabel(article.source), 100))}${date}${link}`,
      LIMITS.content,
    ),
  );
}

/** `/follow`: which feed is followed, how many of its items match, where notices go, and when articles come. */
export function renderFollowed({ feed, wasFollowed, entries, matching }: Followed, pollMinutes: number): MessageBody {
  const name = feed.title ? `*${escapeAll(cutOnWord(feed.title, 200))}* (<${feed.url}>)` : `<${feed.url}>`;
  const items = feed.match
    ? `${matching} of its ${entries} items match “${escapeAll(feed.match)}”`
    : `${entries} ${entries === 1 ? 'item' : 'items'} in it now`;
  const notices = feed.channelId ? ` A notice is posted in <#${feed.channelId}> for each article added.` : '';
  return messageBody(
    cutOnWord(
      `${wasFollowed ? 'Still following' : 'Now following'} ${name}: ${items}. Their articles are being added now, then new ones every ${pollMinutes} minutes.${notices}`,
      LIMITS.content,
    ),
  );
}

/** `/unfollow`: which feed is no longer followed; its articles stay. */
export function renderUnfollowed(feed: FeedSubscription): MessageBody {
  const delivered = Object.values(feed.delivered).filter((d) => d.articleId !== null).length;
  return messageBody(
    `No longer following <${feed.url}>. The ${delivered} ${delivered === 1 ? 'article' : 'articles'} it added stay in the library (/remove-article removes one).`,
  );
}

/** `/feeds`: each followed feed with its words, channel, articles added and last poll. */
export function renderFeeds(feeds: readonly FeedSubscription[]): MessageBody {
  if (feeds.length === 0) return messageBody('No feeds are followed. A server admin can follow one with /follow feed:<url>.');
  const lines = feeds.map((feed) => {
    const added = Object.values(feed.delivered).filter((d) => d.articleId !== null).length;
    const parts = [
      feed.title ? `**${escapeAll(cutOnWord(feed.title, 150))}** <${feed.url}>` : `<${feed.url}>`,
      feed.match ? `only “${escapeAll(feed.match)}”` : 'every item',
      feed.channelId ? `notices in <#${feed.channelId}>` : 'no notices',
      `${added} ${added === 1 ? 'article' : 'articles'}`,
      feed.lastPolledAt ? `polled <t:${Math.floor(Date.parse(feed.lastPolledAt) / 1000)}:R>` : 'not polled yet',
    ];
    return `- ${parts.join(' · ')}`;
  });
  const description = fitLines(lines, LIMITS.embedDescription);
  return messageBody('', [{ title: `${feeds.length} followed ${feeds.length === 1 ? 'feed' : 'feeds'}`, description, color: 0x5865f2 }]);
}
