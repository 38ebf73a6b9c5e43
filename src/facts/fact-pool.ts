import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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
 * Worker threads by default: one fewer than the cores (the main thread answers questions meanwhile),
 * at least one, at most four (compromise's lexicon costs each worker ~60 MB).
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
    const worker = startWorker();
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

/**
 * The worker thread: the compiled fact-worker.js next to this file, or, when running from the
 * TypeScript sources, fact-worker.ts loaded through tsx (a worker does not inherit the loader that
 * `--import tsx` or tsx's `register()` installed in the main thread).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./fact-worker.js', here));
  const tsx = pathToFileURL(tsxEsmApi(here)).href;
  const source = new URL('./fact-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`, {
    eval: true,
  });
}

/** The file of tsx's ESM `register()` API, found through its package exports (its CommonJS build cannot register from a worker). */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const file = exports['./esm/api']?.import.default;
  if (!file) throw new Error(`storybot: tsx (${manifest}) has no ESM register API; run npm run build to use the compiled fact worker`);
  return path.join(path.dirname(manifest), file);
}
