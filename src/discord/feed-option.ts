import { createHash } from 'node:crypto';
import type { AutocompleteInteraction } from 'discord.js';
import type { FeedSubscription } from '../feeds/feed-store.js';
import type { BotServices } from './command.js';
import { cutOnWord } from './render-text.js';

/** Discord's limits on an autocomplete choice: name and value at most 100 characters, at most 25 choices. */
const CHOICE_CHARS = 100;
const MAX_CHOICES = 25;

/** The value a feed's choice carries: its URL, or `#` and a hash of it when the URL is too long for a choice. */
export function feedChoiceValue(url: string): string {
  return url.length <= CHOICE_CHARS ? url : `#${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
}

/** The feed URL a `feed` option names: the URL typed or chosen, or the feed whose choice value it is. */
export function feedUrlOf(value: string, feeds: readonly FeedSubscription[]): string {
  const typed = value.trim();
  return feeds.find((f) => f.url === typed || feedChoiceValue(f.url) === typed)?.url ?? typed;
}

/** Autocomplete of `/unfollow feed`: the followed feeds whose title or URL contains what is typed. */
export async function autocompleteFeed(interaction: AutocompleteInteraction, { feeds }: BotServices): Promise<void> {
  const needle = interaction.options.getFocused().trim().toLowerCase();
  const choices = (await feeds.list())
    .filter((f) => needle === '' || [f.url, f.title ?? ''].some((s) => s.toLowerCase().includes(needle)))
    .slice(0, MAX_CHOICES)
    .map((f) => ({ name: cutOnWord(f.title ? `${f.title} — ${f.url}` : f.url, CHOICE_CHARS), value: feedChoiceValue(f.url) }));
  await interaction.respond(choices);
}
