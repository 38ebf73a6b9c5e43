import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { renderSources } from '../render-sources.js';

/** `/sources`: the indexed articles with publisher, date and passage count, and the index version. */
export default {
  data: new SlashCommandBuilder().setName('sources').setDescription('List the articles the bot quotes from'),
  async execute(interaction, { library }) {
    // Acknowledged first: listing thousands of articles is not instant, and Discord allows 3 s.
    await interaction.deferReply();
    await interaction.editReply(renderSources(library.sources(), library));
  },
} satisfies Command;
