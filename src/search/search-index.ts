import MiniSearch from 'minisearch';
import type { Article } from '../corpus/article.js';
import type { Passage } from '../passages/passage.js';
import { splitArticle, type Paragraph } from '../passages/split-article.js';
import { INDEX_OPTIONS, type IndexedPassage } from './index-options.js';
import { miniSearchFromData, miniSearchToData, type MiniSearchData } from './mini-snapshot.js';
import type { AnalysedQuestion } from './question.js';
import { CANDIDATE_POSTINGS_BUDGET, candidateTerms, rerank, type RankedPassage, type RankingStats } from './rank.js';
import { normalizeText } from './terms.js';
import { traitsOf, type Traits } from './traits.js';

/** How many full-text hits are re-ranked; the rest are too weak to reach an answer. */
const CANDIDATES = 40;

/** Everything kept about one indexed article. */
interface IndexedArticle {
  readonly article: Article;
  readonly paragraphs: readonly Paragraph[];
  readonly passages: readonly Passage[];
}

/**
 * A SearchIndex as plain data (strings, numbers, typed arrays): what `toSnapshotData` saves and
 * `fromSnapshotData` restores without analysing any text again. Articles keep their bodies, so the
 * data is self-contained; passage texts are not stored (they are slices of the bodies).
 */
export interface SearchIndexData {
  /** In the order they were added. */
  readonly articles: readonly Article[];
  /** Per article: how many paragraphs and passages follow in the arrays below. */
  readonly paragraphCounts: Uint32Array;
  readonly passageCounts: Uint32Array;
  /** Per paragraph: number, start, end and how many sentences follow in `sentences`. */
  readonly paragraphs: Int32Array;
  readonly headings: readonly (string | null)[];
  /** Per sentence: start, end. */
  readonly sentences: Int32Array;
  readonly passageIds: readonly string[];
  /** Per passage: paragraph, start, end, firstSentence, lastSentence. */
  readonly passages: Int32Array;
  readonly traits: Uint32Array;
  readonly dfTerms: readonly string[];
  readonly dfCounts: Uint32Array;
  readonly mini: MiniSearchData;
}

const PARAGRAPH_FIELDS = 4;
/** Items as a flat array of fixed-size records, written in place (no per-item arrays to concatenate). */
function records<T>(items: readonly T[], size: number, fields: (item: T) => readonly number[]): Int32Array {
  const values = new Int32Array(items.length * size);
  items.forEach((item, i) => values.set(fields(item), i * size));
  return values;
}
/** One number of a flat array of records (`noUncheckedIndexedAccess` wants the fallback). */
const field = (values: Int32Array, at: number): number => values[at] ?? 0;
const PASSAGE_FIELDS = 5;

/**
 * The searchable corpus: articles, their paragraphs and passages, and a MiniSearch index over the
 * passages. Articles can be added and removed one by one (MiniSearch `add` / `discard`).
 */
export class SearchIndex implements RankingStats {
  private readonly mini: MiniSearch<IndexedPassage>;
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly passages = new Map<string, Passage>();
  private readonly traits = new Map<string, Traits>();
  private readonly df = new Map<string, number>();

  private constructor(mini: MiniSearch<IndexedPassage>) {
    this.mini = mini;
  }

