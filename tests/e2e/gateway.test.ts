/**
 * The bot's discord.js Client against the stand-in's gateway faults: fatal close codes, resumable
 * closes, a refused token, an unreachable gateway, connection resets. (The process-level behaviour —
 * exit codes, signals — is in start.test.ts.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDiscordBot, type DiscordBot } from '../../src/discord/index.js';
import { DiscordConnectionError } from '../../src/discord/gateway-failures.js';
import { createLogger } from '../../src/log.js';
import { FakeLibrary, FIXTURE_ARTICLES } from '../discord/fake-library.js';
import { startDiscordStandin, type DiscordStandin } from './discord-standin.js';

let standin: DiscordStandin;
let dataDir: string;
let bot: DiscordBot | undefined;

beforeEach(async () => {
  standin = await startDiscordStandin();
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-gateway-'));
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await standin.close();
  await rm(dataDir, { recursive: true, force: true });
});

function start(env: NodeJS.ProcessEnv = {}, onFatal?: (error: DiscordConnectionError) => void): Promise<DiscordBot> {
  const config = loadConfig({
    DISCORD_TOKEN: standin.token,
    DISCORD_API_URL: standin.apiUrl,
    DISCORD_GUILD_ID: standin.guildId,
    STORYBOT_DATA_DIR: dataDir,
    ...env,
  });
  return startDiscordBot({
    config,
    library: new FakeLibrary(FIXTURE_ARTICLES),
    logger: createLogger('silent'),
    ...(onFatal ? { onFatal } : {}),
  });
}

/** The error startDiscordBot rejected with. */
async function failure(starting: Promise<DiscordBot>): Promise<DiscordConnectionError> {
  const error = await starting.then(
    (started) => {
      bot = started;
      throw new Error('the bot logged in');
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(DiscordConnectionError);
  return error as DiscordConnectionError;
}

describe('logging in to the gateway', () => {
  it.each([
    [4004, 'authentication failed', 'Reset Token'],
    [4010, 'invalid shard', 'single shard'],
    [4011, 'sharding required', '2,500 servers'],
    [4012, 'invalid API version', 'npm update discord.js'],
    [4013, 'invalid intents', 'storybot bug'],
    [4014, 'disallowed intents', 'STORYBOT_FOLLOW_ALL_THREAD_MESSAGES=false'],
  ])('fails with what close %i means and its fix', async (code, meaning, fix) => {
    standin.identifyCloseCode = code;
    const error = await failure(start());
    expect(error.closeCode).toBe(code);
    expect(error.message).toContain(`Discord closed the gateway with code ${code}, ${meaning}`);
    expect(error.message).toContain(fix);
  });

  it('fails with the token fix when the API refuses the token (401)', async () => {
    standin.tokenRevoked = true;
    const error = await failure(start());
    expect(error.message).toContain('Discord answered 401 to the login, authentication failed');
    expect(error.message).toContain('Reset Token');
    expect(error.message).not.toContain(standin.token);
  });

  it('times out when the announced gateway is unreachable, instead of retrying forever', async () => {
    standin.announcedGatewayUrl = 'ws://127.0.0.1:9';
    const error = await failure(start({ STORYBOT_LOGIN_TIMEOUT_SECONDS: '1' }));
    expect(error.message).toContain('could not log in to Discord within 1 s');
    expect(error.message).toContain('STORYBOT_LOGIN_TIMEOUT_SECONDS');
  });

  it('times out when the gateway accepts the connection but never says HELLO', async () => {
    standin.silentGateway = true;
    const error = await failure(start({ STORYBOT_LOGIN_TIMEOUT_SECONDS: '1' }));
    expect(error.message).toContain('could not log in to Discord within 1 s');
  });

  it('names the API it could not reach when the REST API is down', async () => {
    const apiUrl = standin.apiUrl;
    await standin.close();
    const error = await failure(start({ DISCORD_API_URL: apiUrl }));
    expect(error.message).toContain(`could not log in to Discord at ${apiUrl}`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('logs in despite one connection reset on the gateway address request', async () => {
    standin.resetRequests((r) => r.path === '/gateway/bot');
    bot = await start();
    expect(standin.requests.filter((r) => r.path === '/gateway/bot')).toHaveLength(2);
  });
});

describe('after the login', () => {
  it('reports a fatal close once and stops reconnecting; a resumable close before it reconnects', async () => {
    const fatal: DiscordConnectionError[] = [];
    bot = await start({}, (error) => fatal.push(error));
    await standin.identified();

    // Resumable: the stand-in refuses RESUME, so discord.js identifies again on a new connection.
    standin.closeGateway(4000);
    await expect.poll(() => standin.gatewayConnections, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await standin.identified(15_000);
    const ask = await standin.slashCommand({ name: 'sources' });
    expect((await ask.response()).type).toBeGreaterThan(0);
    expect(fatal).toEqual([]);

    standin.closeGateway(4014);
    await expect.poll(() => fatal.length, { timeout: 5000 }).toBe(1);
    expect(fatal[0]?.message).toContain('code 4014, disallowed intents');
  });
});
