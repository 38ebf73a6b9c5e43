import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { assertCanManage } from '../permissions.js';
import { renderUnanswered } from '../render-unanswered.js';

/** `/unanswered [days]` (Manage Server): the questions nobody could answer, and the answers voted 👎. */
export default {
  data: new SlashCommandBuilder()
    .setName('unanswered')
    .setDescription('Questions the articles could not answer and answers voted down, most frequent first')
    .addIntegerOption((o) =>
      o.setName('days').setDescription('Look back this many days (default: all that is kept)').setMinValue(1).setMaxValue(3650),
    )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction, { config, feedback }) {
    assertCanManage(interaction.commandName, interaction.inGuild(), interaction.memberPermissions);
    const days = Math.min(interaction.options.getInteger('days') ?? config.feedbackDays, config.feedbackDays);
    await interaction.reply({ ...renderUnanswered(feedback.unanswered(days), days), flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
