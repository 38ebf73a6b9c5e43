/** A verbatim slice of an article: one to three sentences of one paragraph. */
export interface Passage {
  /** `${articleId}:${paragraph}:${firstSentence}` — unique within a corpus. */
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
