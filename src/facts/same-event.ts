import { relatedTerms } from '../search/expand.js';
import lightWordData from '../search/light-words.json' with { type: 'json' };
import { normalizeText } from '../search/terms.js';
import { backgroundEventPhrases, datesRoles } from './clause-dating.js';
import { placementOfText } from './corpus-dates.js';
import type { DatePlacement } from './date-mentions.js';
import { wordsOf, type Word } from './content-words.js';
import type { DateParts } from './date-mentions.js';
import { isoParts } from './date-resolution.js';
import type { Fact } from './fact-types.js';
import { splitSentences, type Span } from '../passages/sentences.js';

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
  /** Lowest average similarity (0–1) at which passages count as the same event (default DEFAULT_SAME_EVENT_THRESHOLD). */
  readonly threshold?: number;
  /** How a date fact places itself, when read already (at index time); by default re-read from its text. */
  readonly placementOf?: (fact: Fact) => DatePlacement;
}

/**
 * Default similarity needed to group: the lowest at which grouping kept a precision of at least 0.8 on
 * the tuning half of eval/event-pairs.json (the other half is held out; see grouping-eval).
 */
export const DEFAULT_SAME_EVENT_THRESHOLD = 0.26;
const COMPATIBLE_DATES_BOOST = 1.25;
/**
 * How sharply rarity weighs a term in the shares: its square root. Over a story's few articles the
 * rarity of words is a rough guide (the story's own event words are frequent in it); on the tuning
 * half, ranking pairs by similarity was right more often with 0.5 than with 1 (AUC 0.85 / 0.82).
 */
const RARITY_EXPONENT = 0.5;
/** Main events dated apart are most likely two events; a little is left for a date misread. */
const CONFLICTING_DATES_PENALTY = 0.1;
/** Damping of a match through a related word, on top of the relation's own credit: related is not the same. */
const RELATED_MATCH_CREDIT = 0.25;
/** Least credit of a relation taken at all: weaker ones (broader terms, rare senses) matched unrelated events. */
const MIN_RELATED_CREDIT = 0.5;
/** Shortest term matched through related words: "us" (U.S.) is also the stem of "use", "de" that of "de-escalate". */
const MIN_RELATED_LENGTH = 3;
/**
 * Similarity given to two passages that tie one name to one event word in the same way: "Iran’s
 * message" / "Iran reportedly sent a message"; "killed … Suleimani" / "killing Soleimani". A telling
 * shared alone, amid different detail, that the mean share of words misses.
 */
