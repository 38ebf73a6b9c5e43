import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { startDiscordStandin, type DiscordStandin } from './discord-standin.js';

const run = promisify(execFile);
let standin: DiscordStandin | undefined;

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('npm run deploy-commands', () => {
  it('removes the set left registered in the other scope with --remove-global and --remove-guild', async () => {
    const local = await startDiscordStandin();
    standin = local;
    const env = {
      PATH: process.env.PATH,
      DISCORD_TOKEN: local.token,
      DISCORD_API_URL: local.apiUrl,
      STORYBOT_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-deploy-')),
      LOG_LEVEL: 'silent',
    };
    const deploy = (extraEnv: Record<string, string>, ...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'src/deploy-commands.ts', ...args], { cwd: ROOT, env: { ...env, ...extraEnv } });
    // Registered globally, then on the guild: the server now has both sets.
    await deploy({});
    await deploy({ DISCORD_GUILD_ID: local.guildId });
    const scopes = (): Set<string> => new Set(local.commands.map((c) => c.scope));
    expect(scopes()).toEqual(new Set(['global', local.guildId]));

    await deploy({ DISCORD_GUILD_ID: local.guildId }, '--remove-global');
    expect(scopes()).toEqual(new Set([local.guildId]));
    await deploy({}, '--remove-guild', local.guildId);
    expect(local.commands).toEqual([]);

    await expect(deploy({}, '--remove-everything')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: npm run deploy-commands'),
    });
  });
});
