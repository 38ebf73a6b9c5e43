import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags } from 'discord.js';
import type { MessageCommand } from '../command.js';
import { questionFromMessage } from '../message-question.js';
import { answerPage, DEFAULT_RESULTS, recordIfUnanswered, takeQuestion, validateQuestion } from '../questions.js';
import { renderAnswer } from '../render-answer.js';
import { UserError } from '../user-error.js';

/**
 * Apps → "Find in the articles" on any message: the passages that bear on what it says, as /ask shows
 * them (same engine, same rendering), privately with Share in channel. A message command receives the
 * message's content in the interaction, so no privileged intent is needed.
 */
export default {
  data: new ContextMenuCommandBuilder().setName('Find in the articles').setType(ApplicationCommandType.Message),

  async execute(interaction, services) {
    const { library, cooldown } = services;
    const raw = questionFromMessage(interaction.targetMessage.content, library.wordRarity());
    if (raw === null) {
      throw new UserError(
        'That message has no text to look up (only an image, a file, a link or emoji). Use Find in the articles on a message with words, or ask with /ask.',
      );
    }
    const question = validateQuestion(raw);
    takeQuestion(cooldown, interaction.user.id);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const view = answerPage(library, { question, page: 0, limit: DEFAULT_RESULTS, sourceId: null, context: [] });
    await interaction.editReply(renderAnswer({ ...view, ephemeral: true }));
    await recordIfUnanswered(view, interaction.user.id, services);
  },
} satisfies MessageCommand;
