import type { Article } from '../corpus/article.js';
import type { Passage } from '../passages/passage.js';
import { splitSentences } from '../passages/sentences.js';
import { contentStems } from './content-words.js';
import { placeCorpusDates, type PassageFacts } from './corpus-dates.js';
import { compareIso } from './date-resolution.js';
import type { Fact } from './fact-types.js';

/** One dated statement of the corpus. Part of the JSON contract of `storybot timeline --json`. */
export interface TimelineEvent {
  /** ISO date as resolved (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`), or the date as written when nothing places it. */
  readonly date: string;
  /** The date as the article wrote it ("Just last week"). */
  readonly asWritten: string;
  /** The sentence that carries the date, verbatim. */
  readonly text: string;
  readonly article: { readonly id: string; readonly title: string; readonly source: string };
  /** Id of the passage the sentence is in. */
  readonly passage: string;
  /** How the date was placed when that took a guess ("≈ 2024-10, from 'last month' in an article of 2024-11"). */
  readonly note?: string;
}

/** A dated sentence offered to the `about` filter. */
export interface TimelineQuote {
  /** The sentence, verbatim. */
  readonly text: string;
  readonly passage: Passage;
  /** The facts of the passage that lie within the sentence. */
  readonly facts: readonly Fact[];
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

/**
 * The dated statements of the corpus in chronological order: one event per date a sentence gives,
 * quoting that sentence. Dates are placed as `placeCorpusDates` explains; a date known only to the
 * month (or year) comes after the exact dates within it; dates nothing places come last, in corpus
 * order. Pure: rendering is up to the front ends.
 */
export function buildTimeline(
  articles: readonly Article[],
  passagesWithFacts: readonly PassageFacts[],
  options: TimelineOptions = {},
): TimelineEvent[] {
  const { source, about, matchesAbout = matchesWords } = options;
  const order = new Map(articles.map((article, i) => [article.id, i]));
  const factsByPassage = new Map(passagesWithFacts.map(({ passage, facts }) => [passage.id, facts]));
  const seen = new Set<string>();
  const events: { event: TimelineEvent; placed: boolean; articleIndex: number; offset: number }[] = [];
  for (const placed of placeCorpusDates(articles, passagesWithFacts)) {
    const { fact, passage, article, iso, note } = placed;
    if (source !== undefined && !isFrom(article, source)) continue;
    const sentence = sentenceAround(passage.text, fact.start);
    const quote: TimelineQuote = {
      text: passage.text.slice(sentence.start, sentence.end),
      passage,
      facts: (factsByPassage.get(passage.id) ?? []).filter((f) => f.start >= sentence.start && f.end <= sentence.end),
    };
    if (about !== undefined && about.trim() !== '' && !matchesAbout(about, quote)) continue;
    const key = `${article.id}:${passage.start + sentence.start}:${iso ?? fact.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    events.push({
      event: {
        date: iso ?? fact.text,
        asWritten: fact.text,
        text: quote.text,
        article: { id: article.id, title: article.title, source: article.source },
        passage: passage.id,
        ...(note !== undefined && { note }),
      },
      placed: iso !== null,
      articleIndex: order.get(article.id) ?? 0,
      offset: passage.start + fact.start,
    });
  }
  return events
    .sort(
      (a, b) =>
        Number(b.placed) - Number(a.placed) ||
        (a.placed && b.placed ? compareIso(a.event.date, b.event.date) : 0) ||
        a.articleIndex - b.articleIndex ||
        a.offset - b.offset,
    )
    .map(({ event }) => event);
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

function isFrom(article: Article, source: string): boolean {
  const wanted = source.toLowerCase();
  return article.id === source || article.source.toLowerCase().includes(wanted) || article.title.toLowerCase().includes(wanted);
}

function sentenceAround(text: string, offset: number): { start: number; end: number } {
  return splitSentences(text).find((s) => offset >= s.start && offset < s.end) ?? { start: 0, end: text.length };
}
