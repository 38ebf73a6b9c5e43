import type { Logger } from '../log.js';
import type { Feeds } from './feeds.js';

/** A running schedule of feed polls. */
export interface FeedSchedule {
  stop(): void;
}

/**
 * Polls the followed feeds now and then every `minutes` (STORYBOT_FEED_MINUTES); each feed's own
 * TTL is honoured by the poll itself. A round starts only after the previous one ended, and a
 * failing round is logged, never fatal.
 */
export function scheduleFeedPolls(feeds: Pick<Feeds, 'poll'>, minutes: number, logger?: Logger): FeedSchedule {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const round = async (): Promise<void> => {
    try {
      const results = await feeds.poll();
      for (const r of results.filter((r) => r.status !== 'waiting' && r.status !== 'not-modified'))
        logger?.info(
          {
            feed: r.url,
            status: r.status,
            added: r.added.length,
            updated: r.updated.length,
            skipped: r.skipped.length,
            deferred: r.deferred,
          },
          'feed polled',
        );
    } catch (error) {
      logger?.error({ err: error }, 'feed poll failed');
    }
    if (!stopped) timer = setTimeout(() => void round(), minutes * 60_000);
  };
  void round();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
