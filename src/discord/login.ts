import { setTimeout as delay } from 'node:timers/promises';
import { Events, type Client } from 'discord.js';
import type { Logger } from '../log.js';
import { DiscordConnectionError, fatalCloseError, isFatalClose, loginFailedError, loginTimeoutError } from './gateway-failures.js';

/** How a login is bounded. */
export interface LoginOptions {
  readonly token: string;
  readonly timeoutMs: number;
  /** DISCORD_API_URL, named in messages; null for Discord itself. */
  readonly apiUrl: string | null;
  /** Aborting gives the login up (e.g. on SIGTERM). */
  readonly signal?: AbortSignal;
}

/** Longest wait for discord.js to close its connections: a dead peer must not hold up an exit. */
const DESTROY_TIMEOUT_MS = 2000;

/**
 * Logs the client in and resolves once it is ready. Rejects with a DiscordConnectionError that
 * says why and how to fix it, after destroying the client, when the login is refused (bad token,
 * unreachable API), the gateway closes with a fatal code, nothing completes within `timeoutMs`
 * (gateway unreachable or silent: discord.js would retry forever), or `signal` aborts.
 */
export async function logIn(client: Client, { token, timeoutMs, apiUrl, signal }: LoginOptions): Promise<Client<true>> {
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  const onDisconnect = ({ code }: { code: number }): void => {
    if (isFatalClose(code)) fail(fatalCloseError(code));
  };
  const onAbort = (): void => fail(new DiscordConnectionError('storybot: gave up logging in to Discord: the bot is stopping.'));
  client.on(Events.ShardDisconnect, onDisconnect);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => fail(loginTimeoutError(timeoutMs, apiUrl)), timeoutMs);
  const loggingIn = client.login(token);
  // It may still reject after another failure won the race; that rejection is already handled.
  loggingIn.catch(() => undefined);
  try {
    if (signal?.aborted) onAbort();
    return await Promise.race([loggingIn.then(() => ready), failed]);
  } catch (error) {
    await destroyClient(client);
    throw loginFailedError(error, apiUrl);
  } finally {
    clearTimeout(timer);
    client.off(Events.ShardDisconnect, onDisconnect);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Calls `onFatal` when Discord closes the gateway for good after the login (a fatal close code:
 * discord.js stops reconnecting and the bot would sit deaf). Resumable closes are logged; discord.js
 * reconnects by itself. Returns the function that stops watching, for the bot's own disconnect.
 */
export function watchGateway(client: Client, logger: Logger, onFatal: (error: DiscordConnectionError) => void): () => void {
  const onDisconnect = ({ code }: { code: number }): void => {
    if (isFatalClose(code)) onFatal(fatalCloseError(code));
  };
  const onReconnecting = (): void => logger.warn('Discord gateway connection lost; reconnecting');
  const onResume = (): void => logger.info('Discord gateway connection resumed');
  client.on(Events.ShardDisconnect, onDisconnect);
  client.on(Events.ShardReconnecting, onReconnecting);
  client.on(Events.ShardResume, onResume);
  return () => {
    client.off(Events.ShardDisconnect, onDisconnect);
    client.off(Events.ShardReconnecting, onReconnecting);
    client.off(Events.ShardResume, onResume);
  };
}

/** Destroys the client, waiting at most DESTROY_TIMEOUT_MS for its connections to close. */
export async function destroyClient(client: Client): Promise<void> {
  await Promise.race([client.destroy().catch(() => undefined), delay(DESTROY_TIMEOUT_MS, undefined, { ref: false })]);
}
