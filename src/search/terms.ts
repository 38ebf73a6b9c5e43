import { stemmer } from 'stemmer';
import lemmaData from './lemmas.json' with { type: 'json' };
import stopWordData from './stop-words.json' with { type: 'json' };

/** A word of a text, with its offsets. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const STOP_WORDS = new Set(stopWordData.words);
const LEMMAS = new Map(Object.entries(lemmaData.forms));

// Dotted initialisms (U.S., W.S.J.) first, then words with inner apostrophes (Iran’s, don't).
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const DOTTED_INITIALISM = /^(?:\p{L}\.){2,}$/u;
const CAPITAL_INITIALISM = /^\p{Lu}{2,5}$/u;

/** Splits a text into word tokens with offsets. Hyphens and slashes separate words. */
export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Splits a text into words, for MiniSearch's `tokenize` option. */
export function tokenizeWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Words remembered by `normalizeTerm`; cleared when full, which bounds its memory. */
const TERM_CACHE_SIZE = 200_000;
const termCache = new Map<string, string | null>();

/**
 * Turns a word into its index term, or null for words that carry no meaning for search (see
 * `computeTerm`). Remembered per word: stemming costs about 1.5 µs and every indexed and re-ranked
 * word passes here, while a corpus has far fewer distinct words than words.
 */
export function normalizeTerm(word: string): string | null {
  let term = termCache.get(word);
  if (term === undefined) {
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    term = computeTerm(word);
    termCache.set(word, term);
  }
  return term;
}

/**
 * Turns a word into its index term (uncached), or null for words that carry no meaning for search.
 * Initialisms (U.S., WSJ) keep their letters and are never stop words, so "U.S." ≠ "us".
 * Other words are lower-cased, folded (é → e, ’ → '), stripped of a possessive,
 * checked against the stop words, mapped through the irregular forms and stemmed.
 */
function computeTerm(word: string): string | null {
  if (DOTTED_INITIALISM.test(word) || CAPITAL_INITIALISM.test(word)) return word.replace(/\./g, '').toLowerCase();
  let term = fold(word);
  term = term.replace(/'s$|'$/, '');
  if (term.length < 2 && !/\d/.test(term)) return null;
  if (STOP_WORDS.has(term) || STOP_WORDS.has(fold(word))) return null;
  term = LEMMAS.get(term) ?? term;
  // The Porter stemmer leaves adverbs such as "reportedly" as "reportedli": take them to their verb.
  term = term.replace(/(ed|ing)ly$/, '$1');
  return /^\d+$/.test(term) ? term : stemmer(term);
}

/** Normalizes every word of a text, dropping those without meaning. */
export function normalizeText(text: string): string[] {
  const terms: string[] = [];
  for (const word of tokenizeWords(text)) {
    const term = normalizeTerm(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}
