// The container of the lexical resources' cached files (the WordNet lexicon): typed
// arrays that a reader maps without parsing, and a word table that it probes without building a Map
// (a Map of 150k strings costs more than the rest of a load). Plain JavaScript so that the converters
// run without tsx (npm's `prepare`).
//
// Layout (native byte order: the file is a per-machine cache, rebuilt when stale):
//   bytes 0–3 "SBLX", 4–7 format version (uint32), 8–11 header length in bytes (uint32),
//   then the header (UTF-8 JSON, see CacheHeader), padded to 4 bytes, then the sections it lists.
import { Buffer } from 'node:buffer';
import { closeSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const MAGIC = 'SBLX';
const PREFIX_BYTES = 12;

/**
 * What a reader expects of a file: a file of another format version or fingerprint is stale.
 * @typedef {{ version: number, fingerprint: string }} CacheIdentity
 */
/** @typedef {{ name: string, offset: number, length: number, bytes: number }} SectionEntry */
/** @typedef {CacheIdentity & { sections: SectionEntry[] }} CacheHeader */

/**
 * Writes `sections` to `file` atomically (a temporary file renamed over it), so a reader never sees half a file.
 * @param {string} file
 * @param {CacheIdentity} identity
 * @param {Record<string, Uint8Array | Int8Array | Uint32Array | Float32Array>} sections
 * @returns {number} bytes written
 */
export function writeCacheFile(file, identity, sections) {
  /** @type {SectionEntry[]} */
  const layout = [];
  let offset = 0;
  for (const [name, array] of Object.entries(sections)) {
    layout.push({ name, offset, length: array.length, bytes: array.BYTES_PER_ELEMENT });
    offset = align4(offset + array.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ ...identity, sections: layout }), 'utf8');
  const bodyStart = align4(PREFIX_BYTES + header.length);
  const bytes = Buffer.alloc(bodyStart + offset);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(identity.version, 4);
  bytes.writeUInt32LE(header.length, 8);
  header.copy(bytes, PREFIX_BYTES);
  for (const { name, offset: at } of layout) {
    const array = /** @type {Uint8Array} */ (sections[name]);
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(bytes, bodyStart + at);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
  return bytes.length;
}

/**
 * The header of a cached file and where its body starts, or undefined when the bytes are no current
 * file of that identity (another magic, format version or fingerprint; truncated).
 * @param {Uint8Array} start the file's first bytes (at least the whole header)
 * @param {CacheIdentity} expected
 * @returns {{ header: CacheHeader, bodyStart: number } | undefined}
 */
export function readCacheHeader(start, expected) {
  const bytes = Buffer.from(start.buffer, start.byteOffset, start.byteLength);
  if (bytes.length < PREFIX_BYTES || bytes.toString('latin1', 0, 4) !== MAGIC || bytes.readUInt32LE(4) !== expected.version)
    return undefined;
  const headerBytes = bytes.readUInt32LE(8);
  if (bytes.length < PREFIX_BYTES + headerBytes) return undefined;
  /** @type {CacheHeader} */
  let header;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  } catch {
    return undefined;
  }
  if (header.fingerprint !== expected.fingerprint) return undefined;
  return { header, bodyStart: align4(PREFIX_BYTES + headerBytes) };
}

/**
 * Whether `file` exists and is a current file of that identity (reads its header only).
 * @param {string} file
 * @param {CacheIdentity} expected
 * @returns {boolean}
 */
export function cacheFileIsCurrent(file, expected) {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const prefix = Buffer.alloc(PREFIX_BYTES);
    if (readSync(fd, prefix, 0, PREFIX_BYTES, 0) < PREFIX_BYTES || prefix.toString('latin1', 0, 4) !== MAGIC) return false;
    const whole = Buffer.alloc(PREFIX_BYTES + prefix.readUInt32LE(8));
    readSync(fd, whole, 0, whole.length, 0);
    return readCacheHeader(whole, expected) !== undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The sections of a word table for `words` (ids are their positions): `text` (their UTF-8, back to
 * back), `wordStarts` (n + 1 byte offsets into text) and `slots`, an open-addressing hash table of
 * id + 1 (0 = empty) with at least twice as many slots as words, probed with hashWord.
 * @param {readonly string[]} words
 * @returns {{ text: Uint8Array, wordStarts: Uint32Array, slots: Uint32Array }}
 */
export function wordTableSections(words) {
  const text = Buffer.from(words.join(''), 'utf8');
  const wordStarts = new Uint32Array(words.length + 1);
  let at = 0;
  words.forEach((word, id) => {
    wordStarts[id] = at;
    at += Buffer.byteLength(word, 'utf8');
  });
  wordStarts[words.length] = at;
  const slots = new Uint32Array(2 ** Math.ceil(Math.log2(Math.max(2, words.length * 2))));
  const mask = slots.length - 1;
  words.forEach((word, id) => {
    let slot = hashWord(word) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = id + 1;
  });
  return { text, wordStarts, slots };
}

/**
 * FNV-1a over a word's UTF-16 code units: the word table is built and probed with it.
 * @param {string} word
 * @returns {number} unsigned 32-bit
 */
export function hashWord(word) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** @param {number} n */
function align4(n) {
  return (n + 3) & ~3;
}
