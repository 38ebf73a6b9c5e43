import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibrary, type LoadedLibrary } from '../../src/library/library.js';
import { tempCorpus, waitFor, zebraArticle, type TempCorpus } from './helpers.js';

const QUESTIONS = ['Who sent a message to the Biden administration?', 'When was Qassim Suleimani killed?'];

/** Filler articles, so that a rebuild takes long enough for questions to arrive in the middle of it. */
async function addFiller(dir: string, count: number): Promise<void> {
  const sentence = (i: number, j: number): string =>
    `Filler report ${i} paragraph ${j} describes harbour cranes, railway timetables and weather over the valley.`;
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: 30 }, (_, j) => `${sentence(i, j)} ${sentence(i, j + 100)}`).join('\n\n');
    await writeFile(path.join(dir, `filler-${i}.txt`), `${body}\n`);
  }
}

describe('answers while the index changes', () => {
  let corpus: TempCorpus;
  let library: LoadedLibrary;

  beforeEach(async () => {
    corpus = await tempCorpus();
    await addFiller(corpus.corpusDir, 60);
    library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, watch: true });
  });
  afterEach(async () => {
    await library.close();
    await corpus.cleanup();
  });

  /** Asks the questions over and over until `done` settles; returns how many were asked and how many got no passage. */
  async function askDuring(done: Promise<unknown>): Promise<{ asked: number; empty: number; versions: Set<number> }> {
    let settled = false;
    void done.finally(() => (settled = true));
    let asked = 0;
    let empty = 0;
    const versions = new Set<number>();
    while (!settled) {
      for (const question of QUESTIONS) {
        asked++;
        versions.add(library.version);
        if (library.answer(question).passages.length === 0) empty++;
      }
      await nextTurn();
    }
    return { asked, empty, versions };
  }

  it('answers every question asked during a full reindex, from the old index or the new one', async () => {
    const version = library.version;
    const { asked, empty, versions } = await askDuring(library.reindex());
    expect(empty).toBe(0);
    // The rebuild yields to the event loop, so questions were answered in the middle of it (from the old index).
    expect(asked).toBeGreaterThan(QUESTIONS.length);
    expect(versions).toContain(version);
  });

  it('answers every question asked while files change and articles are uploaded and removed', async () => {
    const work = (async () => {
      await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle());
      await waitFor(() => library.sources().some((s) => s.file === 'zebra.md'), 'the watch to index zebra.md');
      const added = await library.addArticle({
        fileName: 'x.txt',
        bytes: new TextEncoder().encode('Harbour officials counted nine hundred ferries leaving the port this week.\n'),
      });
      await library.removeArticle(added.article.id);
      await library.removeArticle('zebra');
    })();
    const { empty } = await askDuring(work);
    await work;
    expect(empty).toBe(0);
  });
});
