import { placementOfText } from './corpus-dates.js';
import type { DatePlacement } from './date-mentions.js';
import { wordsOf, type Word } from './content-words.js';
import type { DateParts } from './date-mentions.js';
import { isoParts } from './date-resolution.js';
import type { Fact } from './fact-types.js';

/** What grouping needs of a passage (a `Passage` or an `AnswerPassage` mapped to this). */
export interface EventPassage {
  readonly id: string;
  readonly articleId: string;
  readonly text: string;
}

/** How one passage of a group tells the event. */
export interface EventTelling {
  readonly passage: string;
  readonly articleId: string;
  /** Its dates, as written ("months before the election" / "in September"). */
  readonly dates: readonly string[];
  /** Its most telling words that the other passages of the group do not share, as written. */
  readonly keyPhrases: readonly string[];
}

/** Passages of different articles that report the same event. */
export interface SameEventGroup {
  /** Passage ids, in the order given. */
  readonly passages: readonly string[];
  /** Distinct article ids: "reported by N sources" with N = its length (at least 2). */
  readonly articles: readonly string[];
  /** What the passages have in common: canonical names and words as written in the first passage. */
  readonly shared: readonly string[];
  /** The passages side by side, to show where they agree and differ. */
  readonly tellings: readonly EventTelling[];
}

/** How rare each term is in a collection of passages (inverse document frequency). */
export interface WordRarity {
  readonly documents: number;
  /** In how many of the `documents` a term occurs (undefined when in none); a Map will do. */
  readonly frequency: { get(term: string): number | undefined };
}

export interface GroupingOptions {
  /** Rarity of terms, best built from the whole corpus; by default from the passages being grouped. */
  readonly rarity?: WordRarity;
  /** Lowest average similarity (0–1) at which passages count as the same event (default 0.25). */
  readonly threshold?: number;
  /** How a date fact places itself, when read already (at index time); by default re-read from its text. */
  readonly placementOf?: (fact: Fact) => DatePlacement;
}

/** Default similarity needed to group, chosen before measuring (see grouping-eval). */
export const DEFAULT_SAME_EVENT_THRESHOLD = 0.25;
const COMPATIBLE_DATES_BOOST = 1.25;
const CONFLICTING_DATES_PENALTY = 0.5;
const KEY_PHRASES_PER_PASSAGE = 3;
const MAX_PHRASE_WORDS = 3;

type FactsByPassage = ReadonlyMap<string, readonly Fact[]>;

interface Profile {
  readonly passage: EventPassage;
  /** Content-word stems outside names and dates, `@canonical name` for each name, `#` date terms. */
  readonly terms: ReadonlySet<string>;
  readonly words: readonly Word[];
  readonly facts: readonly Fact[];
  readonly dates: readonly DateParts[];
}

/** Term rarity over the given passages (the corpus, at index time). */
export function buildWordRarity(passages: readonly EventPassage[], factsByPassage: FactsByPassage): WordRarity {
  const frequency = new Map<string, number>();
  for (const passage of passages) {
    for (const term of profileOf(passage, factsByPassage).terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  return { documents: passages.length, frequency };
}

/**
 * Groups passages of different articles that report the same event. Similarity of two passages:
 * cosine of their terms (content-word stems, canonical names, dates at each precision) weighted by
 * rarity, raised when they give a compatible calendar date, lowered when all their calendar dates
 * conflict. Groups grow by average linkage over pairs from different articles, so one passage that
 * mentions two events does not chain them together. Returns only groups reported by two or more
 * articles. Cubic in the number of passages: meant for an answer's passages or one story's sentences.
 */
export function groupSameEvents(
  passages: readonly EventPassage[],
  factsByPassage: FactsByPassage,
  options: GroupingOptions = {},
): SameEventGroup[] {
  const threshold = options.threshold ?? DEFAULT_SAME_EVENT_THRESHOLD;
  const rarity = options.rarity ?? buildWordRarity(passages, factsByPassage);
  const profiles = passages.map((p) => profileOf(p, factsByPassage, options.placementOf));
  const similarity = profiles.map((a) => profiles.map((b) => (a === b ? 1 : profileSimilarity(a, b, rarity))));
  let clusters = profiles.map((_, i) => [i]);
  for (;;) {
    let best: { i: number; j: number; score: number } | null = null;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const score = averageLinkage(clusters[i] ?? [], clusters[j] ?? [], profiles, similarity);
        if (score !== null && score >= threshold && (!best || score > best.score)) best = { i, j, score };
      }
    }
    if (!best) break;
    const { i, j } = best;
    clusters = [...clusters.filter((_, k) => k !== i && k !== j), [...(clusters[i] ?? []), ...(clusters[j] ?? [])].sort((a, b) => a - b)];
  }
  return clusters
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
    .map((members) => members.map((m) => profiles[m]).filter((p): p is Profile => p !== undefined))
    .filter((members) => new Set(members.map((p) => p.passage.articleId)).size >= 2)
    .map((members) => describeGroup(members, rarity));
}

