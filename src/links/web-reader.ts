import type { Worker } from 'node:worker_threads';
import type { ParsedFeed } from '../feeds/parse-feed.js';
import { startWorker } from '../workers/start-worker.js';
import { LinkRefused, type LinkRefusalReason } from './link-errors.js';
import type { PageArticle } from './page-article.js';

/** A job for the web reader thread: a fetched page or feed, and the URL it came from. */
export interface WebReadRequest {
  readonly id: number;
  readonly kind: 'page' | 'feed';
  readonly text: string;
  readonly url: string;
}

interface Reply {
  readonly id: number;
  readonly result?: unknown;
  readonly refused?: { readonly reason: LinkRefusalReason; readonly message: string };
  readonly error?: string;
}

/** readPageArticle in the web reader thread: the same article, or the same LinkRefused. */
export function readPageOffThread(html: string, url: string): Promise<PageArticle> {
  return reader.read('page', html, url) as Promise<PageArticle>;
}

/** parseFeedXml in the web reader thread. */
export function parseFeedOffThread(xml: string, url: string): Promise<ParsedFeed> {
  return reader.read('feed', xml, url) as Promise<ParsedFeed>;
}

/**
 * One worker thread, started on the first page and kept (its modules stay loaded), which holds the
 * process open only while it has work. Jobs are answered in the order they were sent.
 */
class WebReader {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  read(kind: WebReadRequest['kind'], text: string, url: string): Promise<unknown> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, kind, text, url } satisfies WebReadRequest);
    });
  }

  private start(): Worker {
    const worker = startWorker(import.meta.url, 'web-reader-worker');
    worker.on('message', (reply: Reply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.refused) job?.reject(new LinkRefused(reply.refused.reason, reply.refused.message));
      else if (reply.error !== undefined) job?.reject(new Error(`storybot: reading a page failed: ${reply.error}`));
      else job?.resolve(reply.result);
    });
    worker.on('error', (error) => {
      // The thread is gone: fail what it had, and let the next job start a new one.
      this.worker = undefined;
      for (const job of this.pending.values()) job.reject(new Error(`storybot: the page reader stopped (${error.message})`));
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }
}

const reader = new WebReader();
