import type MiniSearch from 'minisearch';
import type { IndexedPassage } from './index-options.js';

/** One term's postings: per field id, document short id → term frequency. */
export type TermPostings = Map<number, Map<number, number>>;

/**
 * The private fields of a MiniSearch index (minisearch 7.x) that storybot reads and writes: the same
 * ones its own `toJSON` / `loadJS` and `search` use. Why at all: the public snapshot round trip turns
 * every posting into an object key and back (~1.2 s at 100k passages, see mini-snapshot.ts), and the
 * public search builds a result object for every passage a term is in (see bm25.ts). If an upgrade
 * renames them, `internalsOf` throws and the snapshot and search tests fail, rather than anything
 * silently going wrong.
 */
export interface MiniSearchInternals {
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, unknown>;
  _index: {
    get(term: string): TermPostings | undefined;
    set(term: string, data: TermPostings): unknown;
    fuzzyGet(term: string, maxEditDistance: number): Map<string, [TermPostings, number]>;
  } & Iterable<[string, TermPostings]>;
}

/** A MiniSearch index's private fields, checked to be there. */
export function internalsOf(mini: MiniSearch<IndexedPassage>): MiniSearchInternals {
  const internals = mini as unknown as MiniSearchInternals;
  const maps = [internals._documentIds, internals._idToShortId, internals._fieldLength, internals._storedFields];
  if (!maps.every((m) => m instanceof Map) || typeof internals._index?.get !== 'function' || typeof internals._index.set !== 'function') {
    throw new Error('storybot: this minisearch version keeps its index differently; update src/search/mini-internals.ts for it');
  }
  return internals;
}
