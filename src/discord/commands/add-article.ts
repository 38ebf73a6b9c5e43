import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { asUserRefusal, checkAttachment, downloadAttachment } from '../article-files.js';
import type { Command } from '../command.js';
import { assertCanManage } from '../permissions.js';
import { renderAdded } from '../render-articles.js';

/** `/add-article file [title] [source] [url] [published]` (Manage Server only): adds an article file to the corpus. */
export default {
  data: new SlashCommandBuilder()
    .setName('add-article')
    .setDescription('Add an article (.md or .txt, at most 1 MB) for the bot to quote (Manage Server only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addAttachmentOption((o) => o.setName('file').setDescription('The article as a .md or .txt file').setRequired(true))
    .addStringOption((o) => o.setName('title').setDescription('Its headline (default: from the file)').setMaxLength(300))
    .addStringOption((o) => o.setName('source').setDescription('Its publisher, e.g. Reuters').setMaxLength(200))
    .addStringOption((o) => o.setName('url').setDescription('Where it was published').setMaxLength(500))
    .addStringOption((o) => o.setName('published').setDescription('When: YYYY-MM-DD, YYYY-MM or YYYY').setMaxLength(10)),

  async execute(interaction, { library, logger }) {
    assertCanManage(interaction.commandName, interaction.inGuild(), interaction.memberPermissions);
    const file = interaction.options.getAttachment('file', true);
    checkAttachment(file);
    // Private: an admin's action, and its refusals, concern only the admin. Downloading may be slow.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const bytes = await downloadAttachment(file);
    const metadata = Object.fromEntries(
      (['title', 'source', 'url', 'published'] as const).flatMap((key) => {
        const value = interaction.options.getString(key)?.trim();
        return value ? [[key, value]] : [];
      }),
    );
    // Only the name's extension is used: the library generates the file name, never taking a path from the upload.
    const added = await asUserRefusal(library.addArticle({ fileName: file.name, bytes, ...metadata }));
    logger.info(
      { file: added.file, article: added.article.id, passages: added.passages, user: interaction.user.id },
      'article added from Discord',
    );
    await interaction.editReply(renderAdded(added));
  },
} satisfies Command;
