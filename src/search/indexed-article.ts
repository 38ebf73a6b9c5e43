import type { Article } from '../corpus/article.js';
import type { Passage } from '../passages/passage.js';
import { splitArticle, type Paragraph } from '../passages/split-article.js';
import type { TermTable } from './term-table.js';
import { traitsOf, type Traits } from './traits.js';

/** One article's paragraphs, sentences and passages as flat arrays of numbers: how a snapshot keeps them. */
export interface ArticleRecords {
  /** Per paragraph, PARAGRAPH_FIELDS numbers: number, start, end, and how many sentences follow in `sentences`. */
  readonly paragraphs: Int32Array;
  readonly headings: readonly (string | null)[];
  /** Per sentence: start, end. */
  readonly sentences: Int32Array;
  readonly passageIds: readonly string[];
  /** Per passage, PASSAGE_FIELDS numbers: paragraph, start, end, firstSentence, lastSentence. */
  readonly passages: Int32Array;
  /** Per passage: the kinds of answer it can give. */
  readonly traits: Uint32Array;
  /** The passages' words as term numbers (see TermTable), passage after passage. */
  readonly wordTerms: Int32Array;
  /** Per passage: how many of `wordTerms` are its words. */
  readonly wordCounts: Uint32Array;
}

/** Numbers per paragraph in `ArticleRecords.paragraphs`. */
export const PARAGRAPH_FIELDS = 4;
/** Numbers per passage in `ArticleRecords.passages`. */
export const PASSAGE_FIELDS = 5;

/** The article's paragraphs and passages as objects, and where each passage is among them. */
interface ArticleObjects {
  readonly paragraphs: readonly Paragraph[];
  readonly passages: readonly Passage[];
  readonly positions: ReadonlyMap<string, number>;
}

/**
 * An indexed article with its paragraphs, passages and their traits, kept as objects or as flat
 * records, each made from the other when first needed. An article restored from a snapshot makes no
 * objects until a question or a change touches it (at 100k passages those objects were most of a
 * restore's time and garbage); one split at index time makes its records only when a snapshot is saved.
 */
export class IndexedArticle {
  private objects: ArticleObjects | undefined;
  private saved: ArticleRecords | undefined;
  /** Where each passage's words start in `wordTerms` (passageCount + 1 offsets), made when first needed. */
  private wordStarts: Uint32Array | undefined;

  private constructor(
    readonly article: Article,
    readonly passageCount: number,
    /** Per passage, in order. */
    private readonly traits: Uint32Array,
    private readonly wordTerms: Int32Array,
    private readonly wordCounts: Uint32Array,
  ) {}

  /** Splits an article into paragraphs and passages and works out their traits and word terms. */
  static split(article: Article, terms: TermTable): IndexedArticle {
    const { paragraphs, passages } = splitArticle(article);
    const words = passages.map((p) => terms.wordTermsOf(p.text));
    const wordTerms = new Int32Array(words.reduce((sum, w) => sum + w.length, 0));
    words.reduce((at, w) => (wordTerms.set(w, at), at + w.length), 0);
    const entry = new IndexedArticle(
      article,
      passages.length,
      Uint32Array.from(passages, (p) => traitsOf(p.text)),
      wordTerms,
      Uint32Array.from(words, (w) => w.length),
    );
    entry.objects = { paragraphs, passages, positions: positionsOf(passages) };
    return entry;
  }

  /** An article as a snapshot kept it. */
  static restored(article: Article, records: ArticleRecords): IndexedArticle {
    const entry = new IndexedArticle(article, records.passageIds.length, records.traits, records.wordTerms, records.wordCounts);
    entry.saved = records;
    return entry;
  }

  /** A passage's words as term numbers, in order (empty when it is not one of this article's). */
  wordTermsOf(passageId: string): Int32Array {
    const at = this.asObjects().positions.get(passageId);
    if (at === undefined) return new Int32Array(0);
    if (!this.wordStarts) {
      const starts = new Uint32Array(this.passageCount + 1);
      for (let i = 0; i < this.passageCount; i++) starts[i + 1] = (starts[i] ?? 0) + (this.wordCounts[i] ?? 0);
      this.wordStarts = starts;
    }
    return this.wordTerms.subarray(this.wordStarts[at] ?? 0, this.wordStarts[at + 1] ?? 0);
  }

  get paragraphs(): readonly Paragraph[] {
    return this.asObjects().paragraphs;
  }

  /** The passages, in reading order. */
  get passages(): readonly Passage[] {
    return this.asObjects().passages;
  }

  passage(passageId: string): Passage | undefined {
    const objects = this.asObjects();
    const at = objects.positions.get(passageId);
    return at === undefined ? undefined : objects.passages[at];
  }

