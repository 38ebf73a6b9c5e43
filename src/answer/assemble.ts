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
  /** The question's terms the quote covers. */
  readonly covered: ReadonlySet<string>;
}

/**
 * Picks up to `limit` quotes from the relevant passages, best first. A passage next to one already
 * picked in the same paragraph is joined to it rather than shown apart; then a quote grows by a
 * neighbouring sentence of its paragraph that covers question terms the quote lacks ("what did X
 * say about Y": one sentence names X, the next speaks of Y). Quotes stay within MAX_PASSAGE_CHARS
 * and no sentence is ever quoted twice.
 */
export function assembleQuotes(
  relevant: readonly RankedPassage[],
  limit: number,
  candidates: readonly RankedPassage[] = relevant,
): Quote[] {
  const quotes: Quote[] = [];
  for (const ranked of relevant) {
    const { passage } = ranked;
    if (quotes.some((q) => overlaps(q, passage))) continue;
    const neighbour = quotes.find((q) => adjacent(q, passage) && joinedLength(q, passage) <= MAX_PASSAGE_CHARS);
    if (neighbour) quotes[quotes.indexOf(neighbour)] = join(neighbour, ranked);
    else if (quotes.length < limit) quotes.push({ ...spanOf(passage), lead: passage, score: ranked.score, covered: ranked.covered });
  }
  for (const candidate of candidates) {
    const index = quotes.findIndex((q) => adjacent(q, candidate.passage));
    const quote = quotes[index];
    if (!quote || quotes.some((q) => overlaps(q, candidate.passage))) continue;
    const addsTerms = [...candidate.covered].some((term) => !quote.covered.has(term));
    if (addsTerms && joinedLength(quote, candidate.passage) <= MAX_PASSAGE_CHARS) quotes[index] = join(quote, candidate);
  }
  return quotes;
}

type Span = Pick<Quote, 'articleId' | 'paragraph' | 'start' | 'end' | 'firstSentence' | 'lastSentence'>;

function spanOf(passage: Passage): Span {
  const { articleId, paragraph, start, end, firstSentence, lastSentence } = passage;
  return { articleId, paragraph, start, end, firstSentence, lastSentence };
}

function sameParagraph(a: Span, b: Span): boolean {
  return a.articleId === b.articleId && a.paragraph === b.paragraph;
}

function overlaps(a: Span, b: Span): boolean {
  return sameParagraph(a, b) && a.firstSentence < b.lastSentence && b.firstSentence < a.lastSentence;
}

function adjacent(a: Span, b: Span): boolean {
  return sameParagraph(a, b) && (a.lastSentence === b.firstSentence || b.lastSentence === a.firstSentence);
}

function joinedLength(a: Span, b: Span): number {
  return Math.max(a.end, b.end) - Math.min(a.start, b.start);
}

/** A quote widened to take in an adjacent passage; it keeps its lead and score. */
function join(quote: Quote, other: RankedPassage): Quote {
  const { passage } = other;
  return {
    ...quote,
    start: Math.min(quote.start, passage.start),
    end: Math.max(quote.end, passage.end),
    firstSentence: Math.min(quote.firstSentence, passage.firstSentence),
    lastSentence: Math.max(quote.lastSentence, passage.lastSentence),
    covered: new Set([...quote.covered, ...other.covered]),
  };
}
