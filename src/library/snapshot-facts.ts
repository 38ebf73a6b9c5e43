import { FACTS_VERSION, FACT_FIELDS, type ArticleFacts } from '../facts/article-facts.js';
import { Concatenation } from '../typed-concatenation.js';

/** The facts of a snapshot's articles, joined into a few flat arrays (as cheap to save and load as the index's records). */
export interface SnapshotFactsData {
  /** FACTS_VERSION when saved: facts of another version are read again rather than trusted. */
  readonly version: number;
  readonly articleIds: readonly string[];
  /** Per article: its facts' strings as one text (see ArticleFacts). */
  readonly texts: readonly string[];
  /** Per article: how many strings and facts it has in `ends` / `records`. */
  readonly stringCounts: Uint32Array;
  readonly factCounts: Uint32Array;
  readonly ends: Uint32Array;
  readonly records: Int32Array;
}

/** SnapshotFactsData as a save writes it: the articles' records and string ends not joined in memory (see Concatenation). */
export type SavedFactsData = Omit<SnapshotFactsData, 'ends' | 'records'> & {
  readonly ends: Concatenation<Uint32Array>;
  readonly records: Concatenation<Int32Array>;
};

/**
 * The articles' facts as a snapshot saves them, an article a step: their typed arrays are written as
 * they are, one after the other (at 100k passages they are a million facts; joining them was 44 MB of
 * new arrays a save, and even a map over the 5,000 articles a step of 10 ms).
 */
export function* savedFactsSteps(facts: ReadonlyMap<string, ArticleFacts>): Generator<void, SavedFactsData> {
  const articleIds: string[] = [];
  const texts: string[] = [];
  const stringCounts = new Uint32Array(facts.size);
  const factCounts = new Uint32Array(facts.size);
  const ends: Uint32Array[] = [];
  const records: Int32Array[] = [];
  for (const [id, f] of facts) {
    stringCounts[articleIds.length] = f.ends.length;
    factCounts[articleIds.length] = f.records.length / FACT_FIELDS;
    articleIds.push(id);
    texts.push(f.text);
    ends.push(f.ends);
    records.push(f.records);
    yield;
  }
  return {
    version: FACTS_VERSION,
    articleIds,
    texts,
    stringCounts,
    factCounts,
    ends: new Concatenation(ends, Uint32Array),
    records: new Concatenation(records, Int32Array),
  };
}

/** The articles' facts of a snapshot (none when they were saved by another version of the extraction). */
export function splitFacts(data: SnapshotFactsData | undefined): Map<string, ArticleFacts> {
  const facts = new Map<string, ArticleFacts>();
  if (data?.version !== FACTS_VERSION) return facts;
  let endAt = 0;
  let recordAt = 0;
  data.articleIds.forEach((id, i) => {
    const strings = data.stringCounts[i] ?? 0;
    const records = (data.factCounts[i] ?? 0) * FACT_FIELDS;
    facts.set(id, {
      text: data.texts[i] ?? '',
      ends: data.ends.subarray(endAt, endAt + strings),
      records: data.records.subarray(recordAt, recordAt + records),
    });
    endAt += strings;
    recordAt += records;
  });
  return facts;
}
