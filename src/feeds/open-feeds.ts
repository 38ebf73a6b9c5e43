import type { Config } from '../config.js';
import type { Library } from '../library/library-types.js';
import type { FetchPolicy } from '../links/safe-fetch.js';
import type { Logger } from '../log.js';
import { FeedStore } from './feed-store.js';
import { Feeds } from './feeds.js';

/** The fetch safety policy the configuration asks for (STORYBOT_ALLOW_PRIVATE_URLS). */
export function fetchPolicyOf(config: Pick<Config, 'allowPrivateUrls'>): FetchPolicy {
  return { allowPrivate: config.allowPrivateUrls };
}

/** The followed feeds of the configured data directory, adding to `library`. */
export function openFeeds(config: Config, library: Library, logger?: Logger): Feeds {
  return new Feeds({
    store: new FeedStore(config.dataDir),
    library,
    policy: fetchPolicyOf(config),
    maxArticlesPerPoll: config.feedMaxArticles,
    ...(logger ? { logger } : {}),
  });
}
