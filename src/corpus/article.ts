/** One news article of the corpus, with the metadata that is honestly known about it. */
export interface Article {
  /** Stable id: the file name without its extension (e.g. `daily-caller-iran-message`). */
  readonly id: string;
  /** Path of the file relative to the corpus directory. */
  readonly file: string;
  /** Headline; for `.txt` files without a known headline, derived from the file name. */
  readonly title: string;
  /** Publisher or distributor (e.g. "Daily Caller News Foundation"); UNKNOWN_SOURCE when not known. */
  readonly source: string;
  readonly url: string | null;
  /** Publication date as ISO `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when only that is known). */
  readonly published: string | null;
  readonly author: string | null;
  /** The article text exactly as received (front matter removed). Passages are slices of it. */
  readonly body: string;
  /** SHA-256 of the body, hex: detects duplicate uploads and changed files. */
  readonly contentHash: string;
}

/** A file of the corpus that could not be read as an article, and why. */
export interface CorpusFailure {
  readonly file: string;
  readonly reason: string;
}

/**
 * Something to tell about a corpus entry that is not a failure: an entry left out on purpose (not an
 * article file, a link to a folder) or front-matter keys ignored in an article that was kept.
 */
export interface CorpusNotice {
  readonly file: string;
  readonly kind: 'skipped' | 'ignored-keys';
  readonly message: string;
}

/** The `source` of an article whose publisher is not known. */
export const UNKNOWN_SOURCE = 'unknown';

/** The publisher as shown to readers: "publisher unknown" rather than a bare "unknown". */
export function publisherLabel(source: string): string {
  return source === UNKNOWN_SOURCE ? 'publisher unknown' : source;
}
