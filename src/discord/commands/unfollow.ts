import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { asUserRefusal } from '../article-files.js';
import type { Command } from '../command.js';
import { autocompleteFeed, feedUrlOf } from '../feed-option.js';
import { assertCanManage } from '../permissions.js';
import { renderUnfollowed } from '../render-feeds.js';

/** `/unfollow feed` (Manage Server only): stops following a feed; the articles it added stay. */
export default {
  data: new SlashCommandBuilder()
    .setName('unfollow')
    .setDescription('Stop following a feed; the articles it added stay (Manage Server only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('feed').setDescription('The feed to stop following').setRequired(true).setAutocomplete(true)),

  async execute(interaction, { feeds, logger }) {
    assertCanManage(interaction.commandName, interaction.inGuild(), interaction.memberPermissions);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const url = feedUrlOf(interaction.options.getString('feed', true), await feeds.list());
    const removed = await asUserRefusal(feeds.unfollow(url));
    logger.info({ feed: removed.url, user: interaction.user.id }, 'feed unfollowed from Discord');
    await interaction.editReply(renderUnfollowed(removed));
  },

  autocomplete: autocompleteFeed,
} satisfies Command;
