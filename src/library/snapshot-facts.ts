import { FACTS_VERSION, FACT_FIELDS, type ArticleFacts } from '../facts/article-facts.js';

/** The facts of a snapshot's articles, joined into a few flat arrays (as cheap to save and load as the index's records). */
export interface SnapshotFactsData {
  /** FACTS_VERSION when saved: facts of another version are read again rather than trusted. */
  readonly version: number;
  readonly articleIds: readonly string[];
  /** Per article: how many strings and facts it has in `strings` / `records`. */
  readonly stringCounts: Uint32Array;
  readonly factCounts: Uint32Array;
  readonly strings: readonly string[];
  readonly records: Int32Array;
}

/**
 * Joins the articles' facts for a snapshot, yielding after each article: at 100k passages they are
 * a million facts and their strings, too much to join in one step while answers wait.
 */
export function* joinFactsSteps(facts: ReadonlyMap<string, ArticleFacts>): Generator<void, SnapshotFactsData> {
  const entries = [...facts];
  yield;
  const records = new Int32Array(entries.reduce((sum, [, f]) => sum + f.records.length, 0));
  const strings: string[] = [];
  let at = 0;
  for (const [, f] of entries) {
    records.set(f.records, at);
    at += f.records.length;
    for (const text of f.strings) strings.push(text);
    yield;
  }
  return {
    version: FACTS_VERSION,
    articleIds: entries.map(([id]) => id),
    stringCounts: Uint32Array.from(entries, ([, f]) => f.strings.length),
    factCounts: Uint32Array.from(entries, ([, f]) => f.records.length / FACT_FIELDS),
    strings,
    records,
  };
}

/** The articles' facts of a snapshot (none when they were saved by another version of the extraction). */
export function splitFacts(data: SnapshotFactsData | undefined): Map<string, ArticleFacts> {
  const facts = new Map<string, ArticleFacts>();
  if (data?.version !== FACTS_VERSION) return facts;
  let stringAt = 0;
  let recordAt = 0;
  data.articleIds.forEach((id, i) => {
    const strings = data.stringCounts[i] ?? 0;
    const records = (data.factCounts[i] ?? 0) * FACT_FIELDS;
    facts.set(id, {
      strings: data.strings.slice(stringAt, stringAt + strings),
      records: data.records.subarray(recordAt, recordAt + records),
    });
    stringAt += strings;
    recordAt += records;
  });
  return facts;
}
