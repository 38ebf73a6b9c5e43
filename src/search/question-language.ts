import { isCommonWord } from './english-frequency.js';

/** Least share of a question's ordinary words that must be English for it to be read as English. */
const MIN_ENGLISH_SHARE = 0.5;
/** Fewer ordinary words than this say too little about the language. */
const MIN_WORDS = 3;

/**
 * Whether a question is clearly not English: most of its letters are of another script (Cyrillic,
 * Arabic, Han…), or most of its ordinary words — names (capitalised within it) and words of one or
 * two letters aside — are not common English ("¿Quién advirtió a Irán y cuándo?").
 */
export function isClearlyNotEnglish(question: string): boolean {
  const letters = question.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return false;
  const latin = letters.replace(/[^\p{Script=Latin}]/gu, '').length;
  if (latin / letters.length < 0.5) return true;
  // Words of one or two letters ("a", "y", "et") are shared by too many languages to tell.
  const words = (question.match(/\p{L}+/gu) ?? []).filter((word, i) => word.length > 2 && (i === 0 || !/^\p{Lu}/u.test(word)));
  if (words.length < MIN_WORDS) return false;
  const english = words.filter((word) => isCommonWord(word.toLowerCase())).length;
  return english / words.length < MIN_ENGLISH_SHARE;
}
