import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { BotServices } from './command.js';
import { decodeButton } from './custom-id.js';
import { answerPage } from './questions.js';
import { questionOf, renderAnswer } from './render-answer.js';
import { renderContext } from './render-context.js';
import { aboutOf, renderTimeline } from './render-timeline.js';
import { isBotThread, threadContext } from './threads.js';
import { timelinePage } from './timelines.js';
import { UserError } from './user-error.js';

/**
 * Handles the buttons: an answer's or a timeline's "More" / "Back" (re-render the message) and
 * "Show in context" (ephemeral). Each is acknowledged (deferred) before any work or REST call, so
 * that Discord's 3 s never run out while the index, the timeline or a thread's history is read.
 */
export async function handleButton(interaction: ButtonInteraction, { library }: BotServices): Promise<void> {
  const state = decodeButton(interaction.customId);
  if (!state) throw new UserError('This button no longer works (it comes from an older version of the bot). Ask again with /ask.');

  if (state.kind === 'context') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const context = library.contextOf(state.passageId);
    if (!context)
      throw new UserError(
        'That passage is no longer in the index (the articles were reindexed since). Ask again with /ask for fresh passages.',
      );
    await interaction.editReply(renderContext(context));
    return;
  }

  if (state.kind === 'timeline') {
    // Long about words are not in the custom_id; the timeline's first line holds them.
    const about = state.aboutInMessage ? aboutOf(interaction.message.content) : state.about;
    if (about === undefined) throw new UserError('This timeline no longer shows its filter, so it cannot be paged. Run /timeline again.');
    await interaction.deferUpdate();
    await interaction.editReply(renderTimeline(await timelinePage(library, { page: state.page, source: state.source, about })));
    return;
  }

  // Long questions are not in the custom_id; the answer's first line holds them (see custom-id.ts).
  const question = state.question ?? questionOf(interaction.message.content);
  if (!question) throw new UserError('This answer no longer shows its question, so it cannot be paged. Ask again with /ask.');
  await interaction.deferUpdate();
  // Inside a bot thread, page with the same context the answer had: the questions before this message.
  const botId = interaction.client.user.id;
  const context = isBotThread(interaction.channel, botId) ? await threadContext(interaction.channel, botId, interaction.message.id) : [];
  await interaction.editReply(renderAnswer(answerPage(library, { ...state, question, context })));
}
