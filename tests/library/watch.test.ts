import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibrary, type LoadedLibrary } from '../../src/library/library.js';
import { answeringArticles, memoryLogger, tempCorpus, waitFor, zebraArticle, type LogEntry, type TempCorpus } from './helpers.js';

const ZEBRA = 'How many people attended the zebra parade in Lisbon?';

describe('library watching the corpus directory', () => {
  let corpus: TempCorpus;
  let library: LoadedLibrary;
  let entries: LogEntry[];

  beforeEach(async () => {
    corpus = await tempCorpus();
    const memory = memoryLogger();
    entries = memory.entries;
    library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, logger: memory.logger, watch: true });
  });

  afterEach(async () => {
    await library.close();
    await corpus.cleanup();
  });

  const indexed = (): LogEntry[] => entries.filter((e) => e.msg === 'corpus file indexed');

  it('indexes an added file, re-indexes only a changed one, follows a rename and drops a deleted one', async () => {
    expect(answeringArticles(library, ZEBRA)).toEqual([]);
    const version = library.version;
    entries.length = 0;

    await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle('4,000'));
    await waitFor(() => answeringArticles(library, ZEBRA).includes('zebra'), 'the added article to answer');
    expect(library.answer(ZEBRA).passages[0]?.text).toContain('4,000 people');
    expect(library.version).toBeGreaterThan(version);
    expect(indexed().map((e) => [e.file, e.change])).toEqual([['zebra.md', 'added']]);

    entries.length = 0;
    await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle('7,500'));
    await waitFor(() => library.answer(ZEBRA).passages[0]?.text.includes('7,500 people'), 'the changed text to be quoted');
    // Only the changed file was re-indexed: the two other articles were not touched.
    expect(indexed().map((e) => [e.file, e.change])).toEqual([['zebra.md', 'changed']]);

    entries.length = 0;
    await rename(path.join(corpus.corpusDir, 'zebra.md'), path.join(corpus.corpusDir, 'lisbon-zebras.md'));
    await waitFor(() => answeringArticles(library, ZEBRA).includes('lisbon-zebras'), 'the renamed article to answer');
    await waitFor(() => indexed().length === 2, 'both halves of the rename to be logged');
    expect(answeringArticles(library, ZEBRA)).not.toContain('zebra');
    expect(
      indexed()
        .map((e) => [e.file, e.change])
        .sort(),
    ).toEqual([
      ['lisbon-zebras.md', 'added'],
      ['zebra.md', 'removed'],
    ]);

    await rm(path.join(corpus.corpusDir, 'lisbon-zebras.md'));
    await waitFor(() => answeringArticles(library, ZEBRA).length === 0, 'the deleted article to stop answering');
    expect(library.sources().map((s) => s.file)).toEqual(['iran-de-escalatory-message.md', 'iran-message-to-biden-administration.md']);
  });

  it('reports a broken file and keeps answering from the rest; ignores hidden files and other extensions', async () => {
    await writeFile(path.join(corpus.corpusDir, '.draft.md'), zebraArticle());
    await writeFile(path.join(corpus.corpusDir, 'notes.pdf'), zebraArticle());
    await writeFile(
      path.join(corpus.corpusDir, 'broken.md'),
      '---\ntitle: [unclosed\n---\nText of a broken article that is long enough.\n',
    );
    const warning = await waitFor(() => entries.find((e) => e.msg === 'corpus file skipped'), 'the broken file to be reported');
    expect(warning).toMatchObject({ file: 'broken.md', change: 'failed' });
    expect(String(warning.reason)).toMatch(/front matter/);
    expect(answeringArticles(library, ZEBRA)).toEqual([]);
    expect(library.answer('Who sent a message to the Biden administration?').passages.length).toBeGreaterThan(0);
  });
});
