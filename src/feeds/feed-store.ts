import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../library/atomic-file.js';

/** What became of one item of a feed, so that a restart neither re-adds nor forgets it. */
export interface DeliveredItem {
  readonly link: string;
  readonly fingerprint: string;
  /** The article it became; null when it was refused (no article text, a duplicate…) or later removed. */
  readonly articleId: string | null;
  /** Why it was not added, when it was not. */
  readonly refused?: string;
}

/** A followed feed and what it has delivered. */
export interface FeedSubscription {
  readonly url: string;
  /** Only items whose title or summary contain all these words (null: every item). */
  readonly match: string | null;
  /** Discord channel that gets a notice for each article added (null: none). */
  readonly channelId: string | null;
  readonly title: string | null;
  readonly followedAt: string;
  readonly lastPolledAt: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly ttlMinutes: number | null;
  /** Item key (guid, id or link) → what became of it. */
  readonly delivered: Readonly<Record<string, DeliveredItem>>;
}

/** The feeds file is unreadable; the message names it and the fix. */
export class FeedStoreError extends Error {
  override readonly name = 'FeedStoreError';
}

/** File name of the feed subscriptions in the data directory. */
export const FEEDS_FILE = 'feeds.json';
const FORMAT = 1;

const deliveredSchema = z.object({
  link: z.string(),
  fingerprint: z.string(),
  articleId: z.string().nullable(),
  refused: z.string().optional(),
});
const subscriptionSchema = z.object({
  url: z.string(),
  match: z.string().nullable(),
  channelId: z.string().nullable(),
  title: z.string().nullable(),
  followedAt: z.string(),
  lastPolledAt: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  ttlMinutes: z.number().nullable(),
  delivered: z.record(z.string(), deliveredSchema),
});
const fileSchema = z.object({ format: z.literal(FORMAT), feeds: z.array(subscriptionSchema) });

/**
 * The followed feeds, kept in `STORYBOT_DATA_DIR/feeds.json`. Every change is written at once and
 * atomically (temporary file, fsync, rename), so a crash or restart loses neither a feed nor what it
 * delivered. Changes run one at a time.
 */
export class FeedStore {
  private feeds: FeedSubscription[] | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  /** Where the subscriptions are kept. */
  get file(): string {
    return path.join(this.dataDir, FEEDS_FILE);
  }

  /** The followed feeds, in the order they were followed. */
  async list(): Promise<readonly FeedSubscription[]> {
    return this.run(async () => [...(await this.load())]);
  }

  /** Adds or replaces (by URL) a subscription and saves. */
  async put(feed: FeedSubscription): Promise<void> {
    await this.change((feeds) => [...feeds.filter((f) => f.url !== feed.url), feed]);
  }

  /** Applies a change to one subscription (if it is still followed) and saves. */
  async update(url: string, change: (feed: FeedSubscription) => FeedSubscription): Promise<void> {
    await this.change((feeds) => feeds.map((f) => (f.url === url ? change(f) : f)));
  }

  /** Removes a subscription and saves; returns it, or undefined when it was not followed. */
  async remove(url: string): Promise<FeedSubscription | undefined> {
    let removed: FeedSubscription | undefined;
    await this.change((feeds) => {
      removed = feeds.find((f) => f.url === url);
      return feeds.filter((f) => f.url !== url);
    });
    return removed;
  }

  private change(next: (feeds: readonly FeedSubscription[]) => FeedSubscription[]): Promise<void> {
    return this.run(async () => {
      const feeds = next(await this.load());
      await this.save(feeds);
      this.feeds = feeds;
    });
  }

  private async load(): Promise<FeedSubscription[]> {
    if (this.feeds) return this.feeds;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.feeds = [];
      return this.feeds;
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      const reason = error instanceof SyntaxError ? error.message : 'unexpected content';
      throw new FeedStoreError(
        `storybot: ${this.file} cannot be read (${reason}). Restore it from a backup, or move it away to start with no feeds.`,
      );
    }
    this.feeds = parsed.feeds;
    return this.feeds;
  }

  private async save(feeds: readonly FeedSubscription[]): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomically(this.file, `${JSON.stringify({ format: FORMAT, feeds }, null, 2)}\n`, { replace: true });
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
