import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import { LIMITS } from './render-text.js';

/** Mentions that ping no one: applied to EVERY message the bot sends, so a quoted `@everyone` stays text. */
export const NO_PINGS = Object.freeze({ parse: [] as never[], repliedUser: false });

/** A message as the renderers build it; accepted as is by discord.js reply / editReply / update / send. */
export interface MessageBody {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
  readonly allowedMentions: typeof NO_PINGS;
}

/** Builds a message body, checking Discord's limits so a renderer bug fails loudly in tests, not at Discord. */
export function messageBody(
  content: string,
  embeds: APIEmbed[] = [],
  components: APIActionRowComponent<APIButtonComponent>[] = [],
): MessageBody {
  if (content.length > LIMITS.content)
    throw new RangeError(`message content is ${content.length} characters, over Discord's ${LIMITS.content}`);
  const total = embeds.reduce((sum, e) => sum + embedLength(e), 0);
  if (total > LIMITS.embedTotal) throw new RangeError(`embeds total ${total} characters, over Discord's ${LIMITS.embedTotal}`);
  for (const e of embeds) {
    if ((e.description ?? '').length > LIMITS.embedDescription)
      throw new RangeError(`embed description over ${LIMITS.embedDescription} characters`);
    if ((e.title ?? '').length > LIMITS.embedTitle) throw new RangeError(`embed title over ${LIMITS.embedTitle} characters`);
  }
  return { content, embeds, components, allowedMentions: NO_PINGS };
}

/** The characters Discord counts toward the 6000-character embed total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}
