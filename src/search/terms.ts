import { stemmer } from 'stemmer';
import lemmaData from './lemmas.json' with { type: 'json' };
import { loadLexicon } from './lexicon/lexicon.js';
import stopWordData from './stop-words.json' with { type: 'json' };

/** A word of a text, with its offsets. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const STOP_WORDS = new Set(stopWordData.words);

/** Whether a lower-case word is one of the stop words, which carry no meaning a passage could match. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
const LEMMAS = new Map(Object.entries(lemmaData.forms));
/** Numbers written as words, read as their digits, so "three" finds "3" and "3" finds "three". */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  [
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
    'twenty',
  ]
    .map((word, i): [string, string] => [word, String(i + 2)])
    .concat(['thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((word, i) => [word, String((i + 3) * 10)])),
);

/**
 * Bumped whenever the text analysis changes in a way a probe text might not show (word lists, the
 * lexicon's format): a snapshot made by another analysis is rebuilt.
 */
export const ANALYSIS_VERSION = 3;

// Dotted initialisms (U.S., W.S.J.) first, then a letter hyphened to a word (X-rays, e-mail: the letter
// alone means nothing), then words with inner apostrophes (Iran’s, don't).
const WORD = /(?:\p{L}\.){2,}|(?<![\p{L}\p{N}])\p{L}-\p{L}{2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const DOTTED_INITIALISM = /^(?:\p{L}\.){2,}$/u;
const CAPITAL_INITIALISM = /^\p{Lu}{2,5}$/u;

/** Splits a text into word tokens with offsets. Hyphens and slashes separate words, but for a letter hyphened to a word. */
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
 * Other words are lower-cased, folded (é → e, ’ → '), stripped of a possessive or contraction ("who've" → "who"), checked against the
 * stop words, taken to their dictionary form (the irregular forms of lemmas.json, then WordNet's:
 * "bought" → "buy", "getting" → "get", checked against the stop words again), an adverb to the
 * adjective it comes from ("traditionally" → "traditional"), a number word to its digits, and stemmed:
 * one term for the whole inflection family.
 */
function computeTerm(word: string): string | null {
  if (DOTTED_INITIALISM.test(word) || CAPITAL_INITIALISM.test(word)) return word.replace(/\./g, '').toLowerCase();
  let term = fold(word);
  term = term.replace(/'(?:s|ve|re|ll|d|m)$|'$/, '');
  if (term.length < 2 && !/\d/.test(term)) return null;
  if (STOP_WORDS.has(term) || STOP_WORDS.has(fold(word))) return null;
  term = LEMMAS.get(term) ?? dictionaryForm(term);
  if (STOP_WORDS.has(term)) return null;
  term = NUMBER_WORDS.get(term) ?? term;
  return /^\d+$/.test(term) ? term : stemmer(term);
}

/** A word's dictionary form from WordNet, an adverb's its adjective; the word itself when WordNet has none. */
function dictionaryForm(word: string): string {
  // The Porter stemmer leaves adverbs such as "reportedly" as "reportedli": take them to their verb.
  if (/(ed|ing)ly$/.test(word)) return word.slice(0, -2);
  const lexicon = loadLexicon();
  const base = lexicon.baseForms(word)[0];
  if (base === undefined || base.includes(' ')) return word;
  if (base.endsWith('ly')) {
    const adjective = lexicon
      .related(base)
      .find((r) => r.relation === 'pertainym' && !r.word.includes(' ') && base.startsWith(r.word.slice(0, 4)));
    if (adjective) return adjective.word;
  }
  return base;
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
