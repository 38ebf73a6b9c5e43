import type { Options } from 'minisearch';
import { normalizeTerm, tokenizeWords } from './terms.js';

/** The document MiniSearch indexes for a passage. */
export interface IndexedPassage {
  readonly id: string;
  readonly text: string;
  readonly heading: string;
}

/**
 * The fields indexed for a passage, with their weight in a score: a section heading says what its
 * passages are about, but less than their own words do.
 */
export const FIELD_WEIGHTS: Readonly<Record<keyof Omit<IndexedPassage, 'id'>, number>> = { text: 1, heading: 0.3 };

/**
 * The one set of MiniSearch options used to build and reload the index (`loadJS` must get exactly
 * the options the index was built with). Searches are scored from its postings by `bestMatches`.
 */
export const INDEX_OPTIONS: Options<IndexedPassage> = {
  idField: 'id',
  fields: Object.keys(FIELD_WEIGHTS),
  storeFields: [],
  tokenize: tokenizeWords,
  processTerm: (term) => normalizeTerm(term),
};
