import type { Answer, StoryAnswer } from '../answer/answer-types.js';
import type { Article } from '../corpus/article.js';
import { readDates, readFacts, type ArticleFacts } from '../facts/article-facts.js';
import { placeDatedFactSteps, type DatedFact } from '../facts/corpus-dates.js';
import type { FactPool } from '../facts/fact-pool.js';
import type { DatePlacement } from '../facts/date-mentions.js';
import type { Fact, FoundFact } from '../facts/fact-types.js';
import { groupSameEvents, rarityFromIndex, type WordRarity } from '../facts/same-event.js';
import { passesFilters, timelineEntrySteps, type TimelineEntry, type TimelineEvent } from '../facts/timeline.js';
import type { Logger } from '../log.js';
import type { SearchIndex } from '../search/search-index.js';
import type { FactsProgress, Timeline, TimelineRequest } from './library-types.js';
import { runInSlices, TimeSlices } from '../time-slices.js';

/** How a FactStore reaches the rest of the library. */
export interface FactStoreOptions {
  /** The index in use now (it changes with every reindex). */
  readonly index: () => SearchIndex;
  /** The worker pool, made when first needed. */
  readonly pool: () => FactPool;
  /** Extract every article's facts as soon as it is indexed (the bot), rather than only when asked (a CLI run). */
  readonly background: boolean;
  readonly logger?: Logger;
  /** Called when facts came in or went (a snapshot save is due). */
  readonly onChange?: () => void;
}

interface Entry {
  /** The indexed article these facts were read from: a changed article is a new object. */
  readonly article: Article;
  readonly facts: ArticleFacts;
  /** Extraction failed: nothing to show, nothing to keep in a snapshot, retried when the article changes. */
  readonly failed: boolean;
}

const NO_FACTS: ArticleFacts = { text: '', ends: new Uint32Array(1), records: new Int32Array(0) };

/**
 * The names and dates of the indexed articles. They are extracted in worker threads (see FactPool)
 * as articles are indexed, kept per article (and in the snapshot), and dropped when their article
 * changes or goes. The main thread only reads them: answers never wait for extraction (an answer
 * whose quotes are not read yet says so, and those articles go first), and the timeline is built
 * from what is read so far, in slices, with how far along reading is.
 */
export class FactStore {
  private readonly byArticle = new Map<string, Entry>();
  private readonly inFlight = new Map<Article, Promise<void>>();
  /** Increases whenever facts come or go: the cached timeline is stale then. */
  private version = 0;
  /** Counts the syncs: the articles are queued for reading by the latest alone. */
  private syncs = 0;
  private closed = false;
  private poolIfStarted: FactPool | undefined;
  private cached: { index: SearchIndex; version: number; entries: Promise<TimelineEntry[]> } | undefined;

  constructor(private readonly options: FactStoreOptions) {}

  /** Whether facts are read as articles are indexed (a long-running library) rather than when asked. */
  get background(): boolean {
    return this.options.background;
  }

  /** Takes facts kept in a snapshot for the articles of the index it restored. */
  restore(index: SearchIndex, kept: ReadonlyMap<string, ArticleFacts>): void {
    for (const article of index.allArticles()) {
      const facts = kept.get(article.id);
      if (facts) this.byArticle.set(article.id, { article, facts, failed: false });
    }
    this.version++;
  }

  /**
   * After the index changed: keeps the facts of articles whose text and date are the same (a full
   * reindex reads every article anew), forgets those of articles gone or changed, and (in background
   * mode) reads the new ones.
   */
  sync(): void {
    const index = this.options.index();
    for (const [id, entry] of this.byArticle) {
      const article = index.article(id);
      if (article === entry.article) continue;
      // Facts depend on the text (and so its passages) and on the publication date that places dates.
      if (article && article.contentHash === entry.article.contentHash && article.published === entry.article.published)
        this.byArticle.set(id, { ...entry, article });
      else this.byArticle.delete(id);
      this.version++;
    }
    if (this.options.background) void this.readUnread(index, ++this.syncs);
  }

  /** Resolves once the facts of these articles (every article by default) are read, reading them first. */
  async ready(articleIds?: readonly string[]): Promise<void> {
    while (!this.closed) {
      const index = this.options.index();
      const articles = (articleIds ?? index.allArticles().map((a) => a.id)).flatMap((id) => index.article(id) ?? []);
      const missing = articles.filter((article) => this.entryOf(article) === undefined);
      if (missing.length === 0) return;
      await Promise.all(missing.map((article) => this.read(article, articleIds !== undefined)));
    }
  }

  /** How many of the indexed passages have had their names and dates read. */
  progress(): FactsProgress {
    const index = this.options.index();
    let passages = 0;
    let passagesRead = 0;
    for (const article of index.allArticles()) {
      const count = index.passageCountOf(article.id);
      passages += count;
      if (this.entryOf(article)) passagesRead += count;
    }
    return { passages, passagesRead };
  }