  /**
   * The other passages of a passage's paragraph, at most `reach` before or after it, in reading order
   * ([] when it is not one of this article's).
   */
  neighboursOf(passageId: string, reach: number): readonly Passage[] {
    const { passages, positions } = this.asObjects();
    const at = positions.get(passageId);
    const passage = at === undefined ? undefined : passages[at];
    if (at === undefined || !passage) return [];
    let first = at;
    while (first > at - reach && (passages[first - 1]?.paragraph ?? -1) === passage.paragraph) first--;
    let last = at;
    while (last < at + reach && (passages[last + 1]?.paragraph ?? -1) === passage.paragraph) last++;
    return passages.slice(first, last + 1).filter((p) => p !== passage);
  }

  /** Kinds of answer a passage can give (0 when it is not one of this article's). */
  traitsOf(passageId: string): Traits {
    const at = this.asObjects().positions.get(passageId);
    return at === undefined ? 0 : (this.traits[at] ?? 0);
  }

  /** Per passage, in order: its start and end in the article body (without making passage objects). */
  get passageSpans(): Int32Array {
    const spans = new Int32Array(this.passageCount * 2);
    if (this.objects) {
      this.objects.passages.forEach((p, i) => spans.set([p.start, p.end], i * 2));
      return spans;
    }
    const { passages } = this.records;
    for (let i = 0; i < this.passageCount; i++) {
      spans[i * 2] = field(passages, i * PASSAGE_FIELDS + 1);
      spans[i * 2 + 1] = field(passages, i * PASSAGE_FIELDS + 2);
    }
    return spans;
  }

  /** The id of the passage at a position in reading order (without making passage objects). */
  passageIdAt(position: number): string | undefined {
    return this.objects ? this.objects.passages[position]?.id : this.records.passageIds[position];
  }

  /** The article's paragraphs and passages as records, for a snapshot. */
  get records(): ArticleRecords {
    this.saved ??= { ...recordsOf(this.asObjects(), this.traits), wordTerms: this.wordTerms, wordCounts: this.wordCounts };
    return this.saved;
  }

  private asObjects(): ArticleObjects {
    this.objects ??= objectsOf(this.article, this.records);
    return this.objects;
  }
}

function positionsOf(passages: readonly Passage[]): Map<string, number> {
  return new Map(passages.map((p, i) => [p.id, i]));
}

/** One number of a flat array of records (`noUncheckedIndexedAccess` wants the fallback). */
const field = (values: Int32Array, at: number): number => values[at] ?? 0;

function objectsOf(article: Article, records: ArticleRecords): ArticleObjects {
  const paragraphs: Paragraph[] = [];
  let sentenceAt = 0;
  // Plain indexing, not destructuring: a typed array's iterator is many times slower.
  records.headings.forEach((heading, p) => {
    const at = p * PARAGRAPH_FIELDS;
    const sentences = [];
    for (const last = sentenceAt + field(records.paragraphs, at + 3); sentenceAt < last; sentenceAt++)
      sentences.push({ start: field(records.sentences, sentenceAt * 2), end: field(records.sentences, sentenceAt * 2 + 1) });
    paragraphs.push({
      articleId: article.id,
      number: field(records.paragraphs, at),
      heading,
      start: field(records.paragraphs, at + 1),
      end: field(records.paragraphs, at + 2),
      sentences,
    });
  });
  const headingOf = new Map(paragraphs.map((p) => [p.number, p.heading]));
  const passages = records.passageIds.map((id, i): Passage => {
    const at = i * PASSAGE_FIELDS;
    const paragraph = field(records.passages, at);
    const start = field(records.passages, at + 1);
    const end = field(records.passages, at + 2);
    return {
      id,
      articleId: article.id,
      paragraph,
      heading: headingOf.get(paragraph) ?? null,
      start,
      end,
      text: article.body.slice(start, end),
      firstSentence: field(records.passages, at + 3),
      lastSentence: field(records.passages, at + 4),
    };
  });
  return { paragraphs, passages, positions: positionsOf(passages) };
}

function recordsOf({ paragraphs, passages }: ArticleObjects, traits: Uint32Array): Omit<ArticleRecords, 'wordTerms' | 'wordCounts'> {
  return {
    paragraphs: flat(paragraphs, PARAGRAPH_FIELDS, (p) => [p.number, p.start, p.end, p.sentences.length]),
    headings: paragraphs.map((p) => p.heading),
    sentences: flat(
      paragraphs.flatMap((p) => p.sentences),
      2,
      (s) => [s.start, s.end],
    ),
    passageIds: passages.map((p) => p.id),
    passages: flat(passages, PASSAGE_FIELDS, (p) => [p.paragraph, p.start, p.end, p.firstSentence, p.lastSentence]),
    traits,
  };
}

/** Items as a flat array of fixed-size records, written in place. */
function flat<T>(items: readonly T[], size: number, fields: (item: T) => readonly number[]): Int32Array {
  const values = new Int32Array(items.length * size);
  items.forEach((item, i) => values.set(fields(item), i * size));
  return values;
}
