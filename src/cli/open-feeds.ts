import type { Feeds } from '../feeds/feeds.js';
import type { LoadedLibrary } from '../library/library.js';
import type { CliIo } from './command.js';
import { libraryOptionsFor, openLibrary } from './open-library.js';

/** The followed feeds of the configured data directory, over the configured corpus (feeds add to that corpus only). */
export async function openFeedsFor(io: CliIo): Promise<{ feeds: Feeds; library: LoadedLibrary }> {
  const [{ loadConfig }, { openFeeds }] = await Promise.all([import('../config.js'), import('../feeds/open-feeds.js')]);
  const config = loadConfig(io.env, io.cwd);
  const library = await openLibrary(libraryOptionsFor(undefined, io), io);
  return { feeds: openFeeds(config, library), library };
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
