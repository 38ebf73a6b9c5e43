import type { Client } from 'discord.js';
import type { FeedArticleEvent } from '../feeds/feeds.js';
import { renderFeedNotice } from './render-feeds.js';

/** Posts "New article indexed: …" in the feed's channel, when it has one (mentions disabled, like every message). */
export async function postFeedNotice(client: Client<true>, { feed, article }: FeedArticleEvent): Promise<void> {
  if (feed.channelId === null) return;
  const channel = await client.channels.fetch(feed.channelId);
  if (!channel?.isSendable())
    throw new Error(`storybot: channel ${feed.channelId} of the feed ${feed.url} is not a text channel the bot can post in`);
  await channel.send(renderFeedNotice(article.added.article));
}