/** Similarity (0–1) of two passages as `groupSameEvents` measures it. */
export function eventSimilarity(
  a: EventPassage,
  b: EventPassage,
  factsByPassage: FactsByPassage,
  rarity: WordRarity = buildWordRarity([a, b], factsByPassage),
): number {
  return profileSimilarity(profileOf(a, factsByPassage), profileOf(b, factsByPassage), rarity);
}

function profileOf(passage: EventPassage, factsByPassage: FactsByPassage, placementOf = placementOfFact): Profile {
  const facts = factsByPassage.get(passage.id) ?? [];
  const inFact = (w: Word): boolean => facts.some((f) => w.start < f.end && w.end > f.start);
  const words = wordsOf(passage.text);
  const terms = new Set(words.filter((w) => w.content && !inFact(w)).map((w) => w.stem));
  for (const fact of facts) if (fact.kind !== 'date') terms.add(`@${fact.normalized ?? fact.text}`);
  const dates = facts.filter((f) => f.kind === 'date').flatMap((f) => calendarParts(f, placementOf));
  for (const term of dates.flatMap(dateTerms)) terms.add(term);
  return { passage, terms, words, facts, dates };
}

/**
 * A date as terms at each precision it has, so that rarity weighs it like a word: "Oct. 14" with no
 * year → `#*-10`, `#*-10-14`; 2020-01 → `#2020`, `#2020-01`, `#*-01`.
 */
function dateTerms({ year, month, day }: DateParts): string[] {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const terms: string[] = [];
  if (year !== undefined) terms.push(`#${year}`);
  if (month !== undefined) {
    terms.push(`#*-${pad(month)}`);
    if (year !== undefined) terms.push(`#${year}-${pad(month)}`);
    if (day !== undefined) terms.push(`#*-${pad(month)}-${pad(day)}`);
  }
  return terms;
}

function placementOfFact(fact: Fact): DatePlacement {
  return placementOfText(fact.text);
}

function calendarParts(fact: Fact, placementOf: (fact: Fact) => DatePlacement): DateParts[] {
  const resolved = fact.normalized === undefined ? null : isoParts(fact.normalized);
  if (resolved) return [resolved];
  const placement = placementOf(fact);
  return placement.type === 'calendar' ? [placement.parts] : [];
}

function weight(term: string, rarity: WordRarity): number {
  return Math.log(1 + rarity.documents / (rarity.frequency.get(term) ?? 1));
}

function profileSimilarity(a: Profile, b: Profile, rarity: WordRarity): number {
  let shared = 0;
  let normA = 0;
  let normB = 0;
  for (const term of a.terms) {
    const w = weight(term, rarity) ** 2;
    normA += w;
    if (b.terms.has(term)) shared += w;
  }
  for (const term of b.terms) normB += weight(term, rarity) ** 2;
  if (normA === 0 || normB === 0) return 0;
  const cosine = shared / Math.sqrt(normA * normB);
  const dates = dateAgreement(a.dates, b.dates);
  const factor = dates === 'compatible' ? COMPATIBLE_DATES_BOOST : dates === 'conflicting' ? CONFLICTING_DATES_PENALTY : 1;
  return Math.min(1, cosine * factor);
}

