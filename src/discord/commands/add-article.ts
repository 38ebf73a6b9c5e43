import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { fetchPolicyOf } from '../../feeds/open-feeds.js';
import { addArticleFromLink } from '../../links/add-from-link.js';
import { asUserRefusal, checkAttachment, downloadAttachment } from '../article-files.js';
import type { Command } from '../command.js';
import { assertCanManage } from '../permissions.js';
import { renderAdded, renderAddedFromLink } from '../render-articles.js';
import { UserError } from '../user-error.js';

/**
 * `/add-article file|url [title] [source] [url] [published]` (Manage Server only): adds an article
 * file to the corpus, or the article at a link. With a file, `url` is where it was published.
 */
export default {
  data: new SlashCommandBuilder()
    .setName('add-article')
    .setDescription('Add an article from a link or a .md/.txt file (at most 1 MB) to quote (Manage Server only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o.setName('url').setDescription('Link of the article page to read (with a file: where it was published)').setMaxLength(500),
    )
    .addAttachmentOption((o) => o.setName('file').setDescription('The article as a .md or .txt file, instead of a link'))
    .addStringOption((o) => o.setName('title').setDescription('Its headline (default: from the page or file)').setMaxLength(300))
    .addStringOption((o) => o.setName('source').setDescription('Its publisher, e.g. Reuters').setMaxLength(200))
    .addStringOption((o) => o.setName('published').setDescription('When: YYYY-MM-DD, YYYY-MM or YYYY').setMaxLength(10)),

  async execute(interaction, { library, logger, config }) {
    assertCanManage(interaction.commandName, interaction.inGuild(), interaction.memberPermissions);
    const file = interaction.options.getAttachment('file');
    const url = interaction.options.getString('url')?.trim() || undefined;
    const link = file ? undefined : url;
    if (!file && !link) throw new UserError('Give the article as url: (a link to its page) or file: (a .md or .txt file).');
    if (file) checkAttachment(file);
    // Private: an admin's action, and its refusals, concern only the admin. Downloading or fetching may be slow.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const metadata = Object.fromEntries(
      (['title', 'source', 'published'] as const).flatMap((key) => {
        const value = interaction.options.getString(key)?.trim();
        return value ? [[key, value]] : [];
      }),
    );
    if (file) {
      const bytes = await downloadAttachment(file);
      // Only the name's extension is used: the library generates the file name, never taking a path from the upload.
      const added = await asUserRefusal(library.addArticle({ fileName: file.name, bytes, ...metadata, ...(url ? { url } : {}) }));
      logger.info(
        { file: added.file, article: added.article.id, passages: added.passages, user: interaction.user.id },
        'article added from Discord',
      );
      await interaction.editReply(renderAdded(added));
    } else if (link) {
      const read = await asUserRefusal(addArticleFromLink(library, link, fetchPolicyOf(config), metadata));
      logger.info(
        { url: link, file: read.added.file, article: read.added.article.id, passages: read.added.passages, user: interaction.user.id },
        'article added from a link in Discord',
      );
      await interaction.editReply(renderAddedFromLink(read, Object.keys(metadata)));
    }
  },
} satisfies Command;
