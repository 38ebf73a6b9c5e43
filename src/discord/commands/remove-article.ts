import path from 'node:path';
import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { asUserRefusal } from '../article-files.js';
import type { Command } from '../command.js';
import { assertCanManage } from '../permissions.js';
import { renderRemoved } from '../render-articles.js';
import { autocompleteSource } from '../source-option.js';

/** `/remove-article source` (Manage Server only): moves an article's file to the corpus trash and stops quoting it. */
export default {
  data: new SlashCommandBuilder()
    .setName('remove-article')
    .setDescription('Stop quoting an article; its file goes to the trash (Manage Server only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('source').setDescription('The article to remove').setRequired(true).setAutocomplete(true)),

  async execute(interaction, { library, logger, config }) {
    assertCanManage(interaction.commandName, interaction.inGuild(), interaction.memberPermissions);
    // Private like every admin action; moving the file and updating the index may take a moment.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const removed = await asUserRefusal(library.removeArticle(interaction.options.getString('source', true)));
    logger.info({ file: removed.file, trashFile: removed.trashFile, user: interaction.user.id }, 'article removed from Discord');
    await interaction.editReply(renderRemoved(removed, path.basename(config.corpusDir)));
  },

  autocomplete: autocompleteSource,
} satisfies Command;
