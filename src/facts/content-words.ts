import { normalizeTerm, tokenize } from '../search/terms.js';

/**
 * Words that say who told or how, not what happened ("said", "according", "reportedly"), beyond the
 * search's stop words. Held as index terms, so "told" and "tell" are one.
 */
const REPORTING_TERMS: ReadonlySet<string> = new Set(
  ['said', 'told', 'according', 'reportedly', 'still', 'however', 'additionally', 'despite', 'since', 'rather', 'even', 'like', 'including']
    .map(normalizeTerm)
    .filter((term): term is string => term !== null),
);

/** A word of a text with its offsets, its index term (as the search normalizes it), and whether it carries content. */
export interface Word {
  readonly start: number;
  readonly end: number;
  readonly stem: string;
  readonly content: boolean;
}

/**
 * The words of `text` in order, normalized exactly as the search index does (so word rarity can be
 * read from the index's document frequencies): stop words and reporting words carry no content,
 * nor do small numbers.
 */
export function wordsOf(text: string): Word[] {
  return tokenize(text).map(({ text: word, start, end }) => {
    const term = normalizeTerm(word);
    const content = term !== null && !REPORTING_TERMS.has(term) && !/^\d{1,3}$/.test(term);
    return { start, end, stem: term ?? word.toLowerCase(), content };
  });
}

/** The distinct index terms of the content words of `text` ("indicted" and "indictments" → "indict"). */
export function contentStems(text: string): Set<string> {
  return new Set(
    wordsOf(text)
      .filter((w) => w.content)
      .map((w) => w.stem),
  );
}