  /**
   * The answer with the facts of its quotes and the quotes that report the same event. Quotes whose
   * article is not read yet have no facts: the answer says `factsPending`, and their articles go first.
   */
  annotate(answer: Answer, index: SearchIndex): StoryAnswer {
    const factsByQuote = new Map<string, Fact[]>();
    // Placements read at index time, so that grouping never runs the date parser on this thread.
    const placements = new Map<Fact, DatePlacement>();
    const unread = new Set<Article>();
    for (const quote of answer.passages) {
      const article = index.article(quote.article.id);
      const entry = article && this.entryOf(article);
      if (article && !entry) unread.add(article);
      const found = article && entry ? readFacts(article, entry.facts, quote.start, quote.end) : [];
      factsByQuote.set(
        quote.passageId,
        found.map(({ passageIndex: _p, ...fact }) => ({
          ...fact,
          passage: quote.passageId,
          start: fact.start - quote.start,
          end: fact.end - quote.start,
        })),
      );
    }
    for (const article of unread) void this.read(article, true);
    const reports = groupSameEvents(
      answer.passages.map((quote) => ({ id: quote.passageId, articleId: quote.article.id, text: quote.text })),
      factsByQuote,
      { rarity: rarityOf(index), placementOf: (fact) => placements.get(fact) ?? { type: 'unplaced' } },
    );
    return { ...answer, facts: [...factsByQuote.values()].flat(), reports, ...(unread.size > 0 && { factsPending: true }) };
  }

  /**
   * The dated statements read so far, in chronological order, and how far reading is. Built in
   * slices (and kept until facts or the index change), so a large corpus never holds the event loop.
   */
  async timeline(request: TimelineRequest = {}): Promise<Timeline> {
    const index = this.options.index();
    if (this.cached?.index !== index || this.cached.version !== this.version)
      this.cached = { index, version: this.version, entries: runInSlices(this.timelineSteps(index)) };
    const entries = await this.cached.entries;
    const events: TimelineEvent[] = [];
    const factsOf = memoised((id: string): readonly FoundFact[] => {
      const article = index.article(id);
      const entry = article && this.entryOf(article);
      return article && entry ? readFacts(article, entry.facts).map(({ passageIndex: _p, dating: _d, ...fact }) => fact) : [];
    });
    const slices = new TimeSlices();
    for (const entry of entries) {
      if (passesFilters(entry, request, factsOf)) events.push(entry.event);
      if (slices.due()) await slices.pause();
    }
    return { events, progress: this.progress() };
  }

  /** The facts to keep in a snapshot: those of the index's articles, read and current. */
  kept(index: SearchIndex): Map<string, ArticleFacts> {
    const kept = new Map<string, ArticleFacts>();
    for (const article of index.allArticles()) {
      const entry = this.entryOf(article);
      if (entry && !entry.failed) kept.set(article.id, entry.facts);
    }
    return kept;
  }

  /** Stops reading (the pool's workers stop); what was read stays. */
  async close(): Promise<void> {
    this.closed = true;
    await this.poolIfStarted?.close();
  }

  /**
   * Queues every article of the index not read yet, in slices (a bulk addition of thousands of articles
   * never holds the event loop); a later sync takes over from an earlier one still queueing.
   */
  private async readUnread(index: SearchIndex, sync: number): Promise<void> {
    const slices = new TimeSlices();
    for (const article of index.allArticles()) {
      if (this.closed || sync !== this.syncs) return;
      if (!this.byArticle.has(article.id)) void this.read(article, false);
      if (slices.due()) await slices.pause();
    }
  }

  private *timelineSteps(index: SearchIndex): Generator<void, TimelineEntry[]> {
    const articles = index.allArticles();
    const dated: DatedFact[] = [];
    for (const article of articles) {
      const entry = this.entryOf(article);
      if (!entry) continue;
      // The date itself stands for its fact (its passage index and dating come along unread).
      for (const date of readDates(article, entry.facts))
        dated.push({ article, passageId: index.passageIdAt(article.id, date.passageIndex) ?? '', fact: date, dating: date.dating });
      yield;
    }
    const placed = yield* placeDatedFactSteps(articles, dated);
    return yield* timelineEntrySteps(articles, placed);
  }

  private entryOf(article: Article): Entry | undefined {
    const entry = this.byArticle.get(article.id);
    return entry?.article === article ? entry : undefined;
  }

  /** Reads one article's facts in a worker (once at a time per article); `urgent` puts it first. */
  private read(article: Article, urgent: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.poolIfStarted ??= this.options.pool();
    const pool = this.poolIfStarted;
    const running = this.inFlight.get(article);
    if (running) {
      if (urgent) pool.hurry(new Set([article.id]));
      return running;
    }
    const index = this.options.index();
    const current = (): boolean => this.options.index().article(article.id) === article;
    const job = { articleId: article.id, body: article.body, published: article.published, passageSpans: index.passageSpansOf(article.id) };
    const done = pool
      .extract(job, { urgent, wanted: current })
      .then(
        (facts) => {
          if (facts && current()) this.store({ article, facts, failed: false });
        },
        (error: unknown) => {
          this.options.logger?.warn({ err: error, article: article.id }, 'could not read the names and dates of an article');
          if (current()) this.store({ article, facts: NO_FACTS, failed: true });
        },
      )
      .finally(() => this.inFlight.delete(article));
    this.inFlight.set(article, done);
    return done;
  }

  private store(entry: Entry): void {
    this.byArticle.set(entry.article.id, entry);
    this.version++;
    this.options.onChange?.();
  }
}

function memoised<T>(compute: (key: string) => T): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    if (!memo.has(key)) memo.set(key, compute(key));
    return memo.get(key) as T;
  };
}

/**
 * Word rarity for same-event grouping, read from the search index's document frequencies: free, and
 * over the whole corpus (a rarity over the few quoted passages alone cannot tell telling words from
 * common ones).
 */
export function rarityOf(index: SearchIndex): WordRarity {
  return rarityFromIndex({ documents: index.passageCount, documentFrequency: (term) => index.documentFrequency(term) });
}
