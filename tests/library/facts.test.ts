import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FactJob } from '../../src/facts/article-facts.js';
import { createFactPool, type FactPool } from '../../src/facts/fact-pool.js';
import { createLibrary } from '../../src/library/library.js';
import { tempCorpus, type TempCorpus } from './helpers.js';

/** A real pool that remembers which articles it was asked to read. */
function countingPool(): { pool: () => FactPool; read: string[] } {
  const read: string[] = [];
  const inner = createFactPool(1);
  const pool: FactPool = {
    workers: 1,
    extract: (job: FactJob, options) => {
      read.push(job.articleId);
      return inner.extract(job, options);
    },
    hurry: (ids) => inner.hurry(ids),
    close: () => inner.close(),
  };
  return { pool: () => pool, read };
}

let corpus: TempCorpus;
beforeEach(async () => {
  corpus = await tempCorpus();
});
afterEach(async () => {
  await corpus.cleanup();
});

describe('names and dates kept in the snapshot', () => {
  it('are read once: a restart takes them from the snapshot, and a changed article alone is read again', async () => {
    const first = countingPool();
    const library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, factPool: first.pool });
    await library.factsReady();
    expect(first.read.sort()).toEqual(['iran-de-escalatory-message', 'iran-message-to-biden-administration']);
    const { events } = await library.timeline();
    const answer = library.answer('Who is Massoud Pezeshkian?');
    expect(answer.factsPending).toBeUndefined();
    await library.close();

    const second = countingPool();
    const restarted = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, factPool: second.pool });
    const progress = restarted.factsProgress();
    expect(progress.passagesRead).toBe(progress.passages);
    expect((await restarted.timeline()).events).toEqual(events);
    const again = restarted.answer('Who is Massoud Pezeshkian?');
    expect(again.factsPending).toBeUndefined();
    expect(again.facts).toEqual(answer.facts);
    expect(second.read).toEqual([]);
    await restarted.close();

    await appendFile(path.join(corpus.corpusDir, 'iran-de-escalatory-message.md'), '\nOn March 3, 2025, nothing happened.\n');
    const third = countingPool();
    const changed = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, factPool: third.pool });
    await changed.factsReady();
    expect(third.read).toEqual(['iran-de-escalatory-message']);
    expect((await changed.timeline()).events.some((e) => e.date === '2025-03-03')).toBe(true);
    await changed.close();
  });

  it('are kept through a full reindex for the articles read again unchanged', async () => {
    const counting = countingPool();
    const library = await createLibrary({ corpusDir: corpus.corpusDir, factPool: counting.pool });
    await library.factsReady();
    const read = counting.read.length;
    const { events } = await library.timeline();
    await library.reindex();
    const progress = library.factsProgress();
    expect(progress.passagesRead).toBe(progress.passages);
    expect(counting.read).toHaveLength(read);
    expect((await library.timeline()).events).toEqual(events);
    await library.close();
  });

  it('answers before they are read, saying so, and has them once read', async () => {
    const library = await createLibrary({ corpusDir: corpus.corpusDir, facts: 'on-demand' });
    const cold = library.answer('Who is Massoud Pezeshkian?');
    expect(cold.passages.length).toBeGreaterThan(0);
    expect(cold.factsPending).toBe(true);
    expect(cold.facts).toEqual([]);
    expect((await library.timeline()).progress.passagesRead).toBeLessThan(library.factsProgress().passages);
    await library.factsReady(cold.passages.map((p) => p.article.id));
    const warm = library.answer('Who is Massoud Pezeshkian?');
    expect(warm.factsPending).toBeUndefined();
    expect(warm.facts).toContainEqual(expect.objectContaining({ kind: 'person', text: 'Massoud Pezeshkian' }));
    await library.close();
  });
});
