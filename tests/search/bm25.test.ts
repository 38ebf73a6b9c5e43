import { readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Passage } from '../../src/passages/passage.js';
import { splitArticle } from '../../src/passages/split-article.js';
import { bestMatches } from '../../src/search/bm25.js';
import { FIELD_WEIGHTS, INDEX_OPTIONS, type IndexedPassage } from '../../src/search/index-options.js';
import { analyseQuestion } from '../../src/search/question.js';
import { CORPUS_DIR, PUBLIC_QUESTIONS, ROOT } from '../helpers.js';

/** MiniSearch's own search with the same terms, weights and field weights: what bestMatches must equal. */
function miniSearchTop(mini: MiniSearch<IndexedPassage>, terms: readonly { term: string; weight: number }[], limit: number) {
  const weights = new Map(terms.map((t) => [t.term, t.weight]));
  return mini
    .search(terms.map((t) => t.term).join(' '), {
      tokenize: (query) => query.split(' '),
      processTerm: (term) => term,
      combineWith: 'OR',
      boost: FIELD_WEIGHTS,
      boostTerm: (term) => weights.get(term) ?? 1,
    })
    .slice(0, limit)
    .map((r) => ({ id: r.id as string, score: r.score }));
}

function indexOf(passages: readonly Passage[]): MiniSearch<IndexedPassage> {
  const mini = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
  mini.addAll(passages.map((p) => ({ id: p.id, text: p.text, heading: p.heading ?? '' })));
  return mini;
}

describe('bestMatches', () => {
  it('finds the same passages, in the same order and with the same scores, as MiniSearch.search — and after removals, as if the removed ones had never been indexed', async () => {
    const { articles } = await loadCorpus(CORPUS_DIR);
    const passages = articles.flatMap((a) => splitArticle(a).passages);
    const sets = [PUBLIC_QUESTIONS, path.join(ROOT, 'tests/fixtures/paraphrase-questions.json')];
    const questions = (
      await Promise.all(sets.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as { questions: { q: string }[] }))
    ).flatMap((set) => set.questions.map((q) => q.q));
    expect(questions.length).toBeGreaterThan(40);
    const compare = (searched: MiniSearch<IndexedPassage>, reference: MiniSearch<IndexedPassage>): void => {
      for (const question of questions) {
        const terms = analyseQuestion(question).terms;
        const ours = bestMatches(searched, terms, 10);
        const theirs = miniSearchTop(reference, terms, 10);
        expect(ours.map((m) => m.id)).toEqual(theirs.map((m) => m.id));
        ours.forEach((m, i) => expect(m.score).toBeCloseTo(theirs[i]?.score ?? NaN, 9));
      }
    };
    const mini = indexOf(passages);
    compare(mini, mini);

    // Discarded passages stay in MiniSearch's postings until it vacuums: they must be neither found nor counted.
    const kept = passages.filter((_, i) => i % 3 !== 0);
    for (const passage of passages.filter((_, i) => i % 3 === 0)) mini.discard(passage.id);
    compare(mini, indexOf(kept));

    // Indexed again, they come back under new ids, read with their own lengths.
    const back = passages.filter((_, i) => i % 3 === 0);
    mini.addAll(back.map((p) => ({ id: p.id, text: p.text, heading: p.heading ?? '' })));
    compare(mini, indexOf([...kept, ...back]));
  });

  it('keeps only the passages the filter accepts, the best first', async () => {
    const { articles } = await loadCorpus(CORPUS_DIR);
    const mini = indexOf(articles.flatMap((a) => splitArticle(a).passages));
    const terms = analyseQuestion('Who warned whom about an attack on Trump?').terms;
    const first = articles[0]!.id;
    const only = bestMatches(mini, terms, 5, (id) => id.startsWith(`${first}:`));
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((m) => m.id.startsWith(`${first}:`))).toBe(true);
    expect(only.map((m) => m.score)).toEqual([...only.map((m) => m.score)].sort((a, b) => b - a));
  });
});
