import { FACTS_VERSION, FACT_FIELDS, type ArticleFacts } from '../facts/article-facts.js';

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

/** Joins the articles' facts for a snapshot, yielding now and then (at 100k passages they are a million facts). */
export function* joinFactsSteps(facts: ReadonlyMap<string, ArticleFacts>): Generator<void, SnapshotFactsData> {
  const entries = [...facts];
  yield;
  const records = new Int32Array(entries.reduce((sum, [, f]) => sum + f.records.length, 0));
  const ends = new Uint32Array(entries.reduce((sum, [, f]) => sum + f.ends.length, 0));
  let recordAt = 0;
  let endAt = 0;
  for (const [, f] of entries) {
    records.set(f.records, recordAt);
    recordAt += f.records.length;
    ends.set(f.ends, endAt);
    endAt += f.ends.length;
    yield;
  }
  return {
    version: FACTS_VERSION,
    articleIds: entries.map(([id]) => id),
    texts: entries.map(([, f]) => f.text),
    stringCounts: Uint32Array.from(entries, ([, f]) => f.ends.length),
    factCounts: Uint32Array.from(entries, ([, f]) => f.records.length / FACT_FIELDS),
    ends,
    records,
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
