import type { Options } from 'minisearch';
import { normalizeTerm, tokenizeWords } from './terms.js';

/** The document MiniSearch indexes for a passage. */
export interface IndexedPassage {
  readonly id: string;
  readonly text: string;
  readonly heading: string;
}

/**
 * The one set of MiniSearch options used to build, search and reload the index
 * (`loadJSON` must get exactly the options the index was built with).
 * Search gets already-analysed terms (see `analyseQuestion`), so it only splits on spaces.
 */
export const INDEX_OPTIONS: Options<IndexedPassage> = {
  idField: 'id',
  fields: ['text', 'heading'],
  storeFields: [],
  tokenize: tokenizeWords,
  processTerm: (term) => normalizeTerm(term),
  searchOptions: {
    tokenize: (query) => query.split(' '),
    processTerm: (term) => term,
    combineWith: 'OR',
    // A section heading says what its passages are about, but less than their own words do.
    boost: { text: 1, heading: 0.3 },
  },
};
