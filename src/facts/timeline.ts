import type { Article } from '../corpus/article.js';
import { contentStems } from './content-words.js';
import { placeCorpusDates, type PassageFacts, type PlacedDate } from './corpus-dates.js';
import { isoParts } from './date-resolution.js';
import type { Fact, FoundFact, Writable } from './fact-types.js';
import { runToEnd } from '../time-slices.js';

/** One dated statement of the corpus. Part of the JSON contract of `storybot timeline --json`. */
export interface TimelineEvent {
  /** ISO date as resolved (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`), or the date as written when nothing places it. */
  readonly date: string;
  /** The date as the article wrote it ("Just last week"). */
  readonly asWritten: string;
  /** The sentence that carries the date, verbatim; or, with `cut`, the clause of it that the date dates. */
  readonly text: string;
  readonly article: { readonly id: string; readonly title: string; readonly source: string };
  /** Id of the passage the sentence is in. */
  readonly passage: string;
  /** How the date was placed when that took a guess ("≈ 2024-10, from 'last month' in an article of 2024-11"). */
  readonly note?: string;
  /** True when `text` is a verbatim cut of its sentence (the clause a subordinate date belongs to). */
  readonly cut?: true;
}

/** A dated sentence offered to the `about` filter. */
export interface TimelineQuote {
  /** The sentence (or clause), verbatim. */
  readonly text: string;
  readonly passageId: string;
  /** The facts that lie within it (names with their canonical form). */
  readonly facts: readonly FoundFact[];
}

/** Decides whether a dated sentence is about `about` (e.g. the search engine's matcher). */
export type AboutMatcher = (about: string, quote: TimelineQuote) => boolean;

export interface TimelineOptions {
  /** Only articles with this id, or whose source or title contains it (case-insensitive). */
  readonly source?: string;
  /** Only sentences about these words. */
  readonly about?: string;
  /** How `about` is matched; by default `matchesWords`. */
  readonly matchesAbout?: AboutMatcher;
}

/** An event of the whole timeline, before filters, with what the filters read. */
export interface TimelineEntry {
  readonly event: TimelineEvent;
  readonly article: Article;
  /** Offsets of `event.text` in the article body. */
  readonly start: number;
  readonly end: number;
}

/** An article's facts, offsets into its body (for the `about` filter, which also matches canonical names). */
export type ArticleFactsLookup = (articleId: string) => readonly FoundFact[];

/**
 * The dated statements of the corpus in chronological order: one event per date, quoting what it
 * dates (see `DateDating`). Dates are placed as `placeCorpusDates` explains; a date known only to the
 * month (or year) comes after the exact dates within it; dates nothing places come last, in corpus
 * order. Pure: rendering is up to the front ends.
 */
export function buildTimeline(
  articles: readonly Article[],
  passagesWithFacts: readonly PassageFacts[],
  options: TimelineOptions = {},
): TimelineEvent[] {
  const factsByArticle = new Map<string, FoundFact[]>();
  for (const { passage, facts } of passagesWithFacts) {
    const list = factsByArticle.get(passage.articleId) ?? [];
    for (const fact of facts) list.push({ ...withoutPassage(fact), start: passage.start + fact.start, end: passage.start + fact.end });
    factsByArticle.set(passage.articleId, list);
  }
  const entries = timelineEntries(articles, placeCorpusDates(articles, passagesWithFacts));
  return filterTimeline(entries, options, (id) => factsByArticle.get(id) ?? []);
}

/** The whole timeline, sorted, from placed dates: what a library keeps between requests, filtered by `filterTimeline`. */
export function timelineEntries(articles: readonly Article[], placed: readonly PlacedDate[]): TimelineEntry[] {
  return runToEnd(timelineEntrySteps(articles, placed));
}

/**
 * `timelineEntries` in small steps, for a caller that cuts work into time slices. Dates come in corpus
 * order (article by article, in reading order), so a stable grouping by date keeps that order within a
 * date, and only the distinct dates need sorting.
 */
