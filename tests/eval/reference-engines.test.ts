import { describe, expect, it } from 'vitest';
import { Bm25Engine, bm25Terms, MiniSearchEngine } from '../../src/eval/reference-engines.js';
import type { Passage } from '../../src/passages/passage.js';

function passages(...texts: string[]): Passage[] {
  return texts.map((text, i) => ({
    id: `a:${i + 1}:0`,
    articleId: 'a',
    paragraph: i + 1,
    heading: null,
    start: 0,
    end: text.length,
    text,
    firstSentence: 0,
    lastSentence: 1,
  }));
}

const CORPUS = passages(
  'The council approved a bike lane on Main Street.',
  'Construction of the bike lane will take six weeks.',
  'The mayor opened the new library on Monday.',
  'Cyclists cycled to the library.',
);

describe('bm25Terms', () => {
  it('lower-cases, drops the stopword package’s English words and Porter-stems', () => {
    expect(bm25Terms('The Cyclists were cycling to THE libraries')).toEqual(['cyclist', 'cycl', 'librari']);
  });
});

describe('the reference Okapi BM25', () => {
  const bm25 = new Bm25Engine(CORPUS);

  it('scores by textbook Okapi: k1 1.2, b 0.75, idf ln(1 + (N − n + ½)/(n + ½)), lengths in indexed terms', () => {
    // "weeks" → "week" is in 1 passage of N = 4; that passage has 6 terms, the mean is 20 / 4 = 5.
    const idf = Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5));
    const [only, ...rest] = bm25.scored('How many weeks?', 5);
    expect(only?.passage.paragraph).toBe(2);
    expect(only?.score).toBeCloseTo((idf * 1 * 2.2) / (1 + 1.2 * (1 - 0.75 + (0.75 * 6) / 5)), 12);
    expect(rest).toEqual([]);
  });

  it('ranks a passage with more of the rare question words first, shorter passages ahead on equal words', () => {
    expect(bm25.search('How long will the bike lane construction take?', 5).map((p) => p.paragraph)).toEqual([2, 1]);
    // "library" is in two passages: the shorter (3 terms) outranks the longer (5 terms).
    expect(bm25.search('Which library?', 5).map((p) => p.paragraph)).toEqual([4, 3]);
  });

  it('matches inflections through the stemmer', () => {
    expect(bm25.search('Who approves bike lanes?', 1).map((p) => p.paragraph)).toEqual([1]);
  });

  it('returns nothing when none of the question’s terms is in the passages, and at most `limit`', () => {
    expect(bm25.search('What is the weather in Paris?', 5)).toEqual([]);
    expect(bm25.search('Who was there?', 5)).toEqual([]); // stop words only
    expect(bm25.search('bike lane library mayor', 2)).toHaveLength(2);
  });
});

describe('the reference MiniSearch (defaults)', () => {
  it('keeps stop words, so it answers a question of stop words only', () => {
    expect(new MiniSearchEngine(CORPUS).search('Who was the one?', 5).length).toBeGreaterThan(0);
  });
});
