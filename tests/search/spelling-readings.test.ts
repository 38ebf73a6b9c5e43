import { describe, expect, it } from 'vitest';
import { expandForCorpus } from '../../src/search/expand.js';
import { analyseQuestion } from '../../src/search/question.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { normalizeTerm } from '../../src/search/terms.js';
import { articleFrom } from '../helpers.js';

describe('reading a typing slip', () => {
  const index = SearchIndex.build([articleFrom('a.md', 'The long meeting ended early.\n\nThe system is complex and slow.')]);
  const creditOf = (question: string, word: string): number | undefined =>
    expandForCorpus(analyseQuestion(question), index).terms.find((t) => t.term === normalizeTerm(word))?.credit;

  it('trusts a slip less when it is one slip from several words and the articles hold only one of them', () => {
    // "encded" is one slip from "ended" and from "encoded"; "complxity" only from "complexity".
    const ended = creditOf('when was the meeting encded', 'ended');
    const complex = creditOf('why is the complxity high', 'complexity');
    expect(complex).toBe(0.8);
    expect(ended).toBeGreaterThan(0.4);
    expect(ended).toBeLessThan(complex ?? 0);
  });
});
