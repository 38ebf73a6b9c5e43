import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { renderTimeline } from '../render-timeline.js';
import { autocompleteSource } from '../source-option.js';
import { MAX_ABOUT, timelinePage, validateAbout } from '../timelines.js';

/** `/timeline [source] [about]`: the story's dated statements in chronological order, paged. Public. */
export default {
  data: new SlashCommandBuilder()
    .setName('timeline')
    .setDescription('The dated statements of the articles, oldest first')
    .addStringOption((o) => o.setName('source').setDescription('Only this article').setAutocomplete(true))
    .addStringOption((o) => o.setName('about').setDescription('Only statements about these words, e.g. warning').setMaxLength(MAX_ABOUT)),

  async execute(interaction, { library }) {
    const about = validateAbout(interaction.options.getString('about'));
    // Public (it is the story, not a secret). Deferred: on a large corpus the first timeline after a
    // change is built in slices, which can take longer than Discord's 3 s to acknowledge.
    await interaction.deferReply();
    const view = await timelinePage(library, { page: 0, source: interaction.options.getString('source'), about });
    await interaction.editReply(renderTimeline(view));
  },

  autocomplete: autocompleteSource,
} satisfies Command;
