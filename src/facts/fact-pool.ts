import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { lowerHelperThreadsPriority } from '../workers/background-priority.js';
import { startWorker } from '../workers/start-worker.js';
import type { ArticleFacts, FactJob } from './article-facts.js';
import type { FactRequest } from './fact-worker.js';

/** Extracts the facts of articles in worker threads, one article per job. */
export interface FactPool {
  /** Number of worker threads (started on the first job). */
  readonly workers: number;
  /**
   * Extracts one article's facts. `wanted` is asked again when the job's turn comes: false drops it
   * (the article was changed or removed meanwhile) and the promise resolves to null.
   * An `urgent` job goes before the others queued (an answer waits for it).
   */
  extract(job: FactJob, options?: { readonly urgent?: boolean; readonly wanted?: () => boolean }): Promise<ArticleFacts | null>;
  /** Moves queued jobs of these articles to the front. */
  hurry(articleIds: ReadonlySet<string>): void;
  /** Stops the workers; queued jobs resolve to null. */
  close(): Promise<void>;
}

/**
 * Worker threads by default: one fewer than the cores, so that the main thread and the collector's
 * helpers always find a core free for answering (a lower priority alone left 80–140 ms blocks at
 * 100k passages on 2 cores); at least one, at most four (compromise's lexicon costs each worker ~60 MB).
 */
export function defaultFactWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface QueuedJob {
  readonly job: FactJob;
  readonly wanted: () => boolean;
  readonly resolve: (facts: ArticleFacts | null) => void;
  readonly reject: (error: Error) => void;
}

interface Reply {
  readonly id: number;
  readonly facts?: ArticleFacts;
  readonly error?: string;
}

/** A pool of `workers` fact-extraction threads (see FactPool). */
export function createFactPool(workers = defaultFactWorkers()): FactPool {
  return new WorkerFactPool(workers);
}

class WorkerFactPool implements FactPool {
  private readonly queue: QueuedJob[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, QueuedJob>();
  private started = 0;
  private nextId = 0;
  private closed = false;

  constructor(readonly workers: number) {}

  extract(job: FactJob, options: { urgent?: boolean; wanted?: () => boolean } = {}): Promise<ArticleFacts | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const queued = { job, wanted: options.wanted ?? (() => true), resolve, reject };
      if (options.urgent) this.queue.unshift(queued);
      else this.queue.push(queued);
      this.dispatch();
    });
  }

  hurry(articleIds: ReadonlySet<string>): void {
    const first = this.queue.filter((q) => articleIds.has(q.job.articleId));
    if (first.length === 0) return;
    const rest = this.queue.filter((q) => !articleIds.has(q.job.articleId));
    this.queue.splice(0, this.queue.length, ...first, ...rest);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.resolve(null);
    const all = [...this.idle.splice(0), ...this.busy.keys()];
    for (const queued of this.busy.values()) queued.resolve(null);
    this.busy.clear();
    await Promise.all(all.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const queued = this.queue[0];
      if (queued && !queued.wanted()) {
        this.queue.shift();
        queued.resolve(null);
        continue;
      }
      const worker = this.idle.pop() ?? (this.started < this.workers ? this.spawn() : undefined);
      if (!worker || !queued) return;
      this.queue.shift();
      this.busy.set(worker, queued);
      // A worker with work keeps the process alive (a CLI waiting for facts); an idle one does not.
      worker.ref();
      worker.postMessage({ id: this.nextId++, job: queued.job } satisfies FactRequest);
    }
  }

  private spawn(): Worker {
    this.started++;
    lowerHelperThreadsPriority();
    // The compiled fact-worker.js, or fact-worker.ts through tsx when running from the sources.
    const worker = startWorker(import.meta.url, 'fact-worker');
    worker.on('message', (reply: Reply) => {
      const queued = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (reply.facts) queued?.resolve(reply.facts);
      else queued?.reject(new Error(`storybot: extracting the facts of '${queued.job.articleId}' failed: ${reply.error ?? 'no reason'}`));
      this.dispatch();
    });
    worker.on('error', (error) => {
      // The thread is gone: fail its job, and let a new thread take the queue.
      const queued = this.busy.get(worker);
      this.busy.delete(worker);
      if (this.idle.includes(worker)) this.idle.splice(this.idle.indexOf(worker), 1);
      this.started--;
      queued?.reject(new Error(`storybot: the fact worker stopped (${error.message}) while reading '${queued.job.articleId}'`));
      if (!this.closed) this.dispatch();
    });
    return worker;
  }
}
