import type { Article } from '../corpus/article.js';
import { extractFacts } from './extract-facts.js';
import { findNames, type NameMention } from './name-mentions.js';
import { datingOf, type DateDating } from './date-dating.js';
import type { DatePlacement } from './date-mentions.js';
import type { FactKind, FoundFact, Writable } from './fact-types.js';

/**
 * Changes whenever extraction could give other facts for the same text (finders, word lists, the
 * record layout): facts a snapshot kept under another version are extracted again.
 */
export const FACTS_VERSION = 3;

/** What a glance says while some quotes' names and dates are not read yet (see StoryAnswer.factsPending). */
export const FACTS_PENDING_NOTE = 'Names and dates of some quotes are still being read; ask again in a moment for them.';

/** What a fact-extraction worker is given: one article and where its passages are. */
export interface FactJob {
  readonly articleId: string;
  readonly body: string;
  readonly published: string | null;
  /** Per passage: start, end (offsets into `body`), in reading order. */
  readonly passageSpans: Int32Array;
}

/**
 * The names and dates of one article as flat records (cheap to pass between threads and to keep in
 * a snapshot): FACT_FIELDS numbers per fact, offsets into the article body, strings by their number
 * (0 is "none", see `factString`). Each fact once, even where passages overlap, in body order. The
 * strings are one text, not an array: at 100k passages a million small strings were a million more
 * objects for every garbage collection to mark, and for every snapshot save to gather.
 */
export interface ArticleFacts {
  /** The strings one after the other: string `i` ends at `ends[i]` and starts where string `i - 1` ends. */
  readonly text: string;
  readonly ends: Uint32Array;
  readonly records: Int32Array;
}

/** The facts' string number `i` ("" for 0, "none", and for a number it does not hold). */
export function factString({ text, ends }: ArticleFacts, i: number): string {
  const end = ends[i];
  return i <= 0 || end === undefined ? '' : text.slice(ends[i - 1], end);
}

/**
 * Numbers per fact in `ArticleFacts.records`: passage (index within the article), kind, start, end,
 * normalized, note; then for dates: placement (JSON), event words (words the date may be the date of,
 * space-separated), the quote listed under it in a timeline (start, end; -1 when none) and whether that
 * quote is a cut of its sentence (1) or the whole sentence (0).
 */
export const FACT_FIELDS = 11;
const KINDS: readonly FactKind[] = ['person', 'org', 'place', 'date'];

/** One fact read back from `ArticleFacts`, offsets into the article body. */
export interface ArticleFact extends FoundFact {
  /** Index of the passage (within the article) it was found in. */
  readonly passageIndex: number;
  /** For a date: what it dates, as read at index time. */
  readonly dating?: DateDating;
}

/** A date fact with what a timeline needs of it. */
export interface ArticleDate extends ArticleFact {
  readonly dating: DateDating;
}

