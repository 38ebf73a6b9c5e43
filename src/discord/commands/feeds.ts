import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { renderFeeds } from '../render-feeds.js';

/** `/feeds`: the followed feeds, with their words, notice channel, articles added and last poll. */
export default {
  data: new SlashCommandBuilder().setName('feeds').setDescription('List the feeds the bot follows'),
  async execute(interaction, { feeds }) {
    await interaction.reply(renderFeeds(await feeds.list()));
  },
} satisfies Command;
