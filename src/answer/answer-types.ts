import type { Fact } from '../facts/fact-types.js';
import type { SameEventGroup } from '../facts/same-event.js';

/** Where a quoted passage comes from. */
export interface ArticleRef {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly url: string | null;
  readonly published: string | null;
}

/** A half-open range `[start, end)` of characters within a passage's text. */
export interface Highlight {
  readonly start: number;
  readonly end: number;
}

/** One quoted passage of an answer. */
export interface AnswerPassage {
  readonly passageId: string;
  /** Verbatim text of the passage. */
  readonly text: string;
  /** Matched words within `text`, sorted and non-overlapping. */
  readonly highlights: readonly Highlight[];
  readonly article: ArticleRef;
  readonly paragraph: number;
  readonly heading: string | null;
  /** Offsets of `text` within the article body. */
  readonly start: number;
  readonly end: number;
  /** Relevance, higher is better; comparable only within one answer. */
  readonly score: number;
}

/** The result of `answer()`: the passages that answer a question, best first (empty when none does). */
export interface Answer {
  readonly question: string;
  readonly passages: readonly AnswerPassage[];
  /**
   * When nothing answers but some passages come near, the nearest (at most 2), to be shown as "may not
   * answer this"; absent otherwise. Never filled when `passages` is.
   */
  readonly closest?: readonly AnswerPassage[];
  /** When nothing answers and the question is clearly not English: a sentence saying so (`NOT_ENGLISH_NOTICE`). */
  readonly notice?: string;
  readonly tookMs: number;
}

/**
 * An answer with what its quotes say at a glance: who, whom and when (each fact pointing to the quote
 * it comes from, offsets into that quote's text), and the quotes of different articles that report the
 * same event. This is what front ends receive from the Library.
 */
export interface StoryAnswer extends Answer {
  readonly facts: readonly Fact[];
  readonly reports: readonly SameEventGroup[];
  /** True when some quotes' names and dates are still being read (they are then missing from `facts`). */
  readonly factsPending?: true;
}

/** How front ends introduce `closest` passages: they are near the question but may not answer it. */
export const CLOSEST_LABEL = 'The nearest passages, which may not answer it:';

/** Said when nothing answers a question that is clearly not in English. */
export const NOT_ENGLISH_NOTICE = 'The articles are in English, and questions are read in English: try asking in English.';

/** Options of `answer()`. */
export interface AnswerOptions {
  /** Maximum number of passages (default 3). */
  readonly limit?: number;
  /** Only passages of this article id. */
  readonly articleId?: string;
  /** Earlier questions of the conversation, oldest first, for follow-ups ("when was that?"). */
  readonly context?: readonly string[];
}
