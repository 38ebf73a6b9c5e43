import type { Answer, AnswerPassage, StoryAnswer } from '../answer/answer-types.js';
import { buildFactIndex, factsOfAnswerPassage } from '../facts/answer-facts.js';
import { factsOfPassage } from '../facts/extract-facts.js';
import type { Fact } from '../facts/fact-types.js';
import { groupSameEvents, type WordRarity } from '../facts/same-event.js';
import { buildTimeline, type TimelineEvent } from '../facts/timeline.js';
import type { Passage } from '../passages/passage.js';
import type { SearchIndex } from '../search/search-index.js';
import type { TimelineRequest } from './library-types.js';

/**
 * The facts (names and dates) of passages, extracted once per passage and kept as long as the passage
 * is: keyed by the Passage object, so an article that is re-split after a change is extracted anew and
 * the old entries go with the old passages. Extraction is lazy — the passages an answer quotes, or all
 * of them for a timeline — because name recognition costs about a millisecond a passage, too much to
 * spend on every passage of a large corpus before the first answer.
 */
export class FactStore {
  private readonly byPassage = new WeakMap<Passage, readonly Fact[]>();

  /** The facts of one indexed passage, offsets into its text. */
  factsOf(passage: Passage, index: SearchIndex): readonly Fact[] {
    let facts = this.byPassage.get(passage);
    if (!facts) {
      facts = factsOfPassage(passage, index.article(passage.articleId)?.published ?? null);
      this.byPassage.set(passage, facts);
    }
    return facts;
  }

  /** The answer with the facts of its quotes and the quotes that report the same event. */
  annotate(answer: Answer, index: SearchIndex): StoryAnswer {
    const factsByQuote = new Map(answer.passages.map((quote) => [quote.passageId, this.factsOfQuote(quote, index)]));
    const reports = groupSameEvents(
      answer.passages.map((quote) => ({ id: quote.passageId, articleId: quote.article.id, text: quote.text })),
      factsByQuote,
      { rarity: rarityOf(index) },
    );
    return { ...answer, facts: [...factsByQuote.values()].flat(), reports };
  }

  /** The dated statements of the corpus in chronological order. */
  timeline(index: SearchIndex, request: TimelineRequest = {}): TimelineEvent[] {
    const articles = index.allArticles();
    const passagesWithFacts = articles.flatMap((article) =>
      index.passagesOf(article.id).map((passage) => ({ passage, facts: this.factsOf(passage, index) })),
    );
    return buildTimeline(articles, passagesWithFacts, request);
  }

  /** Facts inside a quote, which may join several indexed passages: pointing to the quote, offsets into its text. */
  private factsOfQuote(quote: AnswerPassage, index: SearchIndex): Fact[] {
    const quoted = index
      .passagesOf(quote.article.id)
      .filter((passage) => passage.start >= quote.start && passage.end <= quote.end)
      .map((passage) => ({ passage, facts: this.factsOf(passage, index) }));
    return factsOfAnswerPassage(quote, buildFactIndex(quoted));
  }
}

/**
 * Word rarity for same-event grouping, read from the search index's document frequencies: free, and
 * over the whole corpus (a rarity over the few quoted passages alone cannot tell telling words from
 * common ones).
 */
export function rarityOf(index: SearchIndex): WordRarity {
  return { documents: index.passageCount, frequency: { get: (term) => index.documentFrequency(term) || undefined } };
}
