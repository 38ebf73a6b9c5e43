/**
 * The worker thread that reads fetched pages and feeds (Readability over linkedom, the feed
 * parser: up to ~0.5 s for a large page), so the main thread never blocks on them. It receives
 * a WebReadRequest and answers `{ id, result }`, `{ id, refused: { reason, message } }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { parseFeedXml } from '../feeds/parse-feed.js';
import { LinkRefused } from './link-errors.js';
import { readPageArticle } from './page-article.js';
import type { WebReadRequest } from './web-reader.js';

parentPort?.on('message', ({ id, kind, text, url }: WebReadRequest) => {
  try {
    const result = kind === 'page' ? readPageArticle(text, url) : parseFeedXml(text, url);
    parentPort?.postMessage({ id, result });
  } catch (error) {
    if (error instanceof LinkRefused) parentPort?.postMessage({ id, refused: { reason: error.reason, message: error.message } });
    else parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
