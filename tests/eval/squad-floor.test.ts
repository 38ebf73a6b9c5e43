import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import type { Article } from '../../src/corpus/article.js';
import { SQUAD_DEV_DIR } from '../../src/eval/eval-data.js';
import { Bm25Engine } from '../../src/eval/reference-engines.js';
import { typedInChat } from '../../src/eval/typed-question.js';
import { scoreSquad, type SquadRow } from '../../src/eval/squad-score.js';
import { goldSpans, readSquadQuestions, type SquadQuestion } from '../../src/eval/squad-set.js';
import { splitArticle } from '../../src/passages/split-article.js';
import { SearchIndex } from '../../src/search/search-index.js';

/** Each SQuAD DEV article asked its own questions alone (as `typed`), by storybot's answer() and by the reference BM25. */
async function askEachArticleAlone(typed: (question: string) => string = (question) => question) {
  const questions = await readSquadQuestions(SQUAD_DEV_DIR);
  const dir = path.join(SQUAD_DEV_DIR, 'corpus');
  const storybot: SquadRow[] = [];
  const bm25: SquadRow[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md'))) {
    const article: Article = parseArticle(file, await readFile(path.join(dir, file)));
    const index = SearchIndex.build([article]);
    const reference = new Bm25Engine(splitArticle(article).passages);
    const row = (q: SquadQuestion, passages: SquadRow['passages']): SquadRow => ({
      kind: q.kind,
      article: q.article,
      answers: q.answers,
      gold: q.kind === 'answerable' ? goldSpans(q, article.body) : [],
      passages,
    });
    for (const q of questions.filter((x) => x.article === article.id)) {
      storybot.push(
        row(
          q,
          answer(index, typed(q.q), { limit: 5 }).passages.map((p) => ({ ...p, articleId: p.article.id })),
        ),
      );
      bm25.push(row(q, reference.search(typed(q.q), 5)));
    }
  }
  return { storybot: scoreSquad(storybot), bm25: scoreSquad(bm25) };
}

describe('retrieval quality on the SQuAD DEV split, each article alone (floors)', () => {
  it('beats textbook BM25 at hit@1, answers nearly every answerable question and abstains on questions about other articles', async () => {
    const { storybot, bm25 } = await askEachArticleAlone();
    expect(storybot.hitAt1).toBeGreaterThanOrEqual(1.05 * bm25.hitAt1);
    expect(storybot.answered).toBeGreaterThanOrEqual(0.95);
    const cross = storybot.crossArticle;
    expect(cross && cross.abstained / cross.total).toBeGreaterThanOrEqual(0.85);
  }, 180_000);

  it('keeps most of its lead and answers nearly as often when every question is typed lower-case with a slip in its longest word', async () => {
    const { storybot, bm25 } = await askEachArticleAlone(typedInChat);
    expect(storybot.hitAt1).toBeGreaterThanOrEqual(1.1 * bm25.hitAt1);
    expect(storybot.answered).toBeGreaterThanOrEqual(0.93);
  }, 180_000);
});
