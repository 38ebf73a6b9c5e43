import path from 'node:path';
import { z } from 'zod';

/** Validated, typed configuration, read once at start-up. */
export interface Config {
  /** Bot token; null runs the console chat instead of Discord. */
  readonly discordToken: string | null;
  /** Register slash commands on this guild only (instant) instead of globally. */
  readonly discordGuildId: string | null;
  /** REST base URL, e.g. `http://127.0.0.1:8080/api`; null means Discord's own. */
  readonly discordApiUrl: string | null;
  /** Answer every message in the bot's threads (needs the privileged Message Content intent). */
  readonly followAllThreadMessages: boolean;
  /** Directory of article files. */
  readonly corpusDir: string;
  /** Directory for the index snapshot and other state. */
  readonly dataDir: string;
  /** How long a Discord login may take before the bot gives up and exits (STORYBOT_LOGIN_TIMEOUT_SECONDS). */
  readonly loginTimeoutMs: number;
  /** LOG_LEVEL as set; by default `info` for the bot and `warn` for the console chat. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Raised when the environment holds invalid values; the message lists every bad key and its fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A login normally completes in 1–5 s; Discord's own hello timeout is 60 s. */
const DEFAULT_LOGIN_TIMEOUT_SECONDS = 30;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .default(null);

const schema = z.object({
  DISCORD_TOKEN: optionalText.refine((v) => v === null || /^[\w.-]{20,}$/.test(v), {
    message: 'must be the bot token from the Discord developer portal (Bot → Reset Token), or left empty for console mode',
  }),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === null || /^\d{17,20}$/.test(v), {
    message: 'must be a server id (17–20 digits; right-click the server → Copy Server ID), or left empty to register commands globally',
  }),
  DISCORD_API_URL: optionalText.refine((v) => v === null || isHttpUrl(v), {
    message: 'must be an http(s) URL such as http://127.0.0.1:8080/api, or left empty for Discord itself',
  }),
  STORYBOT_FOLLOW_ALL_THREAD_MESSAGES: optionalText.refine((v) => v === null || /^(true|false|1|0|yes|no)$/i.test(v), {
    message: 'must be true or false',
  }),
  STORYBOT_LOGIN_TIMEOUT_SECONDS: optionalText.refine((v) => v === null || (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0), {
    message: 'must be a number of seconds above 0, such as 30',
  }),
  CORPUS_DIR: optionalText,
  STORYBOT_DATA_DIR: optionalText,
  LOG_LEVEL: optionalText.refine((v) => v === null || /^(fatal|error|warn|info|debug|trace|silent)$/.test(v), {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  }),
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Reads and validates the configuration from an environment (usually `process.env` after dotenv).
 * Relative directories are resolved against `cwd`. Throws a ConfigError naming every bad key.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`storybot: invalid configuration (check .env or the environment):\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return Object.freeze({
    discordToken: v.DISCORD_TOKEN,
    discordGuildId: v.DISCORD_GUILD_ID,
    discordApiUrl: v.DISCORD_API_URL,
    followAllThreadMessages: /^(true|1|yes)$/i.test(v.STORYBOT_FOLLOW_ALL_THREAD_MESSAGES ?? ''),
    loginTimeoutMs: Number(v.STORYBOT_LOGIN_TIMEOUT_SECONDS ?? DEFAULT_LOGIN_TIMEOUT_SECONDS) * 1000,
    corpusDir: path.resolve(cwd, v.CORPUS_DIR ?? 'corpus'),
    dataDir: path.resolve(cwd, v.STORYBOT_DATA_DIR ?? 'data'),
    // The console chat shares the terminal with its user: only warnings and errors by default.
    logLevel: (v.LOG_LEVEL ?? (v.DISCORD_TOKEN === null ? 'warn' : 'info')) as Config['logLevel'],
  });
}
