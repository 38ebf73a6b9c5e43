import type { Passage } from '../passages/passage.js';
import { MAX_PASSAGE_CHARS } from '../passages/split-article.js';
import type { RankedPassage } from '../search/rank.js';

/** A stretch of one paragraph to quote: one passage, or adjacent passages joined. */
export interface Quote {
  /** The best-ranked passage in it (its id and score stand for the quote). */
  readonly lead: Passage;
  readonly articleId: string;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly firstSentence: number;
  readonly lastSentence: number;
  readonly score: number;
}

/**
 * Picks up to `limit` quotes from ranked passages, best first. A passage next to one already picked
 * in the same paragraph is joined to it (while the quote stays within MAX_PASSAGE_CHARS) rather
 * than shown apart, and no sentence is ever quoted twice.
 */
export function assembleQuotes(ranked: readonly RankedPassage[], limit: number): Quote[] {
  const quotes: Quote[] = [];
  for (const { passage, score } of ranked) {
    const sameParagraph = quotes.filter((q) => q.articleId === passage.articleId && q.paragraph === passage.paragraph);
    if (sameParagraph.some((q) => passage.firstSentence < q.lastSentence && q.firstSentence < passage.lastSentence)) continue;
    const neighbour = sameParagraph.find((q) => q.lastSentence === passage.firstSentence || passage.lastSentence === q.firstSentence);
    if (neighbour && Math.max(neighbour.end, passage.end) - Math.min(neighbour.start, passage.start) <= MAX_PASSAGE_CHARS) {
      quotes[quotes.indexOf(neighbour)] = {
        ...neighbour,
        start: Math.min(neighbour.start, passage.start),
        end: Math.max(neighbour.end, passage.end),
        firstSentence: Math.min(neighbour.firstSentence, passage.firstSentence),
        lastSentence: Math.max(neighbour.lastSentence, passage.lastSentence),
      };
      continue;
    }
    if (quotes.length === limit) continue;
    quotes.push({
      lead: passage,
      articleId: passage.articleId,
      paragraph: passage.paragraph,
      start: passage.start,
      end: passage.end,
      firstSentence: passage.firstSentence,
      lastSentence: passage.lastSentence,
      score,
    });
  }
  return quotes;
}
