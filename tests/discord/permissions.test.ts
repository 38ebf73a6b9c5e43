import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { assertCanReindex } from '../../src/discord/permissions.js';
import { UserError } from '../../src/discord/user-error.js';

describe('assertCanReindex', () => {
  it('allows a member with Manage Server', () => {
    expect(() => assertCanReindex(true, new PermissionsBitField(PermissionFlagsBits.ManageGuild))).not.toThrow();
  });
  it('allows an administrator (Administrator implies every permission)', () => {
    expect(() => assertCanReindex(true, new PermissionsBitField(PermissionFlagsBits.Administrator))).not.toThrow();
  });
  it('refuses a member without Manage Server, naming the permission', () => {
    expect(() => assertCanReindex(true, new PermissionsBitField(PermissionFlagsBits.SendMessages))).toThrow(/Manage Server/);
  });
  it('refuses in DMs', () => {
    expect(() => assertCanReindex(false, null)).toThrow(UserError);
  });
});
