import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT } from '../helpers.js';
import { startDiscordStandin, type DiscordStandin } from './discord-standin.js';

let standin: DiscordStandin | undefined;
let bot: ChildProcess | undefined;

afterEach(async () => {
  if (bot && bot.exitCode === null) bot.kill('SIGKILL');
  await standin?.close();
});

/** Resolves with the exit code once the process ends (bounded by vitest's test timeout). */
const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm start with DISCORD_TOKEN and DISCORD_API_URL', () => {
  it('starts the real bot process, registers the commands, answers /ask, never logs the token, and stops on SIGTERM', async () => {
    const local = await startDiscordStandin();
    standin = local;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/start.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: local.token,
        DISCORD_API_URL: local.apiUrl,
        DISCORD_GUILD_ID: local.guildId,
        STORYBOT_DATA_DIR: dataDir,
        CORPUS_DIR: CORPUS_DIR,
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot = child;
    let logs = '';
    child.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));

    await local.identified(25_000);
    await local.waitFor((r) => r.method === 'PUT' && r.path.endsWith(`/guilds/${local.guildId}/commands`), 25_000);
    expect(local.commands.map((c) => c.name)).toContain('ask');

    const ask = await local.slashCommand({ name: 'ask', options: { question: 'When did Biden meet Trump in the Oval Office?' } });
    const reply = await ask.original(15_000);
    const shown = JSON.stringify([reply.content, reply.embeds]);
    expect(shown).toContain('November 13, 2024');
    expect(shown).toContain('Daily Caller News Foundation');

    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(logs).not.toContain(local.token);
    expect(local.unhandled).toEqual([]);
  });
});
