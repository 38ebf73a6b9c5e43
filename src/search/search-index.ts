import MiniSearch from 'minisearch';
import type { Article } from '../corpus/article.js';
import { articleIdOfPassage, type Passage } from '../passages/passage.js';
import type { Paragraph } from '../passages/split-article.js';
import { bestMatches } from './bm25.js';
import { INDEX_OPTIONS, type IndexedPassage } from './index-options.js';
import { IndexedArticle, PARAGRAPH_FIELDS, PASSAGE_FIELDS, type ArticleRecords } from './indexed-article.js';
import { expandForCorpus, type Vocabulary } from './expand.js';
import { internalsOf } from './mini-internals.js';
import { loadTermVectors } from './lexicon/vectors.js';
import { miniSearchFromData, miniSearchToData, type MiniSearchData } from './mini-snapshot.js';
import type { AnalysedQuestion } from './question.js';
import {
  CANDIDATE_POSTINGS_BUDGET,
  candidateTerms,
  rerank,
  type PassageWords,
  type RankedPassage,
  type RankingStats,
  type TermSequence,
} from './rank.js';
import { tokenizeWords } from './terms.js';
import { TermTable } from './term-table.js';
import type { Traits } from './traits.js';
import { runToEnd } from '../time-slices.js';
import { Concatenation } from '../typed-concatenation.js';

/** How many full-text hits are re-ranked; the rest are too weak to reach an answer. */
const CANDIDATES = 40;
/** How many of the best hits bring the rest of their paragraph into the re-ranking. */
const PARAGRAPHS_WIDENED = 10;
/** How far into its paragraph, before and after, a hit brings passages along. */
const WIDENING_REACH = 2;

/**
 * A SearchIndex as plain data (strings, numbers, typed arrays): what `toSnapshotData` saves and
 * `fromSnapshotData` restores without analysing any text again. Articles keep their bodies, so the
 * data is self-contained; passage texts are not stored (they are slices of the bodies). Its records
 * are those of all articles (see `ArticleRecords`), one after the other.
 */
export interface SearchIndexData extends ArticleRecords {
  /** In the order they were added. */
  readonly articles: readonly Article[];
  /** Per article: how many paragraphs and passages it has in the records. */
  readonly paragraphCounts: Uint32Array;
  readonly passageCounts: Uint32Array;
  readonly dfTerms: readonly string[];
  readonly dfCounts: Uint32Array;
  /** The term numbers' terms (see TermTable): what `wordTerms` refer to. */
  readonly indexTerms: readonly string[];
  readonly mini: MiniSearchData;
}

/** The fields of SearchIndexData that are the articles' records one after the other. */
type JoinedRecordKey = 'paragraphs' | 'sentences' | 'passages' | 'traits' | 'wordTerms' | 'wordCounts';

/**
 * SearchIndexData as a snapshot save writes it: the articles' typed records as Concatenations of
 * theirs, never joined in memory (see Concatenation).
 */
export type SavedIndexData = Omit<SearchIndexData, JoinedRecordKey> & {
  readonly [K in JoinedRecordKey]: Concatenation<SearchIndexData[K]>;
};

/**
 * The searchable corpus: articles, their paragraphs and passages, and a MiniSearch index over the
 * passages. Articles can be added and removed one by one (MiniSearch `add` / `discard`).
 */
export class SearchIndex implements RankingStats, Vocabulary {
  private readonly mini: MiniSearch<IndexedPassage>;
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly df = new Map<string, number>();
  private passageTotal = 0;
  private readonly terms: TermTable;

  private constructor(mini: MiniSearch<IndexedPassage>, terms = new TermTable()) {
    this.mini = mini;
    this.terms = terms;
  }

