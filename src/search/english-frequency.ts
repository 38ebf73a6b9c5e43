import { commonWordsIdentity, convertCommonWords, defaultCommonWordsFile } from './lexicon/convert-common-words.js';
import { openCachedSections, WordTable } from './lexicon/cached-sections.js';

let common: WordTable | undefined;

/**
 * Whether a lower-case word is common in everyday English: it occurs at least COMMON_COUNT times in
 * SUBTLEX-US (see convert-common-words.js). Read from the cached word table (about 1 ms, converted at
 * install or on first use).
 */
export function isCommonWord(word: string): boolean {
  common ??= new WordTable(openCachedSections(defaultCommonWordsFile(), commonWordsIdentity(), () => convertCommonWords()));
  return common.idOf(word) !== undefined;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Whether a lower-case word is one typing slip (a letter left out, added, changed or two swapped)
 * away from a common English word: "newsaper" is most likely "newspaper", not a rare word of its own.
 */
export function isSlipOfCommonWord(word: string): boolean {
  for (const meant of oneSlipFrom(word)) if (isCommonWord(meant)) return true;
  return false;
}

/**
 * Longest word looked at for slips: longer than English words ("antidisestablishmentarianism" has 28
 * letters). The slips of a word are some 50 per letter, each as long as the word: a 500-letter "word"
 * would hold the event loop for hundreds of milliseconds.
 */
const LONGEST_SLIPPED_WORD = 30;

/**
 * The lower-case words one typing slip away from a word: a letter left out, added or changed, or two
 * swapped; none for a word longer than LONGEST_SLIPPED_WORD.
 */
export function* oneSlipFrom(word: string): Generator<string> {
  if (word.length > LONGEST_SLIPPED_WORD) return;
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    const after = word.slice(i);
    if (i < word.length) yield before + after.slice(1);
    if (i + 1 < word.length) yield before + (after[1] ?? '') + (after[0] ?? '') + after.slice(2);
    for (const letter of LETTERS) {
      yield before + letter + after;
      if (i < word.length && letter !== after[0]) yield before + letter + after.slice(1);
    }
  }
}
