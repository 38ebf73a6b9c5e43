import type { AnalysedQuestion, QueryTerm } from './question.js';

/** What expanding a question needs to know of the corpus. */
export interface Vocabulary {
  /** Number of passages containing a term. */
  documentFrequency(term: string): number;
  /** Index terms within an edit distance of a term, with their distance. */
  termsNear(term: string, maxDistance: number): ReadonlyMap<string, number>;
}

/** Credit of a corrected spelling, per edit: a near spelling is most likely what was meant, not certainly. */
const SPELLING_CREDIT = [1, 0.8, 0.6] as const;
/** Shortest term corrected with one edit, and with two: short words have too many neighbours. */
const ONE_EDIT_FROM = 5;
const TWO_EDITS_FROM = 8;
/** Most corrections taken for one term: beyond that the spelling says too little. */
const MAX_CORRECTIONS = 3;

/**
 * Fits a question to the corpus it is asked of: a question term the corpus lacks, long enough to
 * tell apart, also looks for the corpus's terms within one edit (two for long words) — a misspelt
 * name or rare word ("Pezeshkain", "philogiston") still finds its passages, with a damped credit.
 * Terms the corpus has are never "corrected".
 */
export function expandForCorpus(question: AnalysedQuestion, vocabulary: Vocabulary): AnalysedQuestion {
  const added: QueryTerm[] = [];
  const known = new Set(question.terms.map((t) => t.term));
  for (const term of question.terms) {
    if (term.synonym || vocabulary.documentFrequency(term.term) > 0 || /\d/.test(term.term)) continue;
    for (const [near, distance] of spellingsNear(term.term, vocabulary)) {
      if (known.has(near)) continue;
      known.add(near);
      const credit = SPELLING_CREDIT[distance] ?? 0;
      added.push({ term: near, weight: term.weight * credit, origins: term.origins, synonym: true, credit, context: term.context });
    }
  }
  return added.length === 0 ? question : { ...question, terms: [...question.terms, ...added] };
}

/** The corpus's terms nearest to a term it lacks, nearest and most frequent first. */
function spellingsNear(term: string, vocabulary: Vocabulary): [string, number][] {
  const maxDistance = term.length >= TWO_EDITS_FROM ? 2 : term.length >= ONE_EDIT_FROM ? 1 : 0;
  if (maxDistance === 0) return [];
  return [...vocabulary.termsNear(term, maxDistance)]
    .filter(([near, distance]) => distance > 0 && near.length >= ONE_EDIT_FROM - 1 && sameFirstLetter(term, near))
    .sort((a, b) => a[1] - b[1] || vocabulary.documentFrequency(b[0]) - vocabulary.documentFrequency(a[0]))
    .slice(0, MAX_CORRECTIONS);
}

/** People rarely mistype a word's first letter; requiring it keeps corrections plausible. */
function sameFirstLetter(a: string, b: string): boolean {
  return a.charAt(0) === b.charAt(0);
}
