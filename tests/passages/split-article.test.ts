import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { articleIdOfPassage } from '../../src/passages/passage.js';
import { splitBlocks } from '../../src/passages/blocks.js';
import { MAX_PASSAGE_CHARS, MAX_PASSAGES_PER_ARTICLE, splitArticle } from '../../src/passages/split-article.js';
import { articleFrom, CORPUS_DIR } from '../helpers.js';

describe('splitArticle', () => {
  it('makes every passage of the real corpus a verbatim slice of its article, at most 600 characters', async () => {
    const { articles } = await loadCorpus(CORPUS_DIR);
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) {
      const { passages } = splitArticle(article);
      expect(passages.length).toBeGreaterThan(0);
      for (const passage of passages) {
        expect(passage.text).toBe(article.body.slice(passage.start, passage.end));
        expect(passage.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
        expect(passage.text).toBe(passage.text.trim());
      }
    }
  });

  it('gives every passage a unique id that names its article, even an article id with colons in it', () => {
    const long = `${'A very long sentence about diplomacy and deterrence that goes on '.repeat(12)}until it ends.`;
    const article = { ...articleFrom('x.md', `First. Second one.\n\n${long}`), id: 'wire:2024:iran' };
    const ids = splitArticle(article).passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => id.includes('.'))).toBe(true); // an overlong sentence cut in pieces
    expect(ids.map(articleIdOfPassage)).toEqual(ids.map(() => 'wire:2024:iran'));
  });

  it('keeps passages verbatim and within the length limit for any text (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}[.,!?]?$/);
    const line = fc.array(word, { minLength: 0, maxLength: 150 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const body = lines.join('\n');
        if (body.trim() === '') return;
        const article = articleFrom('generated.txt', body);
        for (const passage of splitArticle(article).passages) {
          expect(passage.text).toBe(article.body.slice(passage.start, passage.end));
          expect(passage.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
          expect(passage.text.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('recognises headings and keeps them as the context of the passages under them', () => {
    const article = articleFrom(
      'a.md',
      'Opening paragraph of the story, with a full sentence.\nThe Context of Retaliation\nIn January 2020, a drone strike killed a general.\n- Regional Instability: any escalation could impact allies.',
    );
    const { passages } = splitArticle(article);
    expect(passages.map((p) => [p.text, p.heading, p.paragraph])).toEqual([
      ['Opening paragraph of the story, with a full sentence.', null, 1],
      ['In January 2020, a drone strike killed a general.', 'The Context of Retaliation', 3],
      ['Regional Instability: any escalation could impact allies.', 'The Context of Retaliation', 4],
    ]);
  });

  it('joins a short fragment to the sentence before it', () => {
    const article = articleFrom(
      'a.txt',
      'Iran notified the administration on Oct. 14 that it would not do so, officials said. said W.S.J. The next sentence is long enough to stand alone.',
    );
    expect(splitArticle(article).passages.map((p) => p.text)).toEqual([
      'Iran notified the administration on Oct. 14 that it would not do so, officials said. said W.S.J.',
      'The next sentence is long enough to stand alone.',
    ]);
  });

  it('cuts an overlong sentence on a word boundary', () => {
    const article = articleFrom('a.txt', `${'word '.repeat(300).trim()}.`);
    const { passages } = splitArticle(article);
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(passages.map((p) => p.text).join(' ')).toBe(article.body);
  });

  it('finds the same paragraphs in a long article as one pass over all its lines would', () => {
    // ~120 KB: read in several chunks of lines, yet every paragraph keeps its number and offsets.
    const lines = Array.from({ length: 1500 }, (_, i) =>
      i % 10 === 0 ? `Part ${i}` : `Line ${i} says something about talks in week ${i % 52}. Another sentence follows it here.`,
    );
    const article = articleFrom('long.md', lines.join('\n'));
    const expected = splitBlocks(article.body).flatMap((block, i) =>
      block.kind === 'heading' ? [] : [{ number: i + 1, start: block.start, end: block.end }],
    );
    const { paragraphs, passages } = splitArticle(article);
    expect(passages.length).toBeLessThan(MAX_PASSAGES_PER_ARTICLE);
    expect(paragraphs.map(({ number, start, end }) => ({ number, start, end }))).toEqual(expected);
  });

  it('stops at MAX_PASSAGES_PER_ARTICLE passages for a huge article of one-word lines, keeping its start', () => {
    // ~850 KB: without the bound, well over 100,000 passages.
    const body = Array.from({ length: 120_000 }, (_, i) => `Word${i % 7}.`).join('\n');
    const article = articleFrom('huge.txt', body);
    const { paragraphs, passages } = splitArticle(article);
    expect(passages).toHaveLength(MAX_PASSAGES_PER_ARTICLE);
    expect(paragraphs.length).toBeLessThanOrEqual(MAX_PASSAGES_PER_ARTICLE);
    expect(passages[0]?.text).toBe('Word0.');
    for (const passage of passages) expect(passage.text).toBe(article.body.slice(passage.start, passage.end));
  });
});