  /** An empty index. */
  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch(INDEX_OPTIONS));
  }

  /**
   * An empty index numbering terms as `other` does, so that `add(article, other)` can take over the
   * passages `other` made of the very same article objects (a full rebuild of an unchanged corpus).
   */
  static emptySharingTerms(other: SearchIndex): SearchIndex {
    return new SearchIndex(new MiniSearch(INDEX_OPTIONS), other.terms);
  }

  /** Builds an index over the given articles. */
  static build(articles: Iterable<Article>): SearchIndex {
    const index = SearchIndex.empty();
    for (const article of articles) index.add(article);
    return index;
  }

  /** Restores an index saved with `toSnapshotData`; articles make their passage objects when first used. */
  static fromSnapshotData(data: SearchIndexData): SearchIndex {
    const index = new SearchIndex(
      miniSearchFromData(data.mini, (at) => data.passageIds[at] ?? ''),
      new TermTable([...data.indexTerms]),
    );
    let paragraphAt = 0;
    let sentenceAt = 0;
    let passageAt = 0;
    let wordAt = 0;
    data.articles.forEach((article, a) => {
      const paragraphCount = data.paragraphCounts[a] ?? 0;
      const passageCount = data.passageCounts[a] ?? 0;
      let sentenceCount = 0;
      for (let p = paragraphAt; p < paragraphAt + paragraphCount; p++) sentenceCount += data.paragraphs[p * PARAGRAPH_FIELDS + 3] ?? 0;
      let wordCount = 0;
      for (let p = passageAt; p < passageAt + passageCount; p++) wordCount += data.wordCounts[p] ?? 0;
      const records: ArticleRecords = {
        paragraphs: data.paragraphs.subarray(paragraphAt * PARAGRAPH_FIELDS, (paragraphAt + paragraphCount) * PARAGRAPH_FIELDS),
        headings: data.headings.slice(paragraphAt, paragraphAt + paragraphCount),
        sentences: data.sentences.subarray(sentenceAt * 2, (sentenceAt + sentenceCount) * 2),
        passageIds: data.passageIds.slice(passageAt, passageAt + passageCount),
        passages: data.passages.subarray(passageAt * PASSAGE_FIELDS, (passageAt + passageCount) * PASSAGE_FIELDS),
        traits: data.traits.subarray(passageAt, passageAt + passageCount),
        wordTerms: data.wordTerms.subarray(wordAt, wordAt + wordCount),
        wordCounts: data.wordCounts.subarray(passageAt, passageAt + passageCount),
      };
      index.articles.set(article.id, IndexedArticle.restored(article, records));
      index.passageTotal += passageCount;
      paragraphAt += paragraphCount;
      sentenceAt += sentenceCount;
      passageAt += passageCount;
      wordAt += wordCount;
    });
    data.dfTerms.forEach((term, i) => index.df.set(term, data.dfCounts[i] ?? 0));
    return index;
  }

  /** The index as plain data, for a snapshot (see `SearchIndexData`). */
  toSnapshotData(): SearchIndexData {
    const saved = runToEnd(this.snapshotDataSteps());
    return {
      ...saved,
      paragraphs: saved.paragraphs.join(),
      sentences: saved.sentences.join(),
      passages: saved.passages.join(),
      traits: saved.traits.join(),
      wordTerms: saved.wordTerms.join(),
      wordCounts: saved.wordCounts.join(),
    };
  }

  /**
   * `toSnapshotData` as a save writes it (the records not joined), yielding between small steps (an
   * article's records, some thousand terms) so that a caller can cut it into time slices. The index
   * must not change until the save has written it.
   */
  *snapshotDataSteps(): Generator<void, SavedIndexData> {
    const entries = [...this.articles.values()];
    // Lists of the whole corpus are filled an article at a time: at 100k passages a flatMap of
    // them, a join of the typed arrays, or even a map over the articles, is a step of tens of milliseconds.
    const articles: Article[] = [];
    const paragraphCounts = new Uint32Array(entries.length);
    const passageCounts = new Uint32Array(entries.length);
    const parts: { readonly [K in JoinedRecordKey]: ArticleRecords[K][] } = {
      paragraphs: [],
      sentences: [],
      passages: [],
      traits: [],
      wordTerms: [],
      wordCounts: [],
    };
    const passageIds: string[] = [];
    const headings: (string | null)[] = [];
    const positions = new Map<string, number>();
    for (const [a, entry] of entries.entries()) {
      const { records } = entry;
      articles.push(entry.article);
      paragraphCounts[a] = records.headings.length;
      passageCounts[a] = records.passageIds.length;
      parts.paragraphs.push(records.paragraphs);
      parts.sentences.push(records.sentences);
      parts.passages.push(records.passages);
      parts.traits.push(records.traits);
      parts.wordTerms.push(records.wordTerms);
      parts.wordCounts.push(records.wordCounts);
      for (const id of records.passageIds) {
        positions.set(id, passageIds.length);
        passageIds.push(id);
      }
      for (const heading of records.headings) headings.push(heading);
      yield;
    }
    const dfTerms: string[] = [];
    const dfCounts = new Uint32Array(this.df.size);
    for (const [term, count] of this.df) {
      dfCounts[dfTerms.length] = count;
      dfTerms.push(term);
      if (dfTerms.length % 5000 === 0) yield;
    }
    const mini = yield* miniSearchToData(this.mini, (id) => {
      const at = positions.get(id);
      if (at === undefined) throw new Error(`storybot: the full-text index holds '${id}', which no indexed article has`);
      return at;
    });
    yield;
    return {
      articles,
      paragraphCounts,
      passageCounts,
      paragraphs: new Concatenation(parts.paragraphs, Int32Array),
      headings,
      sentences: new Concatenation(parts.sentences, Int32Array),
      passageIds,
      passages: new Concatenation(parts.passages, Int32Array),
      traits: new Concatenation(parts.traits, Uint32Array),
      wordTerms: new Concatenation(parts.wordTerms, Int32Array),
      wordCounts: new Concatenation(parts.wordCounts, Uint32Array),
      dfTerms,
      dfCounts,
      indexTerms: [...this.terms.all],
      mini,
    };
  }

  /**
   * Adds an article (which must not be indexed yet) and returns its passages. With `from`, an index
   * sharing this one's terms that holds this very article object, its split passages are taken over
   * rather than made again.
   */
  add(article: Article, from?: SearchIndex): readonly Passage[] {
    if (this.articles.has(article.id)) throw new Error(`storybot: article '${article.id}' is already indexed; remove it first`);
    const kept = from?.terms === this.terms ? from.articles.get(article.id) : undefined;
    const entry = kept?.article === article ? kept : IndexedArticle.split(article, this.terms);
    this.articles.set(article.id, entry);
    this.passageTotal += entry.passageCount;
    for (const passage of entry.passages)
      for (const term of this.distinctTermsOf(entry, passage)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    this.mini.addAll(entry.passages.map((p) => ({ id: p.id, text: p.text, heading: p.heading ?? '' })));
    return entry.passages;
  }

  /** Removes an article and its passages; returns false when it was not indexed. */
  remove(articleId: string): boolean {
    const entry = this.articles.get(articleId);
    if (!entry) return false;
    for (const passage of entry.passages) {
      this.mini.discard(passage.id);
      for (const term of this.distinctTermsOf(entry, passage)) {
        const count = (this.df.get(term) ?? 1) - 1;
        if (count > 0) this.df.set(term, count);
        else this.df.delete(term);
      }
    }
    this.articles.delete(articleId);
    this.passageTotal -= entry.passageCount;
    return true;
  }

  /** Passages matching an analysed question, best first, re-ranked; optionally within one article. */
  search(asked: AnalysedQuestion, articleId?: string, postingsBudget = CANDIDATE_POSTINGS_BUDGET): RankedPassage[] {
    const question = expandForCorpus(asked, this);
    const searched = candidateTerms(question.terms, this, postingsBudget);
    if (searched.length === 0) return [];
    const matches = bestMatches(
      this.mini,
      searched,
      CANDIDATES,
      articleId === undefined ? undefined : (id) => articleIdOfPassage(id) === articleId,
    );
    const hits = matches.flatMap(({ id, score }) => {
      const passage = this.passage(id);
      return passage ? [{ passage, score }] : [];
    });
    // The answer may be a sentence that lacks the question's words its neighbours hold: the
    // paragraphs of the best hits compete whole.
    const seen = new Set(hits.map((hit) => hit.passage.id));
    for (const hit of hits.slice(0, PARAGRAPHS_WIDENED)) {
      for (const neighbour of this.neighboursOf(hit.passage, WIDENING_REACH)) {
        if (seen.has(neighbour.id)) continue;
        seen.add(neighbour.id);
        hits.push({ passage: neighbour, score: 0 });
      }
    }
    return rerank(hits, question, this);
  }

  /** Number of passages containing a term. */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  get passageCount(): number {
    return this.passageTotal;
  }

  /** Index terms within an edit distance of a term (MiniSearch's fuzzy look-up of its term tree). */
  termsNear(term: string, maxDistance: number): Map<string, number> {
    const near = new Map<string, number>();
    for (const [found, [, distance]] of internalsOf(this.mini)._index.fuzzyGet(term, maxDistance)) {
      if (this.documentFrequency(found) > 0) near.set(found, distance);
    }
    return near;
  }

  /** Average number of index terms in a passage's text. */
  get averagePassageLength(): number {
    const m = internalsOf(this.mini);
    return m._avgFieldLength[m._fieldIds['text'] ?? 0] ?? 1;
  }

  /** How close a term is in meaning to others, from the word vectors read at first use; undefined when they are not installed. */
  get similarityTo(): ((term: string) => (other: string) => number) | undefined {
    const vectors = loadTermVectors();
    return vectors && ((term) => vectors.similarityTo(term));
  }

  /**
   * A passage's words: its index terms read in place from the numbers kept at index time (nothing is
   * copied or remembered: at 100k passages a cache of them made every collection of young objects copy
   * thousands), and its words as written, looked up in its text.
   */
  wordsOf(passage: Passage): PassageWords {
    const ids = this.articles.get(passage.articleId)?.wordTermsOf(passage.id) ?? new Int32Array(0);
    return new WordsOfPassage(ids, this.terms, passage.text);
  }

  /** The distinct terms of a passage's words. */
  private distinctTermsOf(entry: IndexedArticle, passage: Passage): Set<string> {
    const terms = new Set<string>();
    for (const id of entry.wordTermsOf(passage.id)) {
      const term = this.terms.termAt(id);
      if (term !== null) terms.add(term);
    }
    return terms;
  }

  /** The other passages of a passage's paragraph, at most `reach` before or after it, in reading order. */
  neighboursOf(passage: Passage, reach: number): readonly Passage[] {
    return this.articles.get(passage.articleId)?.neighboursOf(passage.id, reach) ?? [];
  }

  get articleCount(): number {
    return this.articles.size;
  }

  /** Kinds of answer a passage can give (0 when unknown). */
  traitsOf(passageId: string): Traits {
    return this.articles.get(articleIdOfPassage(passageId))?.traitsOf(passageId) ?? 0;
  }

  article(articleId: string): Article | undefined {
    return this.articles.get(articleId)?.article;
  }

  /** All indexed articles, in the order they were added. */
  allArticles(): Article[] {
    return [...this.articles.values()].map((entry) => entry.article);
  }

  passage(passageId: string): Passage | undefined {
    return this.articles.get(articleIdOfPassage(passageId))?.passage(passageId);
  }

  /** The passages of an article, in reading order. */
  passagesOf(articleId: string): readonly Passage[] {
    return this.articles.get(articleId)?.passages ?? [];
  }

  /** How many passages an article has (without making its passages, unlike `passagesOf`). */
  passageCountOf(articleId: string): number {
    return this.articles.get(articleId)?.passageCount ?? 0;
  }

  /** Per passage of an article, in reading order: start and end in its body (see IndexedArticle.passageSpans). */
  passageSpansOf(articleId: string): Int32Array {
    return this.articles.get(articleId)?.passageSpans ?? new Int32Array(0);
  }

  /** The id of an article's passage by its position in reading order. */
  passageIdAt(articleId: string, position: number): string | undefined {
    return this.articles.get(articleId)?.passageIdAt(position);
  }

  /** The paragraph that holds a passage. */
  paragraphOf(passage: Passage): Paragraph | undefined {
    return this.articles.get(passage.articleId)?.paragraphs.find((p) => p.number === passage.paragraph);
  }
}

