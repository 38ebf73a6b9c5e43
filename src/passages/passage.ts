/** A verbatim slice of an article: one to three sentences of one paragraph. */
export interface Passage {
  /** `${articleId}:${paragraph}:${firstSentence}`, plus `.${offset}` for the later parts of a cut sentence (see `passageId`). */
  readonly id: string;
  readonly articleId: string;
  /** 1-based paragraph number within the article (headings and list items count as paragraphs). */
  readonly paragraph: number;
  /** The nearest heading above the paragraph, or null. */
  readonly heading: string | null;
  /** Offsets into `Article.body`: `text === body.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Index of the first and one past the last sentence of the paragraph covered by this passage. */
  readonly firstSentence: number;
  readonly lastSentence: number;
}

/**
 * The id of a passage: `${articleId}:${paragraph}:${firstSentence}`, plus `.${offset}` (from the
 * sentence's start) for the later parts of an overlong sentence cut in pieces. Unique within a corpus.
 */
export function passageId(articleId: string, paragraph: number, firstSentence: number, offset: number): string {
  return `${articleId}:${paragraph}:${firstSentence}${offset === 0 ? '' : `.${offset}`}`;
}

/** The id of the article a passage id belongs to (article ids may themselves hold colons). */
export function articleIdOfPassage(id: string): string {
  return id.slice(0, id.lastIndexOf(':', id.lastIndexOf(':') - 1));
}
