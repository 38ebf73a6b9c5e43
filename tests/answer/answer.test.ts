import { beforeAll, describe, expect, it } from 'vitest';
import { answer, MAX_QUESTION_CHARS } from '../../src/answer/answer.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { articleFrom, CORPUS_DIR } from '../helpers.js';

let index: SearchIndex;
let bodies: Map<string, string>;

beforeAll(async () => {
  const { articles } = await loadCorpus(CORPUS_DIR);
  index = SearchIndex.build(articles);
  bodies = new Map(articles.map((a) => [a.id, a.body]));
});

describe('answer', () => {
  it('quotes both articles’ warnings for "who warned whom and when?", with their sources', () => {
    const { passages } = answer(index, 'Who warned whom and when?');
    const top2 = passages.slice(0, 2);
    expect(top2.map((p) => p.article.id).sort()).toEqual(['iran-de-escalatory-message', 'iran-message-to-biden-administration']);
    expect(top2.some((p) => p.text.includes('U.S. officials had warned Iran through back channels'))).toBe(true);
    expect(top2.some((p) => p.text.includes('strong warning in September'))).toBe(true);
    expect(passages.find((p) => p.article.id === 'iran-message-to-biden-administration')?.article.source).toBe(
      'Daily Caller News Foundation',
    );
  });

  it('returns passages that are verbatim slices of their article, with highlights on the matched words', () => {
    for (const p of answer(index, 'How was Soleimani killed?').passages) {
      expect(bodies.get(p.article.id)?.slice(p.start, p.end)).toBe(p.text);
      const words = p.highlights.map((h) => p.text.slice(h.start, h.end).toLowerCase());
      expect(words.length).toBeGreaterThan(0);
      expect(words.every((w) => /soleimani|suleimani|kill|assassinat|murder/.test(w))).toBe(true);
    }
  });

  it.each([
    'What is the weather in Paris today?',
    'Who invented the telephone?',
    'What is the capital of Iran?',
    'Who won the 2020 World Series?',
  ])('returns no passage when nothing in the articles answers %j', (question) => {
    expect(answer(index, question).passages).toEqual([]);
  });

  it('never quotes the same sentence twice', () => {
    for (const question of ['Who warned whom and when?', 'What did Iran tell the Biden administration?', 'Trump Iran']) {
      const { passages } = answer(index, question, { limit: 10 });
      const seen: [string, number, number][] = [];
      for (const p of passages) {
        expect(seen.some(([id, start, end]) => id === p.article.id && p.start < end && start < p.end)).toBe(false);
        seen.push([p.article.id, p.start, p.end]);
      }
    }
  });

  it('answers a follow-up from the earlier question: "when was that?" after "who warned Iran?" finds the warning’s date', () => {
    const [first] = answer(index, 'When was that?', { context: ['Who warned Iran?'] }).passages;
    expect(first?.text).toMatch(/warn/);
    expect(first?.text).toMatch(/September|Months before the election/);
  });

  it('keeps to one article when asked to', () => {
    const { passages } = answer(index, 'Who warned whom and when?', { articleId: 'iran-de-escalatory-message' });
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.every((p) => p.article.id === 'iran-de-escalatory-message')).toBe(true);
  });

  it('finds a name through its other spelling (Suleimani ≈ Soleimani)', () => {
    const only = SearchIndex.build([articleFrom('a.txt', 'A U.S. drone strike killed Maj. Gen. Qassim Suleimani in January 2020.')]);
    expect(answer(only, 'When was Soleimani killed?').passages.map((p) => p.text)).toEqual([
      'A U.S. drone strike killed Maj. Gen. Qassim Suleimani in January 2020.',
    ]);
  });

  it('refuses an empty or overlong question with a message saying what to do', () => {
    expect(() => answer(index, '   ')).toThrow('The question is empty: type a question about the story.');
    expect(() => answer(index, 'x'.repeat(MAX_QUESTION_CHARS + 1))).toThrow(
      `The question is too long (501 characters; at most ${MAX_QUESTION_CHARS}). Ask it more briefly.`,
    );
  });

  it('returns at most the requested number of passages, best first', () => {
    const { passages } = answer(index, 'Trump Iran nuclear', { limit: 2 });
    expect(passages.length).toBeLessThanOrEqual(2);
    expect(passages.map((p) => p.score)).toEqual([...passages.map((p) => p.score)].sort((a, b) => b - a));
  });
});
