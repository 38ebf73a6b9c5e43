import { DiscordjsErrorCodes } from 'discord.js';

/** What a fatal gateway close code means and how to fix it. */
interface CloseExplanation {
  readonly meaning: string;
  readonly fix: string;
}

/*
 * The close codes after which Discord will not take the bot back (discord.js stops reconnecting):
 * the same set as discord.js's UNRECOVERABLE_CLOSE_CODES. Every other close (1000–4009) is resumable,
 * and discord.js reconnects by itself.
 */
const FATAL_CLOSES: ReadonlyMap<number, CloseExplanation> = new Map([
  [
    4004,
    {
      meaning: 'authentication failed: Discord does not accept DISCORD_TOKEN (it is wrong, or it was reset)',
      fix: 'copy a new token from the Discord developer portal (your application → Bot → Reset Token) into DISCORD_TOKEN',
    },
  ],
  [
    4010,
    {
      meaning: 'invalid shard: the gateway refused the shard the bot identified with',
      fix: 'storybot runs a single shard; check that DISCORD_API_URL points at Discord (or your proxy) for this application',
    },
  ],
  [
    4011,
    {
      meaning: 'sharding required: the bot is in too many servers for one gateway connection',
      fix: 'storybot runs a single shard, which Discord allows up to 2,500 servers: remove the bot from servers it does not need',
    },
  ],
  [
    4012,
    {
      meaning: 'invalid API version: the gateway refused API v10',
      fix: 'update discord.js (npm update discord.js), and check that DISCORD_API_URL points at Discord',
    },
  ],
  [
    4013,
    {
      meaning: 'invalid intents: the gateway refused the intents the bot asked for',
      fix: 'this is a storybot bug; report it with this log line',
    },
  ],
  [
    4014,
    {
      meaning: 'disallowed intents: the bot asked for the privileged Message Content intent, which is not enabled for the application',
      fix: 'enable the Message Content intent in the Discord developer portal (your application → Bot → Privileged Gateway Intents), or set STORYBOT_FOLLOW_ALL_THREAD_MESSAGES=false',
    },
  ],
]);

/** Whether discord.js gives up on the gateway after this close code. */
export function isFatalClose(code: number): boolean {
  return FATAL_CLOSES.has(code);
}

/**
 * The bot cannot (or can no longer) be connected to Discord: a fatal gateway close, a rejected token,
 * or a login that did not complete in time. The message says what happened and the fix; the process
 * should log it and exit non-zero, so that a supervisor or a person notices.
 */
export class DiscordConnectionError extends Error {
  override readonly name = 'DiscordConnectionError';

  constructor(
    message: string,
    /** The gateway close code, when the gateway closed the connection. */
    readonly closeCode: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The error for a fatal gateway close (see isFatalClose). */
export function fatalCloseError(code: number): DiscordConnectionError {
  const explanation = FATAL_CLOSES.get(code);
  const text = explanation ? `${explanation.meaning}. Fix: ${explanation.fix}` : 'Discord will not take the bot back';
  return new DiscordConnectionError(`storybot: Discord closed the gateway with code ${code}, ${text}.`, code);
}

/** The error for a login that neither completed nor failed within `timeoutMs`. */
export function loginTimeoutError(timeoutMs: number, apiUrl: string | null): DiscordConnectionError {
  return new DiscordConnectionError(
    `storybot: could not log in to Discord within ${timeoutMs / 1000} s: the gateway ${apiUrl ? `announced by ${apiUrl} ` : ''}` +
      'did not answer. Fix: check the network (and DISCORD_API_URL when set), or raise STORYBOT_LOGIN_TIMEOUT_SECONDS on a slow link.',
  );
}

/** Explains a rejected `client.login()` (the REST call for the gateway address failed, or the token was refused). */
export function loginFailedError(error: unknown, apiUrl: string | null): DiscordConnectionError {
  if (error instanceof DiscordConnectionError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === DiscordjsErrorCodes.TokenInvalid) {
    // The REST API said 401 before the gateway was even tried: the same cause and fix as close code 4004.
    const { meaning, fix } = FATAL_CLOSES.get(4004) as CloseExplanation;
    return new DiscordConnectionError(`storybot: Discord answered 401 to the login, ${meaning}. Fix: ${fix}.`, null, { cause: error });
  }
  const reason = error instanceof Error ? [error.message, causeOf(error)].filter(Boolean).join(': ') : String(error);
  return new DiscordConnectionError(
    `storybot: could not log in to Discord${apiUrl ? ` at ${apiUrl}` : ''}: ${reason}. Fix: check the network` +
      `${apiUrl ? ' and DISCORD_API_URL' : ''}, then start the bot again.`,
    null,
    { cause: error },
  );
}

// fetch failures hide the useful part ("connect ECONNREFUSED 127.0.0.1:9") in their cause.
function causeOf(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : '';
}
