import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { answerPage, DEFAULT_RESULTS, MAX_QUESTION, recordIfUnanswered, takeQuestion, validateQuestion } from '../questions.js';
import { renderAnswer } from '../render-answer.js';
import { autocompleteSource } from '../source-option.js';
import { isBotThread, openThread, planThread, threadContext } from '../threads.js';

/** `/ask question [source] [results] [private]`: quotes the passages that answer the question. */
export default {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Answer a question about the story by quoting the articles')
    .addStringOption((o) =>
      o.setName('question').setDescription('Your question, e.g. who warned whom and when?').setRequired(true).setMaxLength(MAX_QUESTION),
    )
    .addStringOption((o) => o.setName('source').setDescription('Only quote this article').setAutocomplete(true))
    .addIntegerOption((o) =>
      o.setName('results').setDescription('How many passages per page (1–5, default 3)').setMinValue(1).setMaxValue(5),
    )
    .addBooleanOption((o) =>
      o.setName('private').setDescription('Only you see the answer (default: everyone, with a thread for follow-ups)'),
    ),

  async execute(interaction, services) {
    const { library, logger, cooldown } = services;
    const question = validateQuestion(interaction.options.getString('question', true));
    const isPrivate = interaction.options.getBoolean('private') ?? false;
    takeQuestion(cooldown, interaction.user.id);
    // Private or public must be chosen before deferring: a deferred reply cannot change it later.
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});

    const botId = interaction.client.user.id;
    // The channel may not be cached (then interaction.channel is null); its type decides thread and context.
    const channel = interaction.inGuild()
      ? (interaction.channel ?? (await interaction.client.channels.fetch(interaction.channelId)))
      : null;
    const context = isBotThread(channel, botId) ? await threadContext(channel, botId) : [];
    const view = answerPage(library, {
      question,
      page: 0,
      limit: interaction.options.getInteger('results') ?? DEFAULT_RESULTS,
      sourceId: interaction.options.getString('source'),
      context,
    });
    const plan = isPrivate ? ({ kind: 'none', note: null } as const) : planThread(channel?.type ?? null);
    const reply = await interaction.editReply(
      renderAnswer({ ...view, note: plan.kind === 'none' ? plan.note : null, ephemeral: isPrivate }),
    );
    await recordIfUnanswered(view, interaction.user.id, services);
    if (plan.kind !== 'open') return;
    const note = await openThread(interaction.client, interaction.channelId, reply.id, question, logger);
    if (note) await interaction.editReply(renderAnswer({ ...view, note }));
  },

  autocomplete: autocompleteSource,
} satisfies Command;
