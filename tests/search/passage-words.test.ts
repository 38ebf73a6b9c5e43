import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/search/search-index.js';
import { normalizeTerm } from '../../src/search/terms.js';
import { articleFrom } from '../helpers.js';

describe('a passage’s words', () => {
  const article = articleFrom('a.md', 'Iran’s message reached the White House on Oct. 14, officials said.');
  const index = SearchIndex.build([article]);
  const passage = index.passagesOf(article.id)[0];
  if (!passage) throw new Error('the fixture has no passage');
  const words = index.wordsOf(passage);

  it('gives its index terms in order, null for words without meaning', () => {
    const terms = Array.from({ length: words.terms.length }, (_, at) => words.terms.termAt(at));
    expect(terms.slice(0, 4)).toEqual([normalizeTerm('Iran’s'), normalizeTerm('message'), normalizeTerm('reached'), null]);
  });

  it('finds a word as written only as a whole word, a possessive being part of it', () => {
    expect(words.hasForm('message')).toBe(true);
    expect(words.hasForm('white')).toBe(true);
    expect(words.hasForm('mess')).toBe(false);
    expect(words.hasForm('iran')).toBe(false);
    expect(words.hasForm('iran’s')).toBe(true);
    expect(words.forms().has('officials')).toBe(true);
  });
});
