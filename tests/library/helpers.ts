import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { createLibrary, type LoadedLibrary } from '../../src/library/library.js';
import type { Logger } from '../../src/log.js';
import { CORPUS_DIR } from '../helpers.js';

/** A temporary corpus (a copy of the real one) and data directory. */
export interface TempCorpus {
  readonly root: string;
  readonly corpusDir: string;
  readonly dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * For each test of the enclosing describe: a library over a fresh temporary copy of the corpus, with
 * its data directory (opened before the test, closed and deleted after). Read its fields inside tests.
 */
export function libraryPerTest(): { readonly corpus: TempCorpus; readonly library: LoadedLibrary } {
  const current = {} as { corpus: TempCorpus; library: LoadedLibrary };
  beforeEach(async () => {
    current.corpus = await tempCorpus();
    current.library = await createLibrary({ corpusDir: current.corpus.corpusDir, dataDir: current.corpus.dataDir });
  });
  afterEach(async () => {
    await current.library.close();
    await current.corpus.cleanup();
  });
  return current;
}

export async function tempCorpus(): Promise<TempCorpus> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'storybot-library-'));
  const corpusDir = path.join(root, 'corpus');
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  return { root, corpusDir, dataDir: path.join(root, 'data'), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A log entry as pino writes it. */
export interface LogEntry {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** A pino logger that keeps its entries in memory. */
export function memoryLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') entries.push(JSON.parse(line) as LogEntry);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), entries };
}

/** pino's number for the warn level. */
export const WARN = 40;

/** Polls until `probe` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A small article about a made-up event, so questions about it are answered by it alone. */
export function zebraArticle(count = '4,000'): string {
  return [
    '---',
    'title: "Zebra parade: Lisbon\'s strangest march"',
    'source: Test Wire',
    '---',
    `The annual zebra parade in Lisbon was attended by ${count} people on Saturday, the organisers said.`,
    '',
    'Marchers wore striped costumes and walked from the harbour to the old cathedral before sunset.',
    '',
  ].join('\n');
}

/** Article ids of the passages that answer a question. */
export function answeringArticles(
  library: { answer(q: string): { passages: readonly { article: { id: string } }[] } },
  question: string,
): string[] {
  return library.answer(question).passages.map((p) => p.article.id);
}
