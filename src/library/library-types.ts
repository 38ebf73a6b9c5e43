import type { AnswerOptions, ArticleRef, StoryAnswer } from '../answer/answer-types.js';
import type { CorpusFailure, CorpusNotice } from '../corpus/article.js';
import type { WordRarity } from '../facts/same-event.js';
import type { TimelineEvent } from '../facts/timeline.js';

/** A timeline's filters: one article (its id, or part of its source or title), sentences about some words. */
export interface TimelineRequest {
  readonly source?: string;
  readonly about?: string;
}

/** How far the reading of names and dates (done in worker threads as articles are indexed) is. */
export interface FactsProgress {
  readonly passages: number;
  readonly passagesRead: number;
}

/** The timeline of what has been read so far, and how far reading is (`passagesRead < passages`: more to come). */
export interface Timeline {
  readonly events: TimelineEvent[];
  readonly progress: FactsProgress;
}

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
  /** What to know about a file that is indexed, e.g. that it reached the passage bound and its end is not searchable. */
  readonly note?: string;
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
  /** Entries skipped on purpose (not article files) and front-matter keys ignored; absent when none. */
  readonly notices?: readonly CorpusNotice[];
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
  /** The quoted passages that answer the question, with who/when facts and same-event reports. */
  answer(question: string, options?: AnswerOptions): StoryAnswer;
  /**
   * The dated statements of the corpus in chronological order, from the articles whose names and
   * dates are read so far (see `progress`); never holds the event loop for long.
   */
  timeline(request?: TimelineRequest): Promise<Timeline>;
  /** How far the reading of names and dates is. */
  factsProgress(): FactsProgress;
  /** Resolves once the names and dates of these articles (all by default) are read. */
  factsReady(articleIds?: readonly string[]): Promise<void>;
  sources(): readonly SourceSummary[];
  /** How rare each index term is over the indexed passages (the index's own document frequencies). */
  wordRarity(): WordRarity;
  /** The paragraph that contains the passage, or null when the passage id is unknown (e.g. after a reindex). */
  contextOf(passageId: string): PassageContext | null;
  /** Re-reads the corpus directory and swaps in the new index. */
  reindex(): Promise<ReindexReport>;
  /**
   * Saves an upload into the corpus directory under a generated name and indexes it.
   * Throws an ArticleRejected (message fit to show) for a wrong type, too big, not text, empty,
   * bad front matter, or text or URL already present.
   */
  addArticle(upload: ArticleUpload): Promise<AddedArticle>;
  /**
   * Replaces an indexed Markdown article's text and metadata (e.g. a feed item that changed), in
   * its own file, so its id stays. ArticleNotFound for an unknown id; ArticleRejected as addArticle
   * (a duplicate of another article included).
   */
  updateArticle(articleId: string, upload: ArticleUpload): Promise<UpdatedArticle>;
  /** Moves an article's file to the corpus's `.trash/` and drops it from the index; ArticleNotFound for an unknown id. */
  removeArticle(articleId: string): Promise<RemovedArticle>;
  /** Stops following the corpus directory and saves any pending snapshot. */
  close(): Promise<void>;
  /** Increases by one each time the index changes. */
  readonly version: number;
  readonly updatedAt: Date;
}

/** An article file to add to the corpus (e.g. a Discord attachment), with optional metadata. */
export interface ArticleUpload {
  /** The uploaded file's name; only its extension (.md or .txt) is used, never its path. Default `.md`. */
  readonly fileName?: string;
  readonly bytes: Uint8Array;
  /** Metadata to write as front matter; each overrides the same key of the file's own front matter. */
  readonly title?: string;
  readonly source?: string;
  readonly url?: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  readonly published?: string;
  readonly author?: string;
}

/** An article added by `addArticle`. */
export interface AddedArticle {
  readonly article: ArticleRef;
  /** The file it was saved as, relative to the corpus directory. */
  readonly file: string;
  /** How many passages were indexed, and the first of them. */
  readonly passages: number;
  readonly firstPassage: { readonly passageId: string; readonly paragraph: number; readonly text: string };
}

/** An article replaced by `updateArticle`; `changed` is false when its text and metadata were already the same (nothing written). */
export interface UpdatedArticle extends AddedArticle {
  readonly changed: boolean;
}

/** An article removed by `removeArticle`. */
export interface RemovedArticle {
  readonly article: ArticleRef;
  readonly file: string;
  /** Where the file went, relative to the corpus directory (e.g. `.trash/x.md`); moving it back restores it. */
  readonly trashFile: string;
  readonly passages: number;
}
