import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { assertCanManage } from '../../src/discord/permissions.js';
import { UserError } from '../../src/discord/user-error.js';

describe('assertCanManage', () => {
  it('allows a member with Manage Server', () => {
    expect(() => assertCanManage('reindex', true, new PermissionsBitField(PermissionFlagsBits.ManageGuild))).not.toThrow();
  });
  it('allows an administrator (Administrator implies every permission)', () => {
    expect(() => assertCanManage('reindex', true, new PermissionsBitField(PermissionFlagsBits.Administrator))).not.toThrow();
  });
  it('refuses a member without Manage Server, naming the permission and the command', () => {
    expect(() => assertCanManage('add-article', true, new PermissionsBitField(PermissionFlagsBits.SendMessages))).toThrow(
      'Only members with the Manage Server permission can run /add-article. Ask a server admin to run it.',
    );
  });
  it('refuses in DMs', () => {
    expect(() => assertCanManage('reindex', false, null)).toThrow(UserError);
  });
});
