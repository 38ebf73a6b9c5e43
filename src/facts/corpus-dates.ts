import type { Article } from '../corpus/article.js';
import type { Passage } from '../passages/passage.js';
import type { DatePlacement } from './date-mentions.js';
import { isoOf, isoParts, resolvePlacement, shiftIso } from './date-resolution.js';
import { datesEventWord, datingOf, type DateDating } from './date-dating.js';
import type { Fact, FoundFact } from './fact-types.js';
import { runToEnd } from '../time-slices.js';

export { placementOfText } from './date-dating.js';

/** A passage with the facts extracted from it. */
export interface PassageFacts {
  readonly passage: Passage;
  readonly facts: readonly Fact[];
}

/** A date fact of the corpus with what it dates: offsets into its article's body. */
export interface DatedFact {
  readonly article: Article;
  /** Id of the passage it was found in. */
  readonly passageId: string;
  /** The fact, `start`/`end` and the dating's quote as offsets into `article.body`. */
  readonly fact: FoundFact;
  readonly dating: DateDating;
}

/** A date fact of the corpus placed in time, as well as the corpus allows. */
export interface PlacedDate {
  readonly dated: DatedFact;
  /** ISO date, or null when nothing places it. */
  readonly iso: string | null;
  /** How it was placed when that took a guess ("≈ …, from … "). */
  readonly note?: string;
}

/** The date an undated article is taken to be written at, and why. */
export interface StoryReference {
  /** ISO month (or year). */
  readonly iso: string;
  readonly basis: string;
}

/**
 * Places every date fact of the corpus (each once, even if passages overlap):
 * - as extracted, when exact or resolved against the article's publication date;
 * - in an article of unknown date, against the story's reference: the month of the latest
 *   publication date or full-month date the corpus gives (articles of one story are written at
 *   about the same time, and not before the dates they report) — said in the note;
 * - "months before the election": counted from a date the corpus attaches to that event word
 *   ("the November election"), same article first;
 * - otherwise not at all (iso null).
 */
export function placeCorpusDates(articles: readonly Article[], passagesWithFacts: readonly PassageFacts[]): PlacedDate[] {
  return placeDatedFacts(articles, datedFacts(articles, passagesWithFacts));
}

/** `placeCorpusDates` for date facts read already (e.g. kept from index time). */
export function placeDatedFacts(articles: readonly Article[], dated: readonly DatedFact[]): PlacedDate[] {
  return runToEnd(placeDatedFactSteps(articles, dated));
}

/** `placeDatedFacts` in small steps (a yield every few thousand dates), for a caller that cuts work into time slices. */
export function* placeDatedFactSteps(articles: readonly Article[], dated: readonly DatedFact[]): Generator<void, PlacedDate[]> {
  const reference = yield* referenceSteps(articles, dated);
  const placed: PlacedDate[] = [];
  // Anchors by event word, so that each "months before the election" looks only at dates of elections.
  const anchors = new Map<string, PlacedDate[]>();
  for (const d of dated) {
    const p = placeAlone(d, reference);
    placed.push(p);
    if (p.iso !== null && d.dating.eventWords.length > 0) {
      for (const word of new Set(d.dating.eventWords.map((w) => w.replace(/s$/, '')))) {
        const list = anchors.get(word) ?? [];
        list.push(p);
        anchors.set(word, list);
      }
    }
    if (placed.length % STEP === 0) yield;
  }
  const out: PlacedDate[] = [];
  for (const p of placed) {
    const { placement } = p.dated.dating;
    out.push(placement.type === 'fromEvent' && p.iso === null ? { ...p, ...placeFromEvent(p, placement, anchors) } : p);
    if (out.length % STEP === 0) yield;
  }
  return out;
}

/** Dates placed between two yields of `placeDatedFactSteps`. */
const STEP = 2000;

/** The date facts of the corpus, each once even where passages overlap, with what they date. */
function datedFacts(articles: readonly Article[], passagesWithFacts: readonly PassageFacts[]): DatedFact[] {
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const seen = new Set<string>();
  const dated: DatedFact[] = [];
  for (const { passage, facts } of passagesWithFacts) {
    const article = articleById.get(passage.articleId);
    if (!article) continue;
    for (const fact of facts) {
      const key = `${article.id}:${passage.start + fact.start}`;
      if (fact.kind !== 'date' || seen.has(key)) continue;
      seen.add(key);
      const dating = datingOf(
        passage.text,
        fact,
        facts.filter((f) => f.kind === 'date'),
      );
      const shift = passage.start;
      dated.push({
        article,
        passageId: passage.id,
        fact: { ...withoutPassage(fact), start: fact.start + shift, end: fact.end + shift },
        dating: { ...dating, quote: dating.quote && { ...dating.quote, start: dating.quote.start + shift, end: dating.quote.end + shift } },
      });
    }
  }
  return dated;
}

function withoutPassage({ passage: _passage, ...found }: Fact): FoundFact {
  return found;
}