/** A passage's words as PassageWords: term numbers read through the term table, forms found in the text. */
class WordsOfPassage implements PassageWords, TermSequence {
  private lowerText: string | undefined;

  constructor(
    private readonly ids: Int32Array,
    private readonly table: TermTable,
    private readonly text: string,
  ) {}

  get terms(): TermSequence {
    return this;
  }

  get length(): number {
    return this.ids.length;
  }

  termAt(position: number): string | null {
    const id = this.ids[position];
    return id === undefined ? null : this.table.termAt(id);
  }

  hasForm(form: string): boolean {
    const text = (this.lowerText ??= this.text.toLowerCase());
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
      if (isWordEdge(text, at - 1, at) && isWordEdge(text, at + form.length, at + form.length + 1)) return true;
    }
    return false;
  }

  forms(): ReadonlySet<string> {
    return new Set(tokenizeWords(this.text).map((word) => word.toLowerCase()));
  }
}

/** Whether the character at `at` ends a word there: none, or neither a letter nor a digit nor an apostrophe before a letter. */
function isWordEdge(text: string, at: number, next: number): boolean {
  const char = text[at];
  if (char === undefined) return true;
  if (/[\p{L}\p{N}]/u.test(char)) return false;
  return !((char === "'" || char === '’') && at < next && /\p{L}/u.test(text[next] ?? ''));
}