export function* timelineEntrySteps(articles: readonly Article[], placed: readonly PlacedDate[]): Generator<void, TimelineEntry[]> {
  const order = new Map(articles.map((article, i) => [article.id, i]));
  // One reference object per article, shared by its events.
  const refs = new Map<Article, TimelineEvent['article']>();
  const refOf = (article: Article): TimelineEvent['article'] => {
    let ref = refs.get(article);
    if (!ref) refs.set(article, (ref = { id: article.id, title: article.title, source: article.source }));
    return ref;
  };
  const corpusOrder = (a: PlacedDate, b: PlacedDate): number =>
    (order.get(a.dated.article.id) ?? 0) - (order.get(b.dated.article.id) ?? 0) || a.dated.fact.start - b.dated.fact.start;
  // Dates read article by article come in corpus order already: sorted only when they do not.
  let ordered = true;
  for (let i = 1; i < placed.length && ordered; i++) {
    ordered = corpusOrder(placed[i - 1] as PlacedDate, placed[i] as PlacedDate) <= 0;
    if (i % STEP === 0) yield;
  }
  const inCorpusOrder = ordered ? placed : [...placed].sort(corpusOrder);
  yield;
  // Each quote once per date within its article: dates come article by article, so the set is the article's.
  let seen = new Set<string>();
  let seenIn: Article | undefined;
  const byDate = new Map<number, TimelineEntry[]>();
  const unplaced: TimelineEntry[] = [];
  let step = 0;
  for (const { dated, iso, note } of inCorpusOrder) {
    if (++step % STEP === 0) yield;
    const { article, fact, dating, passageId } = dated;
    const { quote } = dating;
    if (quote === null) continue;
    if (article !== seenIn) {
      seen = new Set();
      seenIn = article;
    }
    const key = `${quote.start}:${iso ?? fact.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const event: Writable<TimelineEvent> = {
      date: iso ?? fact.text,
      asWritten: fact.text,
      text: article.body.slice(quote.start, quote.end),
      article: refOf(article),
      passage: passageId,
    };
    if (note !== undefined) event.note = note;
    if (quote.cut) event.cut = true;
    const entry = { event, article, start: quote.start, end: quote.end };
    if (iso === null) unplaced.push(entry);
    else {
      const date = dateKey(iso);
      let list = byDate.get(date);
      if (!list) byDate.set(date, (list = []));
      list.push(entry);
    }
  }
  yield;
  const dates = Float64Array.from(byDate.keys()).sort();
  const sorted: TimelineEntry[] = [];
  let lastYield = 0;
  for (const date of dates) {
    for (const entry of byDate.get(date) ?? []) sorted.push(entry);
    if (sorted.length - lastYield >= STEP) {
      lastYield = sorted.length;
      yield;
    }
  }
  for (const entry of unplaced) sorted.push(entry);
  return sorted;
}

/** Dates turned into events between two yields of `timelineEntrySteps`. */
const STEP = 2000;

/** The events of a sorted timeline that pass the filters. */
export function filterTimeline(entries: readonly TimelineEntry[], options: TimelineOptions, factsOf: ArticleFactsLookup): TimelineEvent[] {
  return entries.filter((entry) => passesFilters(entry, options, factsOf)).map(({ event }) => event);
}

/** Whether one event of the timeline passes the `source` and `about` filters. */
export function passesFilters(entry: TimelineEntry, options: TimelineOptions, factsOf: ArticleFactsLookup): boolean {
  const { source, about, matchesAbout = matchesWords } = options;
  if (source !== undefined && !isFrom(entry.article, source)) return false;
  if (about === undefined || about.trim() === '') return true;
  const facts = factsOf(entry.article.id).filter((f) => f.start >= entry.start && f.end <= entry.end);
  return matchesAbout(about, { text: entry.event.text, passageId: entry.event.passage, facts });
}

/**
 * The default `about` matcher: every content word of `about` (stemmed) occurs in the sentence or in
 * the canonical name of something it names ("Soleimani" matches "Qassim Suleimani").
 */
export function matchesWords(about: string, quote: TimelineQuote): boolean {
  const wanted = contentStems(about);
  const present = contentStems([quote.text, ...quote.facts.map((f) => f.normalized ?? '')].join(' '));
  return [...wanted].every((stem) => present.has(stem));
}

/** A number that orders ISO dates chronologically, a coarser date after the finer dates it contains. */
function dateKey(iso: string): number {
  const parts = isoParts(iso);
  return (parts?.year ?? 9999) * 10_000 + (parts?.month ?? 13) * 100 + (parts?.day ?? 32);
}

function isFrom(article: Article, source: string): boolean {
  const wanted = source.toLowerCase();
  return article.id === source || article.source.toLowerCase().includes(wanted) || article.title.toLowerCase().includes(wanted);
}

function withoutPassage({ passage: _passage, ...found }: Fact): FoundFact {
  return found;
}