function placeAlone(dated: DatedFact, reference: StoryReference | null): PlacedDate {
  const { fact, article, dating } = dated;
  if (fact.normalized !== undefined)
    return fact.note === undefined ? { dated, iso: fact.normalized } : { dated, iso: fact.normalized, note: fact.note };
  const context =
    article.published !== null
      ? { iso: article.published, says: `in an article of ${article.published}` }
      : reference && { iso: reference.iso, says: `in an article of unknown date, taken as ${reference.iso} from ${reference.basis}` };
  const resolved = context ? resolvePlacement(dating.placement, context.iso) : null;
  if (!resolved || !context) return { dated, iso: null };
  return resolved.approximate
    ? { dated, iso: resolved.iso, note: `≈ ${resolved.iso}, from '${fact.text}' ${context.says}` }
    : { dated, iso: resolved.iso };
}

/**
 * When the articles of this story were written, for those without a publication date: the month of
 * the latest publication date or full-month date (`January 2020`, `November 13, 2024`) the corpus
 * gives. Year-only mentions are left out, as they often look ahead ("the 2028 election").
 */
export function inferStoryReference(articles: readonly Article[], passagesWithFacts: readonly PassageFacts[]): StoryReference | null {
  return referenceOf(articles, datedFacts(articles, passagesWithFacts));
}

/** All facts of each passage, dates placed as `placeCorpusDates` does (for grouping by date). */
export function factsWithPlacedDates(articles: readonly Article[], passagesWithFacts: readonly PassageFacts[]): Map<string, Fact[]> {
  const placedAt = new Map<string, PlacedDate>();
  for (const placed of placeCorpusDates(articles, passagesWithFacts))
    placedAt.set(`${placed.dated.article.id}:${placed.dated.fact.start}`, placed);
  return new Map(
    passagesWithFacts.map(({ passage, facts }) => [
      passage.id,
      facts.map((fact): Fact => {
        const placed = fact.kind === 'date' ? placedAt.get(`${passage.articleId}:${passage.start + fact.start}`) : undefined;
        if (!placed || placed.iso === null) return fact;
        return { ...fact, normalized: placed.iso, ...(placed.note !== undefined && { note: placed.note }) };
      }),
    ]),
  );
}

function referenceOf(articles: readonly Article[], dated: readonly DatedFact[]): StoryReference | null {
  return runToEnd(referenceSteps(articles, dated));
}

/** `referenceOf` in small steps (a yield every STEP articles or dates). */
function* referenceSteps(articles: readonly Article[], dated: readonly DatedFact[]): Generator<void, StoryReference | null> {
  // The latest by a number per date, and its wording made once for the winner (there may be 100k dates).
  let latest: { iso: string; key: number; basis: () => string } | null = null;
  const consider = (iso: string, basis: () => string): void => {
    const key = laterKey(iso);
    if (latest === null || key > latest.key) latest = { iso, key, basis };
  };
  let step = 0;
  for (const article of articles) {
    const { published } = article;
    if (published !== null) consider(published, () => `the latest publication date of the corpus (${published}, "${article.title}")`);
    if (++step % STEP === 0) yield;
  }
  for (const { fact, article, dating } of dated) {
    if (++step % STEP === 0) yield;
    const { placement } = dating;
    if (placement.type !== 'calendar' || placement.parts.year === undefined || placement.parts.month === undefined) continue;
    const iso = isoOf(placement.parts);
    if (iso !== null) consider(iso, () => `the latest date the story gives ('${fact.text}' in "${article.title}")`);
  }
  const found = latest as { iso: string; basis: () => string } | null;
  if (found === null) return null;
  const parts = isoParts(found.iso);
  const month =
    parts && isoOf({ ...(parts.year !== undefined && { year: parts.year }), ...(parts.month !== undefined && { month: parts.month }) });
  return month ? { iso: month, basis: found.basis() } : null;
}

/** Orders ISO dates by their start, a more precise one after the coarser one it starts with (`2024` < `2024-11` < `2024-11-13`). */
function laterKey(iso: string): number {
  const p = isoParts(iso);
  return (p?.year ?? 0) * 10_000 + (p?.month ?? 0) * 100 + (p?.day ?? 0);
}

function placeFromEvent(
  self: PlacedDate,
  placement: Extract<DatePlacement, { type: 'fromEvent' }>,
  anchorsByWord: ReadonlyMap<string, readonly PlacedDate[]>,
): { iso: string | null; note?: string } {
  // Listed under the event word without a plural s, in corpus order.
  const anchors = (anchorsByWord.get(placement.event.replace(/s$/, '')) ?? []).filter(
    (p) => p !== self && datesEventWord(p.dated.dating.eventWords, placement.event),
  );
  const { article } = self.dated;
  const anchor = anchors.find((p) => p.dated.article.id === article.id) ?? anchors[0];
  if (!anchor || anchor.iso === null) return { iso: null };
  const iso = shiftIso(anchor.iso, placement.unit, placement.direction * placement.amount);
  if (iso === null) return { iso: null };
  const where = anchor.dated.article.id === article.id ? 'the same article' : `"${anchor.dated.article.title}"`;
  return {
    iso,
    note: `≈ ${iso}, from '${self.dated.fact.text}', counting from the ${placement.event} dated '${anchor.dated.fact.text}' (${anchor.iso}) in ${where}`,
  };
}
