import { describe, expect, it } from 'vitest';
import type { AnswerPassage } from '../../src/answer/answer-types.js';
import { buildFactIndex, factsOfAnswerPassage } from '../../src/facts/answer-facts.js';
import { mergeFacts } from '../../src/facts/merge-facts.js';
import { DAILY_CALLER, indexedPassages, passageWith, seedArticle } from './seed-corpus.js';

const article = seedArticle(DAILY_CALLER, '2024-11');
const index = buildFactIndex(indexedPassages([article]));

/** An answer quote covering the body from the start of one sentence to the end of another. */
const quote = (fromWords: string, toWords: string): AnswerPassage => {
  const from = passageWith(article, fromWords);
  const to = passageWith(article, toWords);
  return {
    passageId: from.id,
    text: article.body.slice(from.start, to.end),
    highlights: [],
    article: { id: article.id, title: article.title, source: article.source, url: null, published: article.published },
    paragraph: from.paragraph,
    heading: null,
    start: from.start,
    end: to.end,
    score: 1,
  };
};

describe('factsOfAnswerPassage', () => {
  it('gives the facts of a quote that joins two sentences, pointing to the quote, offsets into its text', () => {
    const quoted = quote('For years, U.S. intelligence agencies', 'Months before the election');
    const facts = factsOfAnswerPassage(quoted, index);
    expect(facts.map((f) => f.normalized ?? f.text)).toEqual(expect.arrayContaining(['Qassem Soleimani', 'Months before the election']));
    for (const fact of facts) {
      expect(fact.passage).toBe(quoted.passageId);
      expect(quoted.text.slice(fact.start, fact.end)).toBe(fact.text);
    }
  });

  it('gives nothing from outside the quote', () => {
    const facts = factsOfAnswerPassage(quote('Iran notified the Biden administration', 'Iran notified the Biden administration'), index);
    expect(facts.map((f) => f.text)).not.toContain('Months before the election');
    expect(mergeFacts(facts).map((f) => [f.kind, f.normalized])).toEqual([
      ['org', 'Biden administration'],
      ['org', 'The Wall Street Journal'],
      ['place', 'Iran'],
      ['date', '2024-10-14'],
    ]);
  });
});