  /** An empty index. */
  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch(INDEX_OPTIONS));
  }

  /** Builds an index over the given articles. */
  static build(articles: Iterable<Article>): SearchIndex {
    const index = SearchIndex.empty();
    for (const article of articles) index.add(article);
    return index;
  }

  /** Restores an index saved with `toSnapshotData`. */
  static fromSnapshotData(data: SearchIndexData): SearchIndex {
    const index = new SearchIndex(miniSearchFromData(data.mini));
    let paragraphAt = 0;
    let sentenceAt = 0;
    let passageAt = 0;
    data.articles.forEach((article, a) => {
      const paragraphs: Paragraph[] = [];
      for (const end = paragraphAt + (data.paragraphCounts[a] ?? 0); paragraphAt < end; paragraphAt++) {
        // Plain indexing, not destructuring: a typed array's iterator is many times slower at 100k passages.
        const at = paragraphAt * PARAGRAPH_FIELDS;
        const number = field(data.paragraphs, at);
        const sentences = [];
        for (const last = sentenceAt + field(data.paragraphs, at + 3); sentenceAt < last; sentenceAt++) {
          sentences.push({ start: field(data.sentences, sentenceAt * 2), end: field(data.sentences, sentenceAt * 2 + 1) });
        }
        const heading = data.headings[paragraphAt] ?? null;
        paragraphs.push({
          articleId: article.id,
          number,
          heading,
          start: field(data.paragraphs, at + 1),
          end: field(data.paragraphs, at + 2),
          sentences,
        });
      }
      const headingOf = new Map(paragraphs.map((p) => [p.number, p.heading]));
      const passages: Passage[] = [];
      for (const end = passageAt + (data.passageCounts[a] ?? 0); passageAt < end; passageAt++) {
        const at = passageAt * PASSAGE_FIELDS;
        const paragraph = field(data.passages, at);
        const start = field(data.passages, at + 1);
        const end = field(data.passages, at + 2);
        const passage: Passage = {
          id: data.passageIds[passageAt] ?? '',
          articleId: article.id,
          paragraph,
          heading: headingOf.get(paragraph) ?? null,
          start,
          end,
          text: article.body.slice(start, end),
          firstSentence: field(data.passages, at + 3),
          lastSentence: field(data.passages, at + 4),
        };
        passages.push(passage);
        index.passages.set(passage.id, passage);
        index.traits.set(passage.id, data.traits[passageAt] ?? 0);
      }
      index.articles.set(article.id, { article, paragraphs, passages });
    });
    data.dfTerms.forEach((term, i) => index.df.set(term, data.dfCounts[i] ?? 0));
    return index;
  }

  /** The index as plain data, for a snapshot (see `SearchIndexData`). */
  toSnapshotData(): SearchIndexData {
    const entries = [...this.articles.values()];
    const paragraphs = entries.flatMap((e) => e.paragraphs);
    const passages = entries.flatMap((e) => e.passages);
    return {
      articles: entries.map((e) => e.article),
      paragraphCounts: Uint32Array.from(entries, (e) => e.paragraphs.length),
      passageCounts: Uint32Array.from(entries, (e) => e.passages.length),
      paragraphs: records(paragraphs, PARAGRAPH_FIELDS, (p) => [p.number, p.start, p.end, p.sentences.length]),
      headings: paragraphs.map((p) => p.heading),
      sentences: records(
        paragraphs.flatMap((p) => p.sentences),
        2,
        (s) => [s.start, s.end],
      ),
      passageIds: passages.map((p) => p.id),
      passages: records(passages, PASSAGE_FIELDS, (p) => [p.paragraph, p.start, p.end, p.firstSentence, p.lastSentence]),
      traits: Uint32Array.from(passages, (p) => this.traitsOf(p.id)),
      dfTerms: [...this.df.keys()],
      dfCounts: Uint32Array.from(this.df.values()),
      mini: miniSearchToData(this.mini),
    };
  }

  /** Adds an article (which must not be indexed yet) and returns its passages. */
  add(article: Article): readonly Passage[] {
    if (this.articles.has(article.id)) throw new Error(`storybot: article '${article.id}' is already indexed; remove it first`);
    const { paragraphs, passages } = splitArticle(article);
    this.articles.set(article.id, { article, paragraphs, passages });
    for (const passage of passages) {
      this.passages.set(passage.id, passage);
      this.traits.set(passage.id, traitsOf(passage.text));
      for (const term of new Set(normalizeText(passage.text))) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
    this.mini.addAll(passages.map((p) => ({ id: p.id, text: p.text, heading: p.heading ?? '' })));
    return passages;
  }

  /** Removes an article and its passages; returns false when it was not indexed. */
  remove(articleId: string): boolean {
    const entry = this.articles.get(articleId);
    if (!entry) return false;
    for (const passage of entry.passages) {
      this.mini.discard(passage.id);
      this.passages.delete(passage.id);
      this.traits.delete(passage.id);
      for (const term of new Set(normalizeText(passage.text))) {
        const count = (this.df.get(term) ?? 1) - 1;
        if (count > 0) this.df.set(term, count);
        else this.df.delete(term);
      }
    }
    this.articles.delete(articleId);
    return true;
  }

  /** Passages matching an analysed question, best first, re-ranked; optionally within one article. */
  search(question: AnalysedQuestion, articleId?: string, postingsBudget = CANDIDATE_POSTINGS_BUDGET): RankedPassage[] {
    const searched = candidateTerms(question.terms, this, postingsBudget);
    if (searched.length === 0) return [];
    const weights = new Map(searched.map((t) => [t.term, t.weight]));
    const results = this.mini.search(searched.map((t) => t.term).join(' '), {
      boostTerm: (term) => weights.get(term) ?? 1,
      ...(articleId === undefined ? {} : { filter: (result) => this.passages.get(result.id)?.articleId === articleId }),
    });
    const hits = results.slice(0, CANDIDATES).flatMap((result) => {
      const passage = this.passages.get(result.id);
      return passage ? [{ passage, score: result.score }] : [];
    });
    return rerank(hits, question, this);
  }

  /** Number of passages containing a term. */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  get passageCount(): number {
    return this.passages.size;
  }

  get articleCount(): number {
    return this.articles.size;
  }

  /** Kinds of answer a passage can give (0 when unknown). */
  traitsOf(passageId: string): Traits {
    return this.traits.get(passageId) ?? 0;
  }

  article(articleId: string): Article | undefined {
    return this.articles.get(articleId)?.article;
  }

  /** All indexed articles, in the order they were added. */
  allArticles(): Article[] {
    return [...this.articles.values()].map((entry) => entry.article);
  }

  passage(passageId: string): Passage | undefined {
    return this.passages.get(passageId);
  }

  /** The passages of an article, in reading order. */
  passagesOf(articleId: string): readonly Passage[] {
    return this.articles.get(articleId)?.passages ?? [];
  }

  /** The paragraph that holds a passage. */
  paragraphOf(passage: Passage): Paragraph | undefined {
    return this.articles.get(passage.articleId)?.paragraphs.find((p) => p.number === passage.paragraph);
  }
}
