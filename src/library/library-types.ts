import type { Answer, AnswerOptions, ArticleRef } from '../answer/answer-types.js';
import type { CorpusFailure } from '../corpus/article.js';

/** One article as listed by `/sources` and `storybot sources`. */
export interface SourceSummary {
  readonly article: ArticleRef;
  readonly file: string;
  readonly passages: number;
}

/** What happened to one corpus file during a reindex. */
export interface FileChange {
  readonly file: string;
  readonly change: 'added' | 'changed' | 'unchanged' | 'removed' | 'failed';
  /** Why the file failed, for `failed`. */
  readonly reason?: string;
}

/** Counts of the index at one moment. */
export interface IndexCounts {
  readonly articles: number;
  readonly passages: number;
}

/** The outcome of a full reindex. */
export interface ReindexReport {
  readonly before: IndexCounts;
  readonly after: IndexCounts;
  readonly changes: readonly FileChange[];
  readonly failures: readonly CorpusFailure[];
}

/** The whole paragraph around a quoted passage ("Show in context"). */
export interface PassageContext {
  readonly article: ArticleRef;
  readonly paragraph: number;
  readonly heading: string | null;
  /** Verbatim text of the paragraph that contains the passage. */
  readonly paragraphText: string;
  /** Offsets of the passage within `paragraphText`. */
  readonly passageStart: number;
  readonly passageEnd: number;
}

/**
 * The running story corpus and its index: what every front end (console, CLI, Discord) calls.
 * Answers always come from one consistent index, even while a reindex runs.
 */
export interface Library {
  answer(question: string, options?: AnswerOptions): Answer;
  sources(): readonly SourceSummary[];
  /** The paragraph that contains the passage, or null when the passage id is unknown (e.g. after a reindex). */
  contextOf(passageId: string): PassageContext | null;
  /** Re-reads the corpus directory and swaps in the new index. */
  reindex(): Promise<ReindexReport>;
  /** Increases by one each time the index changes. */
  readonly version: number;
  readonly updatedAt: Date;
}
