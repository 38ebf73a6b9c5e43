import { isCommonWord, oneSlipFrom } from './english-frequency.js';
import { loadLexicon } from './lexicon/lexicon.js';
import { isStopWord } from './terms.js';

/** Shortest word mended: shorter ones are as often acronyms one slip from a stop word ("nyt" from "not"). */
const MIN_LENGTH = 4;

/**
 * A question with its lower-case words that are a typing slip of a stop word written as that word
 * ("himelf" → "himself", "becuase" → "because", "whcih" → "which"): a word no dictionary knows counts
 * as a rare key word, which a slip of a filler word must not become. Words of the dictionary, common
 * words and capitalised words (names) stay as typed.
 */
export function withStopWordSlipsMended(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => stopWordMeant(word) ?? word);
}

function stopWordMeant(word: string): string | undefined {
  if (word.length < MIN_LENGTH || word !== word.toLowerCase() || isStopWord(word)) return undefined;
  if (isCommonWord(word) || loadLexicon().isWord(word)) return undefined;
  for (const meant of oneSlipFrom(word)) if (isStopWord(meant)) return meant;
  return undefined;
}
