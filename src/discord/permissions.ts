import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import { UserError } from './user-error.js';

/**
 * /reindex is for server admins. Checked in the handler because `default_member_permissions` is only
 * a default that server admins can override for any role or channel.
 * `permissions` is `interaction.memberPermissions` (null in DMs).
 */
export function assertCanReindex(inGuild: boolean, permissions: Readonly<PermissionsBitField> | null): void {
  if (!inGuild || !permissions)
    throw new UserError('/reindex works only in a server, not in DMs: run it in a channel of the server where the bot is installed.');
  if (!permissions.has(PermissionFlagsBits.ManageGuild))
    throw new UserError('Only members with the Manage Server permission can run /reindex. Ask a server admin to run it.');
}
