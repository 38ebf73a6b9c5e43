import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs the console chat with defaults when nothing is set', () => {
    expect(loadConfig({}, '/srv/storybot')).toEqual({
      discordToken: null,
      discordGuildId: null,
      discordApiUrl: null,
      followAllThreadMessages: false,
      loginTimeoutMs: 30_000,
      corpusDir: '/srv/storybot/corpus',
      dataDir: '/srv/storybot/data',
      logLevel: 'warn',
    });
  });

  it('reads every key, treats empty values as unset, and logs at info for the bot by default', () => {
    const config = loadConfig(
      {
        DISCORD_TOKEN: 'MTA1NjQ0.abcdefghijklmnopqrstuvwxyz',
        DISCORD_GUILD_ID: '123456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:8080/api',
        STORYBOT_FOLLOW_ALL_THREAD_MESSAGES: 'true',
        STORYBOT_LOGIN_TIMEOUT_SECONDS: '2.5',
        CORPUS_DIR: 'articles',
        STORYBOT_DATA_DIR: '',
      },
      '/srv/storybot',
    );
    expect(config).toMatchObject({
      discordGuildId: '123456789012345678',
      discordApiUrl: 'http://127.0.0.1:8080/api',
      followAllThreadMessages: true,
      loginTimeoutMs: 2500,
      corpusDir: '/srv/storybot/articles',
      dataDir: '/srv/storybot/data',
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every bad key at once, each with what to fix, and never echoes the token', () => {
    const env = {
      DISCORD_TOKEN: 'short token!',
      DISCORD_GUILD_ID: 'my-server',
      DISCORD_API_URL: 'ftp://x',
      STORYBOT_LOGIN_TIMEOUT_SECONDS: '0',
      LOG_LEVEL: 'loud',
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')).toEqual([
        'storybot: invalid configuration (check .env or the environment):',
        '  DISCORD_TOKEN: must be the bot token from the Discord developer portal (Bot → Reset Token), or left empty for console mode',
        '  DISCORD_GUILD_ID: must be a server id (17–20 digits; right-click the server → Copy Server ID), or left empty to register commands globally',
        '  DISCORD_API_URL: must be an http(s) URL such as http://127.0.0.1:8080/api, or left empty for Discord itself',
        '  STORYBOT_LOGIN_TIMEOUT_SECONDS: must be a number of seconds above 0, such as 30',
        '  LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      ]);
      expect(message).not.toContain('short token!');
    }
  });
});
