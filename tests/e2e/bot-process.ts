import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { DiscordStandin } from './discord-standin.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the real bot process (`npm start`, i.e. bin/start.js) against a stand-in: its token, API
 * URL and guild, the given data directory, and `env` on top (e.g. CORPUS_DIR, LOG_LEVEL). Only PATH
 * is taken from this process's environment, so a developer's .env or shell never leaks in.
 */
export function spawnBot(standin: DiscordStandin, dataDir: string, env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [path.join(ROOT, 'bin/start.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: standin.token,
      DISCORD_API_URL: standin.apiUrl,
      DISCORD_GUILD_ID: standin.guildId,
      STORYBOT_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
