import {
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  type Message,
} from 'discord.js';
import type { BotServices } from './command.js';
import { decodeButton, type VoteState } from './custom-id.js';
import { questionOf } from './render-answer.js';
import { renderVoteReceipt } from './render-feedback.js';
import { NO_PINGS } from './render-message.js';
import { UserError } from './user-error.js';

/**
 * 👍 / 👎 on an answer: decided and acknowledged at once, privately, then written to the record. The
 * answer is the message the button sits on; a second press of the same vote is refused, the other
 * one changes the vote.
 */
export async function handleVote(interaction: ButtonInteraction, { vote }: VoteState, { feedback }: BotServices): Promise<void> {
  const question = questionOf(interaction.message.content);
  if (!question) throw new UserError('This message no longer shows its question, so the vote cannot be recorded.');
  const { outcome, saved } = feedback.vote(interaction.message.id, interaction.user.id, vote, question);
  await interaction.reply({ ...renderVoteReceipt(vote, outcome), flags: MessageFlags.Ephemeral });
  await saved;
}

/**
 * Share in channel: posts a private answer, as it is (same quotes, same buttons but this one), for
 * everyone in the channel, and takes the button off the private copy so it is shared once.
 */
export async function handleShare(interaction: ButtonInteraction): Promise<void> {
  const message = interaction.message;
  if (!message.flags.has(MessageFlags.Ephemeral)) throw new UserError('This answer is already visible to everyone in the channel.');
  const embeds = message.embeds.map((embed) => embed.toJSON());
  await interaction.update({ components: componentsWithoutShare(message), allowedMentions: NO_PINGS });
  await interaction.followUp({ content: message.content, embeds, components: componentsWithoutShare(message), allowedMentions: NO_PINGS });
}

/** The answer's button rows (the bot's answers have nothing else) without Share in channel. */
function componentsWithoutShare(message: Message): APIActionRowComponent<APIButtonComponent>[] {
  return message.components.flatMap((row) => {
    if (row.type !== ComponentType.ActionRow) return [];
    const kept = row.components.flatMap((c) =>
      c.type === ComponentType.Button && decodeButton(c.customId ?? '')?.kind !== 'share' ? [c.toJSON() as APIButtonComponent] : [],
    );
    return kept.length > 0 ? [{ type: ComponentType.ActionRow, components: kept }] : [];
  });
}
