import { readFileSync } from 'node:fs';
import { type CacheIdentity, hashWord, readCacheHeader } from './cache-file.js';

/** Typed views over the sections of a cached file (see cache-file.js), by section name. */
export interface CachedSections {
  bytes(name: string): Uint8Array;
  signedBytes(name: string): Int8Array;
  ints(name: string): Uint32Array;
  floats(name: string): Float32Array;
}

/**
 * The sections of `file`, converted first by `convert` when the file is missing, unreadable or of
 * another identity (format version, source versions). Views share the file's bytes where aligned.
 */
export function openCachedSections(file: string, identity: CacheIdentity, convert: () => void): CachedSections {
  let bytes = readIfPresent(file);
  let parsed = bytes && readCacheHeader(bytes, identity);
  if (!parsed) {
    convert();
    bytes = readFileSync(file);
    parsed = readCacheHeader(bytes, identity);
    if (!parsed) throw new Error(`storybot: ${file} is unreadable right after its conversion; delete it and run npm run build-lexicon.`);
  }
  const { header, bodyStart } = parsed;
  const buffer = bytes as Buffer;
  const view = <T>(name: string, make: (data: ArrayBuffer, at: number, length: number) => T): T => {
    const entry = header.sections.find((s) => s.name === name);
    if (!entry) throw new Error(`storybot: ${file} lacks its ${name} section; delete it and run npm run build-lexicon.`);
    const at = buffer.byteOffset + bodyStart + entry.offset;
    // readFileSync's large buffers start aligned; a small one may sit in a shared pool: copy it then.
    if (at % entry.bytes === 0) return make(buffer.buffer as ArrayBuffer, at, entry.length);
    return make(buffer.buffer.slice(at, at + entry.length * entry.bytes) as ArrayBuffer, 0, entry.length);
  };
  return {
    bytes: (name) => view(name, (data, at, length) => new Uint8Array(data, at, length)),
    signedBytes: (name) => view(name, (data, at, length) => new Int8Array(data, at, length)),
    ints: (name) => view(name, (data, at, length) => new Uint32Array(data, at, length)),
    floats: (name) => view(name, (data, at, length) => new Float32Array(data, at, length)),
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The words of a cached file (sections `text`, `wordStarts`, `slots`), found by hashing, decoded only when returned. */
export class WordTable {
  private readonly text: Uint8Array;
  private readonly wordStarts: Uint32Array;
  private readonly slots: Uint32Array;
  private readonly decoded: Array<string | undefined>;
  private readonly decoder = new TextDecoder();

  constructor(sections: CachedSections) {
    this.text = sections.bytes('text');
    this.wordStarts = sections.ints('wordStarts');
    this.slots = sections.ints('slots');
    this.decoded = new Array<string | undefined>(this.size);
  }

  /** How many words the table holds (ids are 0 … size − 1). */
  get size(): number {
    return this.wordStarts.length - 1;
  }

  /** The id of `word`, or undefined when the table lacks it. */
  idOf(word: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let slot = hashWord(word) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return undefined;
      if (this.wordIs(entry - 1, word)) return entry - 1;
    }
  }

  /** The word with this id. */
  wordAt(id: number): string {
    let word = this.decoded[id];
    if (word === undefined) {
      word = this.decoder.decode(this.text.subarray(this.wordStarts[id] ?? 0, this.wordStarts[id + 1] ?? 0));
      this.decoded[id] = word;
    }
    return word;
  }

  /** Whether the word with this id is `word`, comparing its bytes while they are ASCII (most are) before decoding anything. */
  private wordIs(id: number, word: string): boolean {
    const start = this.wordStarts[id] ?? 0;
    const end = this.wordStarts[id + 1] ?? 0;
    // UTF-8 takes at least one byte per UTF-16 code unit.
    if (end - start < word.length) return false;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (code > 0x7f) return this.wordAt(id) === word;
      if (this.text[start + i] !== code) return false;
    }
    return end - start === word.length;
  }
}
