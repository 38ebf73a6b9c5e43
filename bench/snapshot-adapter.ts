import { readFile, writeFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import type { Article } from '../src/corpus/article.js';
import type { Passage } from '../src/passages/passage.js';
import type { Paragraph } from '../src/passages/split-article.js';
import { INDEX_OPTIONS, type IndexedPassage } from '../src/search/index-options.js';
import { SearchIndex } from '../src/search/search-index.js';

/** Saves an index to a file and loads it back: what the bench measures as "snapshot". */
export interface SnapshotStore {
  /** Said in the report, so a reader knows what was measured. */
  readonly label: string;
  save(index: SearchIndex, file: string): Promise<void>;
  load(file: string): Promise<SearchIndex>;
}

/** The fields of SearchIndex a snapshot must restore (private in the product; read here by name). */
interface IndexInternals {
  mini: MiniSearch<IndexedPassage>;
  articles: Map<string, { article: Article; paragraphs: readonly Paragraph[]; passages: readonly Passage[] }>;
  passages: Map<string, Passage>;
  traits: Map<string, number>;
  df: Map<string, number>;
}

type StoredPassage = Omit<Passage, 'text'>;

interface ProvisionalFile {
  readonly articles: { article: Article; paragraphs: readonly Paragraph[]; passages: readonly StoredPassage[] }[];
  readonly traits: [string, number][];
  readonly df: [string, number][];
  readonly mini: unknown;
}

/**
 * PROVISIONAL stand-in until src/library/snapshot.ts lands: one JSON file holding the articles,
 * their paragraphs and passages (text left out: it is a slice of the body), the traits, the
 * document frequencies and MiniSearch's own `toJSON`, restored with `MiniSearch.loadJS` into a
 * SearchIndex through its private fields. It shows the cost of a JSON snapshot of this index,
 * not the cost of the product's snapshot format.
 */
export const PROVISIONAL_SNAPSHOT: SnapshotStore = {
  label: 'PROVISIONAL bench adapter (MiniSearch toJSON + articles as JSON), not src/library/snapshot.ts',
  async save(index, file) {
    const internals = index as unknown as IndexInternals;
    const data: ProvisionalFile = {
      articles: [...internals.articles.values()].map((entry) => ({
        article: entry.article,
        paragraphs: entry.paragraphs,
        passages: entry.passages.map(({ text: _text, ...rest }) => rest),
      })),
      traits: [...internals.traits],
      df: [...internals.df],
      mini: internals.mini,
    };
    await writeFile(file, JSON.stringify(data));
  },
  async load(file) {
    const data = JSON.parse(await readFile(file, 'utf8')) as ProvisionalFile;
    const articles: IndexInternals['articles'] = new Map();
    const passages = new Map<string, Passage>();
    for (const entry of data.articles) {
      const restored = entry.passages.map((p) => ({ ...p, text: entry.article.body.slice(p.start, p.end) }));
      for (const passage of restored) passages.set(passage.id, passage);
      articles.set(entry.article.id, { article: entry.article, paragraphs: entry.paragraphs, passages: restored });
    }
    const internals: IndexInternals = {
      mini: MiniSearch.loadJS(data.mini as Parameters<typeof MiniSearch.loadJS>[0], INDEX_OPTIONS),
      articles,
      passages,
      traits: new Map(data.traits),
      df: new Map(data.df),
    };
    return Object.assign(Object.create(SearchIndex.prototype) as SearchIndex, internals);
  },
};

/** The snapshot store the bench measures. Switch to the product's once src/library/snapshot.ts lands. */
export const SNAPSHOT_STORE: SnapshotStore = PROVISIONAL_SNAPSHOT;
