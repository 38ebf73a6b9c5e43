import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { asUserRefusal } from '../article-files.js';
import type { Command } from '../command.js';
import { assertCanManage } from '../permissions.js';
import { renderFollowed } from '../render-feeds.js';

/** `/follow feed [match] [channel]` (Manage Server only): follows an RSS or Atom feed; its articles are added as they appear. */
export default {
  data: new SlashCommandBuilder()
    .setName('follow')
    .setDescription('Follow an RSS or Atom feed: its articles are added as they appear (Manage Server only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('feed').setDescription('Address of the feed (RSS or Atom)').setRequired(true).setMaxLength(500))
    .addStringOption((o) =>
      o.setName('match').setDescription('Only items whose title or summary contain all these words').setMaxLength(200),
    )
    .addChannelOption((o) =>
      o
        .setName('channel')
        .setDescription('Where to post a notice for each article added')
        .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
    ),

  async execute(interaction, { feeds, config, logger }) {
    assertCanManage(interaction.commandName, interaction.inGuild(), interaction.memberPermissions);
    // Fetching the feed to check it may take up to the fetch timeout.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const followed = await asUserRefusal(
      feeds.follow({
        url: interaction.options.getString('feed', true),
        match: interaction.options.getString('match'),
        // The option's value is the channel id; the resolved channel object is not needed to post there later.
        channelId: (interaction.options.get('channel')?.value as string | undefined) ?? null,
      }),
    );
    logger.info({ feed: followed.feed.url, match: followed.feed.match, user: interaction.user.id }, 'feed followed from Discord');
    await interaction.editReply(renderFollowed(followed, config.feedMinutes));
    // The first round starts now rather than at the next scheduled poll; its notices go to the feed's channel.
    void feeds
      .poll(followed.feed.url)
      .catch((error: unknown) => logger.error({ err: error, feed: followed.feed.url }, 'first feed poll failed'));
  },
} satisfies Command;