const ANCHOR_SIMILARITY = 0.5;
/** What ends a clause between a name and a word: they are not tied across it. */
const CLAUSE_BREAK = /[,;:—–()"“”.!?]/u;
/**
 * How many words on from a name (or back before it) its event word may stand, within one clause:
 * "Iran reportedly delivered a surprising message" is five. Chosen on the tuning half of the labelled
 * pairs, among 3–7: the highest recall at a precision of at least 0.8 (0.46 at 0.86).
 */
const ANCHOR_REACH = 5;
const KEY_PHRASES_PER_PASSAGE = 3;
const MAX_PHRASE_WORDS = 3;

type FactsByPassage = ReadonlyMap<string, readonly Fact[]>;
/**
 * Words that tell no event apart: the light words of questions ("take", "make", "happen") and "official",
 * which in news names who told ("a U.S. official told …") as often as who acted.
 */
const EVENTLESS_TERMS: ReadonlySet<string> = new Set([...lightWordData.words, 'official'].flatMap((word) => normalizeText(word)));
/** Marks a name's term (`@` + its canonical name), apart from the words' terms. */
const NAME_MARK = '@';

interface Profile {
  readonly passage: EventPassage;
  /** Content-word stems outside names and dates, and `@canonical name` for each name. */
  readonly terms: ReadonlySet<string>;
  /** For each content-word stem, the terms WordNet relates to it, with the credit of a match through them. */
  readonly related: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Each term some content word of it relates to, with the best credit: `related` the other way round. */
  readonly relatedBy: ReadonlyMap<string, number>;
  readonly words: readonly Word[];
  readonly facts: readonly Fact[];
  /** Calendar dates of its main events (not those of a subordinate clause: "despite threats … in 2020"). */
  readonly dates: readonly DateParts[];
  /** Each name tied to a content word near it in one clause (see `anchorsOf`), as `canonical name` + NUL + stem. */
  readonly anchors: ReadonlySet<string>;
}

/**
 * Term rarity read from a search index's document frequencies, whose terms are the words' (`wordsOf`):
 * a name (`@Donald Trump`) is as rare as the most frequent of its words there ("trump"), since passages
 * often give only part of it; a name none of whose words the index holds counts as in one passage.
 */
export function rarityFromIndex(index: { readonly documents: number; documentFrequency(term: string): number }): WordRarity {
  const get = (term: string): number | undefined => {
    const frequency = term.startsWith(NAME_MARK)
      ? Math.max(0, ...normalizeText(term.slice(NAME_MARK.length)).map((word) => index.documentFrequency(word)))
      : index.documentFrequency(term);
    return frequency > 0 ? frequency : undefined;
  };
  return { documents: index.documents, frequency: { get } };
}

/** Term rarity over the given passages (the corpus, at index time). */
export function buildWordRarity(passages: readonly EventPassage[], factsByPassage: FactsByPassage): WordRarity {
  const frequency = new Map<string, number>();
  for (const passage of passages) {
    for (const term of termsOf(passage, factsByPassage.get(passage.id) ?? []).terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  return { documents: passages.length, frequency };
}

/**
 * Groups passages of different articles that report the same event. Similarity of two passages: the
 * mean share of each one's terms (content-word stems and canonical names, weighted by rarity) that
 * the other matches, exactly or, for a damped credit, through a word WordNet relates to it; raised
 * when the dates of their main events are compatible, cut when they conflict. Groups grow by average
 * linkage over pairs from different articles, so one passage that mentions two events does not chain
 * them together, and only while that average reaches the threshold, set on labelled pairs for
 * precision first (a group shown is meant to be right). Returns only groups reported by two or more
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
  const { words, content, terms } = termsOf(passage, facts);
  const related = new Map<string, ReadonlyMap<string, number>>();
  const relatedBy = new Map<string, number>();
  for (const word of content) {
    if (related.has(word.stem) || word.stem.length < MIN_RELATED_LENGTH) continue;
    const near = relatedOf(passage.text.slice(word.start, word.end).toLowerCase());
    related.set(word.stem, near);
    for (const [term, credit] of near) relatedBy.set(term, Math.max(relatedBy.get(term) ?? 0, credit));
  }
  const sentences = splitSentences(passage.text);
  const dates = mainDates(passage.text, sentences, facts).flatMap((f) => calendarParts(f, placementOf));
  return { passage, terms, related, relatedBy, words, facts, dates, anchors: anchorsOf(passage.text, sentences, words, content, facts) };
}

/**
 * The passage's names tied to the content words that stand near them in one clause (no punctuation
 * between, at most ANCHOR_REACH words apart): after a name in the possessive ("Iran’s October
 * message") or a word or more on ("Iran reportedly sent a message"), or before it ("killed Maj. Gen.
 * Qassim Suleimani"). The word right after a name not in the possessive is left out: "the Biden
 * administration" is part of the name's phrase, not its event. Names in a subordinate clause count
 * too (a sentence that comments on "Iran’s message" in a "while …" clause still tells of it), but not
 * in the noun phrase of an earlier event given as background ("retaliation for the killing of
 * General Qassim Suleimani", see `backgroundEventPhrases`).
 */
function anchorsOf(
  text: string,
  sentences: readonly Span[],
  words: readonly Word[],
  content: readonly Word[],
  facts: readonly Fact[],
): Set<string> {
  const anchors = new Set<string>();
  const background = sentences.flatMap((sentence) =>
    backgroundEventPhrases(text.slice(sentence.start, sentence.end)).map((span) => ({
      start: span.start + sentence.start,
      end: span.end + sentence.start,
    })),
  );
  const told = (span: { readonly start: number; readonly end: number }): boolean =>
    !background.some((b) => span.start >= b.start && span.end <= b.end);
  const eventWords = new Set(content.filter(told));
  const joined = (from: number, to: number): boolean => !CLAUSE_BREAK.test(text.slice(from, to));
  for (const fact of facts) {
    if (fact.kind === 'date' || !told(fact)) continue;
    const tie = (word: Word): void => void anchors.add(`${fact.normalized ?? fact.text}\u0000${word.stem}`);
    const possessive = /^[’']s\b/u.test(text.slice(fact.end));
    const first = words.findIndex((w) => w.start >= fact.end);
    let edge = fact.end;
    for (let i = first; i >= 0 && i - first < ANCHOR_REACH; i++) {
      const word = words[i];
      if (!word || !joined(edge, word.start)) break;
      if (eventWords.has(word) && (possessive || i > first)) tie(word);
      edge = word.end;
    }
    const last = words.findLastIndex((w) => w.end <= fact.start);
    edge = fact.start;
    for (let i = last; i >= 0 && last - i < ANCHOR_REACH; i--) {
      const word = words[i];
      if (!word || !joined(word.end, edge)) break;
      if (eventWords.has(word)) tie(word);
      edge = word.start;
    }
  }
  return anchors;
}

/** A passage's words, those that tell its event (content words outside its names and dates), and its terms. */
function termsOf(passage: EventPassage, facts: readonly Fact[]): { words: Word[]; content: Word[]; terms: Set<string> } {
  const inFact = (w: Word): boolean => facts.some((f) => w.start < f.end && w.end > f.start);
  const words = wordsOf(passage.text);
  const content = words.filter((w) => w.content && !inFact(w) && !EVENTLESS_TERMS.has(w.stem));
  const terms = new Set(content.map((w) => w.stem));
  for (const fact of facts) if (fact.kind !== 'date') terms.add(`${NAME_MARK}${fact.normalized ?? fact.text}`);
  return { words, content, terms };
}

/**
 * The date facts that date a main event of their sentence: a date in a subordinate clause or an
 * event's noun phrase ("despite threats of retaliation for the killing of … in 2020") dates only that.
 */
function mainDates(text: string, sentences: readonly Span[], facts: readonly Fact[]): Fact[] {
  const dates = facts.filter((f) => f.kind === 'date');
  return sentences.flatMap((sentence) => {
    const inside = dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
    const roles = datesRoles(
      text.slice(sentence.start, sentence.end),
      inside.map((d) => ({ start: d.start - sentence.start, end: d.end - sentence.start })),
    );
    return inside.filter((_, i) => roles[i]?.role === 'main');
  });
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

/**
 * How much of each passage the other matches (each term weighted by its rarity; a term matched
 * through a related word counts for a damped credit), the mean of the two shares; raised when their
 * main dates agree, lowered when they conflict.
 */
function profileSimilarity(a: Profile, b: Profile, rarity: WordRarity): number {
  const shared = [...a.anchors].some((anchor) => b.anchors.has(anchor));
  const cover = Math.max((coverage(a, b, rarity) + coverage(b, a, rarity)) / 2, shared ? ANCHOR_SIMILARITY : 0);
  const dates = dateAgreement(a.dates, b.dates);
  const factor = dates === 'compatible' ? COMPATIBLE_DATES_BOOST : dates === 'conflicting' ? CONFLICTING_DATES_PENALTY : 1;
  return Math.min(1, cover * factor);
}

/** The share of `a`'s terms, weighted by rarity (see RARITY_EXPONENT), that `b` matches exactly or through a related word. */
function coverage(a: Profile, b: Profile, rarity: WordRarity): number {
  let matched = 0;
  let norm = 0;
  for (const term of a.terms) {
    const w = weight(term, rarity) ** RARITY_EXPONENT;
    norm += w;
    matched += w * match(term, a, b);
  }
  return norm === 0 ? 0 : matched / norm;
}

/** How well `b` matches a term of `a`: 1 when it has it, a damped credit when it has a related word (either way round). */
function match(term: string, a: Profile, b: Profile): number {
  if (b.terms.has(term)) return 1;
  let best = b.relatedBy.get(term) ?? 0;
  for (const [near, credit] of a.related.get(term) ?? []) if (b.terms.has(near)) best = Math.max(best, credit);
  return best * RELATED_MATCH_CREDIT;
}

/** Words whose related terms are remembered; cleared when full, which bounds its memory. */
const RELATED_CACHE_SIZE = 20_000;
const relatedCache = new Map<string, ReadonlyMap<string, number>>();

/** The terms WordNet relates to a lower-case word that grouping takes (see MIN_RELATED_CREDIT), remembered per word. */
function relatedOf(word: string): ReadonlyMap<string, number> {
  let near = relatedCache.get(word);
  if (near === undefined) {
    if (relatedCache.size >= RELATED_CACHE_SIZE) relatedCache.clear();
    near = new Map([...relatedTerms(word)].filter(([term, credit]) => term.length >= MIN_RELATED_LENGTH && credit >= MIN_RELATED_CREDIT));
    relatedCache.set(word, near);
  }
  return near;
}

/**
 * Compatible: some pair of dates gives a field in common (year, month or day) and agrees on every one.
 * Conflicting: pairs give fields in common, and none agrees. Otherwise unknown: "since 2020" and "in
 * October" say nothing of each other.
 */
function dateAgreement(a: readonly DateParts[], b: readonly DateParts[]): 'compatible' | 'conflicting' | 'unknown' {
  let comparable = false;
  for (const x of a) {
    for (const y of b) {
      const common = (['year', 'month', 'day'] as const).filter((k) => x[k] !== undefined && y[k] !== undefined);
      if (common.length === 0) continue;
      if (common.every((k) => x[k] === y[k])) return 'compatible';
      comparable = true;
    }
  }
  return comparable ? 'conflicting' : 'unknown';
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
  const sharedTerms = first ? [...first.terms].filter((t) => members.every((m) => m.terms.has(t))) : [];
  sharedTerms.sort((a, b) => weight(b, rarity) - weight(a, rarity));
  return {
    passages: members.map((m) => m.passage.id),
    articles: [...new Set(members.map((m) => m.passage.articleId))],
    shared: first ? sharedTerms.slice(0, 6).map((t) => (t.startsWith(NAME_MARK) ? t.slice(NAME_MARK.length) : writtenAs(first, t))) : [],
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

/** How telling a term is in a collection, as the grouping weighs it: log(1 + documents / frequency), an unseen term as in one. */
export { weight as termWeight };