/** Extracts the facts of every passage of an article (what a worker runs), as records. */
export function extractArticleFacts(job: FactJob): ArticleFacts {
  const strings = [''];
  const stringIds = new Map<string, number>([['', 0]]);
  const id = (text: string | undefined): number => {
    if (text === undefined || text === '') return 0;
    let at = stringIds.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      stringIds.set(text, at);
    }
    return at;
  };
  const records: number[] = [];
  const seen = new Set<string>();
  const found: { passage: number; fact: FoundFact; passageStart: number; text: string; dates: readonly FoundFact[] }[] = [];
  const names = namesByRun(job);
  for (let p = 0; p * 2 < job.passageSpans.length; p++) {
    const start = job.passageSpans[p * 2] ?? 0;
    const end = job.passageSpans[p * 2 + 1] ?? start;
    const text = job.body.slice(start, end);
    const inPassage = names
      .filter((name) => name.start >= start && name.end <= end)
      .map((name) => ({ ...name, start: name.start - start, end: name.end - start }));
    const facts = extractFacts(text, job.published, inPassage);
    const dates = facts.filter((f) => f.kind === 'date');
    for (const fact of facts) {
      const key = `${fact.kind}:${start + fact.start}:${start + fact.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ passage: p, fact, passageStart: start, text, dates });
    }
  }
  found.sort((a, b) => a.passageStart + a.fact.start - (b.passageStart + b.fact.start));
  for (const { passage, fact, passageStart, text, dates } of found) {
    const base = [
      passage,
      KINDS.indexOf(fact.kind),
      passageStart + fact.start,
      passageStart + fact.end,
      id(fact.normalized),
      id(fact.note),
    ];
    if (fact.kind !== 'date') {
      records.push(...base, 0, 0, -1, -1, 0);
      continue;
    }
    const dating = datingOf(text, fact, dates);
    const quote = dating.quote
      ? [passageStart + dating.quote.start, passageStart + dating.quote.end, dating.quote.cut ? 1 : 0]
      : [-1, -1, 0];
    records.push(...base, id(JSON.stringify(dating.placement)), id(dating.eventWords.join(' ')), ...quote);
  }
  let end = 0;
  return {
    text: strings.join(''),
    ends: Uint32Array.from(strings, (text) => (end += text.length)),
    records: Int32Array.from(records),
  };
}

/**
 * The names of an article's passages, offsets into the body, found a run of passages at a time: the
 * passages of a paragraph, which only spaces part. compromise costs less a passage on a paragraph
 * than on each of its sentences alone (it is most of a worker's time), and finds the same names in
 * them; a name that would run across two passages belongs to neither and is dropped.
 */
function namesByRun({ body, passageSpans }: FactJob): NameMention[] {
  const runs: { start: number; end: number }[] = [];
  for (let p = 0; p * 2 < passageSpans.length; p++) {
    const start = passageSpans[p * 2] ?? 0;
    const end = passageSpans[p * 2 + 1] ?? start;
    const last = runs.at(-1);
    // Overlapping passages (an empty slice) join a run too.
    if (last && /^[ \t]*$/.test(body.slice(last.end, start))) last.end = Math.max(last.end, end);
    else runs.push({ start, end });
  }
  return runs.flatMap((run) =>
    findNames(body.slice(run.start, run.end)).map((name) => ({ ...name, start: run.start + name.start, end: run.start + name.end })),
  );
}

/** How many facts an ArticleFacts holds. */
export function factCount(facts: ArticleFacts): number {
  return facts.records.length / FACT_FIELDS;
}

/** The facts that lie within `[start, end)` of the article body (all of them by default). */
export function readFacts(article: Article, facts: ArticleFacts, start = 0, end = article.body.length): ArticleFact[] {
  const out: ArticleFact[] = [];
  for (let f = 0; f < factCount(facts); f++) {
    const fact = readFact(article, facts, f);
    if (fact.start >= start && fact.end <= end) out.push(fact);
  }
  return out;
}

/** The date facts of an article with their placement and dating, for a timeline. */
export function readDates(article: Article, facts: ArticleFacts): ArticleDate[] {
  const out: ArticleDate[] = [];
  const dateKind = KINDS.indexOf('date');
  for (let f = 0; f < factCount(facts); f++)
    if (facts.records[f * FACT_FIELDS + 1] === dateKind) out.push(readFact(article, facts, f) as ArticleDate);
  return out;
}

function readFact(article: Article, facts: ArticleFacts, f: number): ArticleFact {
  const { records } = facts;
  const string = (i: number | undefined): string => factString(facts, i ?? 0);
  const at = f * FACT_FIELDS;
  const start = records[at + 2] ?? 0;
  const end = records[at + 3] ?? 0;
  const normalized = string(records[at + 4]);
  const note = string(records[at + 5]);
  const kind = KINDS[records[at + 1] ?? 0] ?? 'date';
  const fact: Writable<ArticleFact> = { passageIndex: records[at] ?? 0, kind, text: article.body.slice(start, end), start, end };
  if (normalized !== '') fact.normalized = normalized;
  if (note !== '') fact.note = note;
  if (kind === 'date') {
    const quoteStart = records[at + 8] ?? -1;
    fact.dating = {
      placement: placementFrom(string(records[at + 6])),
      eventWords: string(records[at + 7])
        .split(' ')
        .filter((w) => w !== ''),
      quote: quoteStart < 0 ? null : { start: quoteStart, end: records[at + 9] ?? quoteStart, cut: records[at + 10] === 1 },
    };
  }
  return fact;
}

// Placements repeat ("2020", "in September"): each distinct JSON is parsed once.
const placements = new Map<string, DatePlacement>();
const PARSED_KEPT = 10_000;

function placementFrom(json: string): DatePlacement {
  let placement = placements.get(json);
  if (!placement) {
    placement = json === '' ? { type: 'unplaced' } : (JSON.parse(json) as DatePlacement);
    if (placements.size < PARSED_KEPT) placements.set(json, placement);
  }
  return placement;
}
