import { normalizeTerm, tokenizeWords } from './terms.js';

/** Marks a word without meaning for search (a stop word) in a passage's word terms. */
const NO_TERM = -1;

/**
 * The index terms of a corpus by number, so that each passage keeps its words' terms as an Int32Array
 * (NO_TERM for words without meaning), worked out once when it is indexed and kept in the snapshot:
 * tokenising and normalising the passages a question reads was most of its time at 100k passages.
 * Terms are only ever added (an article removed leaves its terms; they cost a few bytes each).
 */
export class TermTable {
  private idsByTerm: Map<string, number> | undefined;

  /** `terms` as a snapshot kept them: their position is their number. */
  constructor(private readonly terms: string[] = []) {}

  /** All terms, by number (what a snapshot keeps). */
  get all(): readonly string[] {
    return this.terms;
  }

  /** The term with this number. */
  termAt(id: number): string | null {
    return id === NO_TERM ? null : (this.terms[id] ?? null);
  }

  /** The numbers of a text's words' terms, in order, NO_TERM for words without meaning. */
  wordTermsOf(text: string): Int32Array {
    const words = tokenizeWords(text);
    const ids = new Int32Array(words.length);
    words.forEach((word, i) => {
      const term = normalizeTerm(word);
      ids[i] = term === null ? NO_TERM : this.idOf(term);
    });
    return ids;
  }

  private idOf(term: string): number {
    // Made on first use: a restored index that is only asked questions never needs it.
    this.idsByTerm ??= new Map(this.terms.map((t, i) => [t, i]));
    let id = this.idsByTerm.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.idsByTerm.set(term, id);
    }
    return id;
  }
}
