import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { createLibrary } from '../../src/library/library.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  readSnapshot,
  SNAPSHOT_FILE,
  SNAPSHOT_FORMAT,
  SnapshotError,
  writeSnapshot,
} from '../../src/library/snapshot.js';
import { SearchIndex, type SearchIndexData } from '../../src/search/search-index.js';
import { memoryLogger, tempCorpus, WARN, zebraArticle, type TempCorpus } from './helpers.js';

const QUESTIONS = [
  'Who sent a message to the Biden administration?',
  'When was Qassim Suleimani killed?',
  'What did the Biden administration warn about an attack on Trump?',
];

describe('index snapshot', () => {
  let corpus: TempCorpus;
  beforeEach(async () => {
    corpus = await tempCorpus();
  });
  afterEach(() => corpus.cleanup());

  const built = async (): Promise<SearchIndex> => SearchIndex.build((await loadCorpus(corpus.corpusDir)).articles);
  /** An article with words the corpus never had, as an upload brings it. */
  const zebraParsed = async (): Promise<Article> => {
    const { parseArticle } = await import('../../src/corpus/parse-article.js');
    return parseArticle('zebra.md', Buffer.from(zebraArticle()));
  };

  it('restores an index that answers exactly like the one it was saved from', async () => {
    const index = await built();
    const restored = decodeSnapshot(encodeSnapshot(index)).index;
    expect(restored.allArticles()).toEqual(index.allArticles());
    expect(restored.passageCount).toBe(index.passageCount);
    for (const article of index.allArticles()) {
      expect(restored.passagesOf(article.id)).toEqual(index.passagesOf(article.id));
      for (const passage of index.passagesOf(article.id)) {
        expect(restored.paragraphOf(passage)).toEqual(index.paragraphOf(passage));
        expect(restored.traitsOf(passage.id)).toBe(index.traitsOf(passage.id));
      }
    }
    const { answer } = await import('../../src/answer/answer.js');
    for (const question of QUESTIONS) {
      const { tookMs: _a, ...expected } = answer(index, question);
      const { tookMs: _b, ...actual } = answer(restored, question);
      expect(actual).toEqual(expected);
    }
  });

  it('keeps a restored index usable for adding and removing articles', async () => {
    const restored = decodeSnapshot(encodeSnapshot(await built())).index;
    const fresh = await built();
    expect(restored.remove('iran-de-escalatory-message')).toBe(true);
    fresh.remove('iran-de-escalatory-message');
    const { answer } = await import('../../src/answer/answer.js');
    for (const question of QUESTIONS) expect(answer(restored, question).passages).toEqual(answer(fresh, question).passages);
    // An article added after the restore brings words the snapshot never had.
    const zebra = await zebraParsed();
    restored.add(zebra);
    fresh.add(zebra);
    const asked = 'How many people attended the zebra parade in Lisbon?';
    expect(answer(restored, asked).passages[0]?.text).toContain('4,000 people');
    expect(answer(restored, asked).passages).toEqual(answer(fresh, asked).passages);
  });

  it('saves a restored index as the same data, whether it was searched or not, and after changes like a fresh one', async () => {
    const index = await built();
    const saved = index.toSnapshotData();
    // Untouched: the postings are still the snapshot's arrays, copied as they are.
    expect(comparable(SearchIndex.fromSnapshotData(saved).toSnapshotData())).toEqual(comparable(saved));
    const { answer } = await import('../../src/answer/answer.js');
    const searched = SearchIndex.fromSnapshotData(saved);
    for (const question of QUESTIONS) answer(searched, question);
    expect(comparable(searched.toSnapshotData())).toEqual(comparable(saved));

    // An article added to a restored index is saved as a fresh index saves it, before and after searches.
    const zebra = await zebraParsed();
    const added = SearchIndex.fromSnapshotData(saved);
    added.add(zebra);
    const fresh = await built();
    fresh.add(zebra);
    expect(comparable(added.toSnapshotData())).toEqual(comparable(fresh.toSnapshotData()));
    for (const question of [...QUESTIONS, 'How many people attended the zebra parade in Lisbon?']) {
      expect(answer(added, question).passages).toEqual(answer(fresh, question).passages);
    }
    expect(comparable(added.toSnapshotData())).toEqual(comparable(fresh.toSnapshotData()));

    const changed = SearchIndex.fromSnapshotData(saved);
    changed.remove('iran-de-escalatory-message');
    index.remove('iran-de-escalatory-message');
    expect(comparable(changed.toSnapshotData())).toEqual(comparable(index.toSnapshotData()));
  });

  it('starts from the snapshot and re-indexes only the files that changed since', async () => {
    const first = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir });
    expect(first.loadReport.changes.map((c) => c.change)).toEqual(['added', 'added']);
    await first.close();

    await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle());
    const memory = memoryLogger();
    const second = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, logger: memory.logger });
    expect(memory.entries.some((e) => e.msg === 'index snapshot loaded')).toBe(true);
    expect(second.loadReport.changes).toEqual([
      { file: 'iran-de-escalatory-message.md', change: 'unchanged' },
      { file: 'iran-message-to-biden-administration.md', change: 'unchanged' },
      { file: 'zebra.md', change: 'added' },
    ]);
    expect(second.answer('How many people attended the zebra parade?').passages[0]?.article.id).toBe('zebra');
    await second.close();

    // The updated snapshot now holds the new article too.
    const third = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir });
    expect(third.loadReport.changes.every((c) => c.change === 'unchanged')).toBe(true);
    await third.close();
  });

  it('keeps in the snapshot what each indexed file looked like when read, so later starts can skip unchanged files', async () => {
    const library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir });
    await library.close();
    const read = await readSnapshot(corpus.dataDir);
    const file = 'iran-message-to-biden-administration.md';
    const stats = await stat(path.join(corpus.corpusDir, file));
    expect(read.status === 'loaded' && [...read.stamps.keys()]).toEqual(['iran-de-escalatory-message.md', file]);
    expect(read.status === 'loaded' && read.stamps.get(file)).toMatchObject({ size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino });
  });

  it('sees a change of metadata only (same text) as a change', async () => {
    await writeSnapshot(corpus.dataDir, await built());
    const file = path.join(corpus.corpusDir, 'iran-message-to-biden-administration.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^source: .*$/m, 'source: Another Wire'));
    const library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir });
    expect(library.loadReport.changes.find((c) => c.change !== 'unchanged')).toEqual({
      file: 'iran-message-to-biden-administration.md',
      change: 'changed',
    });
    expect(library.sources().find((s) => s.file === 'iran-message-to-biden-administration.md')?.article.source).toBe('Another Wire');
    await library.close();
  });

  describe('unusable snapshot files are rebuilt from the corpus with a warning', () => {
    const header = (format: number): Buffer => {
      const bytes = Buffer.alloc(20);
      bytes.write('STORYBOT', 0, 'latin1');
      bytes.writeUInt32LE(format, 8);
      return bytes;
    };
    const cases: [string, (valid: Buffer) => Buffer, RegExp][] = [
      ['truncated', (valid) => valid.subarray(0, Math.floor(valid.length / 2)), /truncated/],
      ['damaged', (valid) => Buffer.concat([valid.subarray(0, 100), Buffer.from([valid[100]! ^ 0xff]), valid.subarray(101)]), /damaged/],
      ['foreign JSON', () => Buffer.from(JSON.stringify({ documentCount: 3, index: [] })), /not a storybot index snapshot/],
      ['empty', () => Buffer.alloc(0), /not a storybot index snapshot/],
      ['another format version', () => header(SNAPSHOT_FORMAT + 1), new RegExp(`format ${SNAPSHOT_FORMAT + 1}`)],
      ['an older format version', () => header(0), /format 0/],
    ];
    for (const [name, spoil, reason] of cases) {
      it(name, async () => {
        await writeSnapshot(corpus.dataDir, await built());
        const file = path.join(corpus.dataDir, SNAPSHOT_FILE);
        const spoilt = spoil(await readFile(file));
        expect(() => decodeSnapshot(spoilt)).toThrow(SnapshotError);
        await writeFile(file, spoilt);

        const memory = memoryLogger();
        const library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, logger: memory.logger });
        const warning = memory.entries.find((e) => e.level === WARN && e.msg.includes('snapshot unusable'));
        expect(String(warning?.reason)).toMatch(reason);
        expect(library.loadReport.after).toEqual({ articles: 2, passages: (await built()).passageCount });
        expect(library.answer(QUESTIONS[0]!).passages.length).toBeGreaterThan(0);
        await library.close();
        // And it was replaced by a good snapshot.
        expect((await readSnapshot(corpus.dataDir)).status).toBe('loaded');
      });
    }
  });

  it('survives a writer killed between writing the temporary file and the rename', async () => {
    const index = await built();
    await writeSnapshot(corpus.dataDir, index);
    const before = await stat(path.join(corpus.dataDir, SNAPSHOT_FILE));
    // A dead writer (no such pid) left a complete temporary file, and one that was cut short.
    const stray = `${SNAPSHOT_FILE}.999999999.deadbeef.tmp`;
    await writeFile(path.join(corpus.dataDir, stray), encodeSnapshot(SearchIndex.empty()));
    await writeFile(path.join(corpus.dataDir, `${SNAPSHOT_FILE}.999999998.cafebabe.tmp`), Buffer.from('STORYBOT'));

    const read = await readSnapshot(corpus.dataDir);
    expect(read.status).toBe('loaded');
    expect(read.status === 'loaded' && read.index.passageCount).toBe(index.passageCount);
    expect(await readdir(corpus.dataDir)).toEqual([SNAPSHOT_FILE]);
    expect((await stat(path.join(corpus.dataDir, SNAPSHOT_FILE))).mtimeMs).toBe(before.mtimeMs);
  });

  it('keeps a temporary file of a writer that is still running', async () => {
    await writeSnapshot(corpus.dataDir, await built());
    const live = `${SNAPSHOT_FILE}.${process.pid}.0000aaaa.tmp`;
    await writeFile(path.join(corpus.dataDir, live), 'being written');
    await readSnapshot(corpus.dataDir);
    expect((await readdir(corpus.dataDir)).sort()).toEqual([SNAPSHOT_FILE, live].sort());
  });
});

/** Snapshot data with the postings keyed by term: the order terms are listed in may differ. */
function comparable(data: SearchIndexData): unknown {
  const { mini, ...rest } = data;
  const { terms, postingCounts, postingDocs, postingFreqs, ...counters } = mini;
  const fields = Object.keys(mini.fieldIds).length;
  const postings = new Map<string, number[][]>();
  let at = 0;
  terms.forEach((term, t) => {
    const perField: number[][] = [];
    for (let f = 0; f < fields; f++) {
      const n = postingCounts[t * fields + f] ?? 0;
      perField.push([...postingDocs.subarray(at, at + n)].flatMap((doc, i) => [doc, postingFreqs[at + i] ?? 0]));
      at += n;
    }
    postings.set(term, perField);
  });
  return { ...rest, counters, postings };
}