/** Compatible: some pair of dates agrees on every field both give. Conflicting: both have dates, none agree. */
function dateAgreement(a: readonly DateParts[], b: readonly DateParts[]): 'compatible' | 'conflicting' | 'unknown' {
  if (a.length === 0 || b.length === 0) return 'unknown';
  const agree = (x: DateParts, y: DateParts): boolean =>
    (['year', 'month', 'day'] as const).every((k) => x[k] === undefined || y[k] === undefined || x[k] === y[k]);
  return a.some((x) => b.some((y) => agree(x, y))) ? 'compatible' : 'conflicting';
}

/** Average similarity over the pairs of the two clusters that come from different articles. */
function averageLinkage(
  x: readonly number[],
  y: readonly number[],
  profiles: readonly Profile[],
  similarity: readonly (readonly number[])[],
): number | null {
  let total = 0;
  let pairs = 0;
  for (const i of x) {
    for (const j of y) {
      if (profiles[i]?.passage.articleId === profiles[j]?.passage.articleId) continue;
      total += similarity[i]?.[j] ?? 0;
      pairs++;
    }
  }
  return pairs === 0 ? null : total / pairs;
}

function describeGroup(members: readonly Profile[], rarity: WordRarity): SameEventGroup {
  const [first] = members;
  const sharedTerms = first ? [...first.terms].filter((t) => !t.startsWith('#') && members.every((m) => m.terms.has(t))) : [];
  sharedTerms.sort((a, b) => weight(b, rarity) - weight(a, rarity));
  return {
    passages: members.map((m) => m.passage.id),
    articles: [...new Set(members.map((m) => m.passage.articleId))],
    shared: first ? sharedTerms.slice(0, 6).map((t) => (t.startsWith('@') ? t.slice(1) : writtenAs(first, t))) : [],
    tellings: members.map((m) => ({
      passage: m.passage.id,
      articleId: m.passage.articleId,
      dates: m.facts.filter((f) => f.kind === 'date').map((f) => f.text),
      keyPhrases: keyPhrases(
        m,
        members.filter((o) => o !== m),
        rarity,
      ),
    })),
  };
}

function writtenAs(profile: Profile, stem: string): string {
  const word = profile.words.find((w) => w.content && w.stem === stem);
  return word ? profile.passage.text.slice(word.start, word.end) : stem;
}

/**
 * The passage's runs of content words that no other member has (stop words may join them:
 * "act of war"), outside names and dates, rarest first, then shown in text order.
 */
function keyPhrases(profile: Profile, others: readonly Profile[], rarity: WordRarity): string[] {
  const elsewhere = new Set(others.flatMap((o) => [...o.terms]));
  const inFact = (w: Word): boolean => profile.facts.some((f) => w.start < f.end && w.end > f.start);
  const runs: { start: number; end: number; words: number; score: number }[] = [];
  let run: (typeof runs)[number] | null = null;
  let previous: Word | null = null;
  for (const word of profile.words) {
    const distinct = word.content && !inFact(word) && !elsewhere.has(word.stem);
    const joined = previous !== null && !/[.,;:!?—–()"“”]/u.test(profile.passage.text.slice(previous.end, word.start));
    if (distinct && run && joined && run.words < MAX_PHRASE_WORDS) {
      run.end = word.end;
      run.words++;
      run.score += weight(word.stem, rarity);
    } else if (distinct) {
      run = { start: word.start, end: word.end, words: 1, score: weight(word.stem, rarity) };
      runs.push(run);
    } else if (word.content || !joined) {
      run = null;
    }
    previous = word;
  }
  return runs
    .sort((a, b) => b.score - a.score)
    .slice(0, KEY_PHRASES_PER_PASSAGE)
    .sort((a, b) => a.start - b.start)
    .map((r) => profile.passage.text.slice(r.start, r.end));
}
