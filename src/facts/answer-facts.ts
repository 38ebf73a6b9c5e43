import type { AnswerPassage } from '../answer/answer-types.js';
import type { PassageFacts } from './corpus-dates.js';
import type { Fact, FoundFact } from './fact-types.js';

/** The facts of the corpus by article, with offsets into the article body, for any quoted span. */
export interface FactIndex {
  readonly byArticle: ReadonlyMap<string, readonly FoundFact[]>;
}

/** Collects the facts extracted per passage (at index time), each once where passages overlap. */
export function buildFactIndex(passagesWithFacts: readonly PassageFacts[]): FactIndex {
  const byArticle = new Map<string, Map<string, FoundFact>>();
  for (const { passage, facts } of passagesWithFacts) {
    const article = byArticle.get(passage.articleId) ?? new Map<string, FoundFact>();
    byArticle.set(passage.articleId, article);
    for (const { kind, text, normalized, note, start, end } of facts) {
      const found: FoundFact = {
        kind,
        text,
        ...(normalized !== undefined && { normalized }),
        ...(note !== undefined && { note }),
        start: passage.start + start,
        end: passage.start + end,
      };
      article.set(`${kind}:${found.start}:${found.end}`, found);
    }
  }
  return {
    byArticle: new Map([...byArticle].map(([id, facts]) => [id, [...facts.values()].sort((a, b) => a.start - b.start)])),
  };
}

/**
 * The facts within a quoted answer passage — which may join several indexed passages — pointing to
 * it, with offsets into its `text`.
 */
export function factsOfAnswerPassage(quoted: AnswerPassage, index: FactIndex): Fact[] {
  return (index.byArticle.get(quoted.article.id) ?? [])
    .filter((fact) => fact.start >= quoted.start && fact.end <= quoted.end)
    .map((fact) => ({ ...fact, passage: quoted.passageId, start: fact.start - quoted.start, end: fact.end - quoted.start }));
}
