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
  /** Fetch pages and feeds from loopback, private and other non-public addresses too (tests, intranets). */
  readonly allowPrivateUrls: boolean;
  /** Minutes between two polls of the followed feeds (a feed's own TTL can make it longer). */
  readonly feedMinutes: number;
  /** Most articles one feed may add or update in one poll. */
  readonly feedMaxArticles: number;
  /** Days the record of unanswered and disliked questions is kept (STORYBOT_FEEDBACK_DAYS). */
  readonly feedbackDays: number;
  /** How long a Discord login may take before the bot gives up and exits (STORYBOT_LOGIN_TIMEOUT_SECONDS). */
  readonly loginTimeoutMs: number;
  /** LOG_LEVEL as set; by default `info` for the bot and `warn` for the console chat. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** How long the record of unanswered and disliked questions is kept when STORYBOT_FEEDBACK_DAYS is not set. */
export const DEFAULT_FEEDBACK_DAYS = 90;

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
  STORYBOT_ALLOW_PRIVATE_URLS: optionalText.refine((v) => v === null || /^(true|false|1|0|yes|no)$/i.test(v), {
    message: 'must be true or false (true lets /add-article url: and feeds reach loopback and private addresses)',
  }),
  STORYBOT_FEED_MINUTES: wholeNumber(1, 1440, 'minutes between two feed polls'),
  STORYBOT_FEED_MAX_ARTICLES: wholeNumber(1, 100, 'articles one feed may add per poll'),
  STORYBOT_LOGIN_TIMEOUT_SECONDS: optionalText.refine((v) => v === null || (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0), {
    message: 'must be a number of seconds above 0, such as 30',
  }),
  CORPUS_DIR: optionalText,
  STORYBOT_DATA_DIR: optionalText,
  STORYBOT_FEEDBACK_DAYS: optionalText.refine((v) => v === null || (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 3650), {
    message: 'must be a whole number of days from 1 to 3650 (default 90)',
  }),
  LOG_LEVEL: optionalText.refine((v) => v === null || /^(fatal|error|warn|info|debug|trace|silent)$/.test(v), {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  }),
});

/** An optional whole number within bounds, kept as text until loadConfig converts it. */
function wholeNumber(min: number, max: number, what: string) {
  return optionalText.refine((v) => v === null || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), {
    message: `must be a whole number from ${min} to ${max} (${what})`,
  });
}

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
    allowPrivateUrls: /^(true|1|yes)$/i.test(v.STORYBOT_ALLOW_PRIVATE_URLS ?? ''),
    feedMinutes: Number(v.STORYBOT_FEED_MINUTES ?? 30),
    feedMaxArticles: Number(v.STORYBOT_FEED_MAX_ARTICLES ?? 20),
    loginTimeoutMs: Number(v.STORYBOT_LOGIN_TIMEOUT_SECONDS ?? DEFAULT_LOGIN_TIMEOUT_SECONDS) * 1000,
    corpusDir: path.resolve(cwd, v.CORPUS_DIR ?? 'corpus'),
    dataDir: path.resolve(cwd, v.STORYBOT_DATA_DIR ?? 'data'),
    feedbackDays: Number(v.STORYBOT_FEEDBACK_DAYS ?? DEFAULT_FEEDBACK_DAYS),
    // The console chat shares the terminal with its user: only warnings and errors by default.
    logLevel: (v.LOG_LEVEL ?? (v.DISCORD_TOKEN === null ? 'warn' : 'info')) as Config['logLevel'],
  });
}
