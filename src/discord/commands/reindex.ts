import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { assertCanManage } from '../permissions.js';
import { renderReindex } from '../render-sources.js';

/** `/reindex` (Manage Server only): re-reads the corpus and reports what changed. */
export default {
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription('Re-read the article files and rebuild the index (Manage Server only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  async execute(interaction, { library, logger }) {
    assertCanManage(interaction.commandName, interaction.inGuild(), interaction.memberPermissions);
    // Always deferred: reading and indexing the corpus can take longer than Discord's 3 seconds.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const report = await library.reindex();
    logger.info(
      { before: report.before, after: report.after, failures: report.failures.length, user: interaction.user.id },
      'reindexed from Discord',
    );
    await interaction.editReply(renderReindex(report));
  },
} satisfies Command;
