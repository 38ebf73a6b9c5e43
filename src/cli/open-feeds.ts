import type { Feeds } from '../feeds/feeds.js';
import type { CliIo } from './command.js';
import { libraryOptionsFor, withLibrary } from './open-library.js';

/**
 * Runs a command with the followed feeds of the configured data directory, over the configured corpus
 * (feeds add to that corpus only); the library is closed afterwards, as by withLibrary.
 */
export async function withFeeds<T>(io: CliIo, run: (feeds: Feeds) => T | Promise<T>): Promise<T> {
  const [{ loadConfig }, { openFeeds }] = await Promise.all([import('../config.js'), import('../feeds/open-feeds.js')]);
  const config = loadConfig(io.env, io.cwd);
  return withLibrary(libraryOptionsFor(undefined, io), io, (library) => run(openFeeds(config, library)));
}

/** Names of the errors whose message is a refusal fit to show (a link, an upload or a feed refused). */
const REFUSALS = new Set(['LinkRefused', 'ArticleRejected', 'ArticleNotFound', 'FeedNotFollowed', 'FeedStoreError']);

/**
 * Runs a command's work; a refusal is printed on stderr (and, with --json, as `{ "error": { reason?, message } }`
 * on stdout) with exit code 1; anything else goes on to the CLI's error handling.
 */
export async function reportingRefusals(io: CliIo, json: boolean | undefined, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof Error && REFUSALS.has(error.name))) throw error;
    const reason = (error as Error & { reason?: string }).reason;
    if (json) io.out(JSON.stringify({ error: { ...(reason ? { reason } : {}), message: error.message } }));
    io.err(`storybot: ${error.message.replace(/^storybot: /, '')}`);
    return 1;
  }
}
