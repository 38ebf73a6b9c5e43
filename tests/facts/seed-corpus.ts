import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/corpus/article.js';
import type { PassageFacts } from '../../src/facts/corpus-dates.js';
import { factsOfPassage } from '../../src/facts/extract-facts.js';
import type { Passage } from '../../src/passages/passage.js';
import { splitSentences } from '../../src/passages/sentences.js';

/** Ids of the two seed articles (copies of the project's seed articles, kept in tests/facts/fixtures). */
export const DAILY_CALLER = '000_8f6361c6abce9f26';
export const EXPLAINER = '002_dd461917d129270c';

/** A seed article as the corpus loader would give it, with the publication date the test wants. */
export function seedArticle(id: string, published: string | null = null): Article {
  const file = `${id}.txt`;
  const body = readFileSync(fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url)), 'utf8');
  return {
    id,
    file,
    title: id === DAILY_CALLER ? 'Iran tells Biden administration it will not try to kill Trump' : 'Iran’s de-escalatory message',
    source: id === DAILY_CALLER ? 'Daily Caller News Foundation' : 'unknown',
    url: null,
    published,
    author: null,
    body,
    contentHash: createHash('sha256').update(body).digest('hex'),
  };
}

/** One passage per sentence of the article (the engine's passages hold one to three). */
export function sentencePassages(article: Article): Passage[] {
  const passages: Passage[] = [];
  let offset = 0;
  article.body.split('\n').forEach((line, i) => {
    splitSentences(line).forEach((sentence, n) => {
      const start = offset + sentence.start;
      const end = offset + sentence.end;
      passages.push({
        id: `${article.id}:${i + 1}:${n}`,
        articleId: article.id,
        paragraph: i + 1,
        heading: null,
        start,
        end,
        text: article.body.slice(start, end),
        firstSentence: n,
        lastSentence: n + 1,
      });
    });
    offset += line.length + 1;
  });
  return passages.filter((p) => p.text.trim() !== '');
}

/** Every sentence passage of the articles with its facts, as the index would hold them. */
export function indexedPassages(articles: readonly Article[]): PassageFacts[] {
  return articles.flatMap((article) =>
    sentencePassages(article).map((passage) => ({ passage, facts: factsOfPassage(passage, article.published) })),
  );
}

/** The sentence passage of `article` that contains `words`. */
export function passageWith(article: Article, words: string): Passage {
  const passage = sentencePassages(article).find((p) => p.text.includes(words));
  if (!passage) throw new Error(`no sentence of ${article.id} contains "${words}"`);
  return passage;
}
