/**
 * A worker thread that extracts names and dates (compromise and chrono-node, ~1–8 ms a passage), so
 * that the main thread never runs them: it receives `{ id, job }`, answers `{ id, facts }` or
 * `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../workers/background-priority.js';
import { extractArticleFacts, type FactJob } from './article-facts.js';

/** A request to a fact worker. */
export interface FactRequest {
  readonly id: number;
  readonly job: FactJob;
}

// Reading names and dates is background work: answers on the main thread go first.
lowerThreadPriority();

parentPort?.on('message', ({ id, job }: FactRequest) => {
  try {
    const facts = extractArticleFacts(job);
    parentPort?.postMessage({ id, facts }, [facts.records.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
