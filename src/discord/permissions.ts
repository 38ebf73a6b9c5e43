import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import { UserError } from './user-error.js';

/**
 * The admin commands (/reindex, /add-article, /remove-article) are for server admins. Checked in the
 * handler because `default_member_permissions` is only a default that server admins can override for
 * any role or channel. `command` is the command's name without the slash; `permissions` is
 * `interaction.memberPermissions` (null in DMs).
 */
export function assertCanManage(command: string, inGuild: boolean, permissions: Readonly<PermissionsBitField> | null): void {
  if (!inGuild || !permissions)
    throw new UserError(`/${command} works only in a server, not in DMs: run it in a channel of the server where the bot is installed.`);
  if (!permissions.has(PermissionFlagsBits.ManageGuild))
    throw new UserError(`Only members with the Manage Server permission can run /${command}. Ask a server admin to run it.`);
}
