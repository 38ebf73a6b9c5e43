import type { FeedSubscription } from '../feeds/feed-store.js';
import type { FeedPollResult, Followed } from '../feeds/feeds.js';
import type { AddedArticle } from '../library/library-types.js';
import { describeLinkArticle, type LinkArticle } from '../links/add-from-link.js';
import { articleLabel } from './render-text.js';

/** `storybot add FILE`: what was added, its passages and file. */
export function renderAddedText({ article, file, passages }: AddedArticle): string {
  return `Added ${articleLabel(article)}: ${passages} passage${passages === 1 ? '' : 's'}, saved as ${file}.`;
}

/** `storybot add URL`: as for a file, with the paragraphs read, what the page said, what was given and what is unset. */
export function renderLinkAddedText(read: LinkArticle, given: readonly string[]): string {
  return [renderAddedText(read.added), ...describeLinkArticle(read, given, (url) => url)].join('\n');
}

/** `storybot follow`: the feed and how many of its items match. */
export function renderFollowedText({ feed, wasFollowed, entries, matching }: Followed): string {
  const items = feed.match
    ? `${matching} of its ${entries} items match "${feed.match}"`
    : `${entries} item${entries === 1 ? '' : 's'} in it now`;
  return `${wasFollowed ? 'Still following' : 'Now following'} ${feed.title ?? feed.url} <${feed.url}>: ${items}. Run storybot poll (or let the bot poll) to add their articles.`;
}

/** `storybot feeds`: one line per followed feed. */
export function renderFeedsText(feeds: readonly FeedSubscription[]): string {
  if (feeds.length === 0) return 'No feeds are followed. Follow one with: storybot follow <url>';
  return feeds
    .map((f) => {
      const added = Object.values(f.delivered).filter((d) => d.articleId !== null).length;
      return `- ${f.title ?? '(untitled)'} <${f.url}>${f.match ? ` only "${f.match}"` : ''}, ${added} article${added === 1 ? '' : 's'}, ${f.lastPolledAt ? `last polled ${f.lastPolledAt}` : 'not polled yet'}`;
    })
    .join('\n');
}

/** `storybot poll`: per feed, what was added, updated, skipped or left for the next poll. */
export function renderPollText(results: readonly FeedPollResult[]): string {
  if (results.length === 0) return 'No feeds are followed.';
  return results
    .map((r) => {
      const head = `${r.title ?? r.url} <${r.url}>: ${STATUS[r.status]}${r.error ? ` (${r.error})` : ''}`;
      const lines = [
        ...r.added.map((a) => `  added   ${articleLabel(a.added.article)}`),
        ...r.updated.map((a) => `  updated ${articleLabel(a.added.article)}`),
        ...r.skipped.map((s) => `  skipped ${s.link}: ${s.reason}`),
        ...(r.deferred > 0 ? [`  ${r.deferred} more left for the next poll (per-poll limit)`] : []),
      ];
      return [head, ...lines].join('\n');
    })
    .join('\n');
}

const STATUS = {
  polled: 'polled',
  'not-modified': 'not modified since the last poll',
  waiting: 'polled less than its TTL ago; skipped',
  failed: 'failed',
} as const;
