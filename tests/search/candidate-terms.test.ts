import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { CANDIDATE_POSTINGS_BUDGET, candidateTerms, termSequence, type RankingStats } from '../../src/search/rank.js';
import type { QueryTerm } from '../../src/search/question.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { articleFrom } from '../helpers.js';

const term = (name: string, synonym = false): QueryTerm => ({
  term: name,
  weight: synonym ? 0.4 : 1,
  origins: [name],
  synonym,
  credit: synonym ? 0.7 : 1,
  context: false,
});
const statsWith = (df: Record<string, number>): RankingStats => ({
  documentFrequency: (t) => df[t] ?? 0,
  passageCount: 100_000,
  averagePassageLength: 20,
  traitsOf: () => 0,
  neighboursOf: () => [],
  wordsOf: () => ({ terms: termSequence([]), hasForm: () => false, forms: () => new Set<string>() }),
});

describe('candidateTerms', () => {
  it('keeps every term of a small corpus', () => {
    const terms = [term('warn'), term('iran'), term('threat', true)];
    expect(candidateTerms(terms, statsWith({ warn: 3, iran: 30, threat: 2 }))).toHaveLength(3);
  });

  it('leaves out the most common terms when their postings exceed the budget, rarest first', () => {
    const chosen = candidateTerms([term('sai'), term('zebra'), term('cross')], statsWith({ sai: 36_000, zebra: 40, cross: 900 }));
    expect(chosen.map((t) => t.term)).toEqual(['zebra', 'cross']);
  });

  it('takes the question’s own terms before rarer synonyms', () => {
    const chosen = candidateTerms(
      [term('inform'), term('sleep'), term('notifi', true)],
      statsWith({ inform: 600, sleep: 1390, notifi: 60 }),
    );
    expect(chosen.map((t) => t.term)).toEqual(['inform', 'sleep']);
  });

  it('keeps the two rarest own terms even a little over the budget, and at least the rarest one', () => {
    const two = candidateTerms([term('crazi'), term('sit')], statsWith({ crazi: 1200, sit: 1900 }));
    expect(two.map((t) => t.term)).toEqual(['crazi', 'sit']);
    const one = candidateTerms([term('sai'), term('time')], statsWith({ sai: 36_000, time: 20_000 }));
    expect(one.map((t) => t.term)).toEqual(['time']);
  });
});

describe('answer on a corpus where a question word is everywhere', () => {
  it('still finds the one passage that has all the question’s words', () => {
    const filler = Array.from({ length: CANDIDATE_POSTINGS_BUDGET + 500 }, (_, i) => `Officials said item ${i} was on the agenda.`);
    const index = SearchIndex.build([
      articleFrom('filler.txt', filler.join('\n')),
      articleFrom('zebra.txt', 'The mayor said the zebra crossing on Main Street would be repainted in May.'),
    ]);
    const { passages } = answer(index, 'What was said about the zebra crossing?');
    expect(passages[0]?.text).toBe('The mayor said the zebra crossing on Main Street would be repainted in May.');
  });
});
