import { normalizeText } from '../search/terms.js';

/** Why a question is on the list: nothing answered it, or its answer got a 👎. */
export type UnansweredReason = 'no-answer' | 'disliked';

/** One time a question went unanswered or its answer was disliked. */
export interface UnansweredEntry {
  readonly question: string;
  /** ISO time. */
  readonly at: string;
  readonly reason: UnansweredReason;
}

/** A group of similar wordings, as `/unanswered` and `storybot unanswered --json` list it. */
export interface UnansweredQuestion {
  /** The group's most frequent wording (the latest of equally frequent ones). */
  readonly question: string;
  readonly count: number;
  /** ISO time of the latest. */
  readonly lastAsked: string;
  readonly reason: UnansweredReason;
}

/**
 * Share of index terms two wordings must have in common (of all the terms either has) to be one
 * question: with two or three terms that means the same terms, so "Who killed Soleimani?" and "who
 * KILLED soleimani" group but "When was Soleimani killed in Baghdad?" does not.
 */
const SAME_QUESTION = 0.75;

interface Group {
  readonly reason: UnansweredReason;
  readonly terms: ReadonlySet<string>;
  count: number;
  lastAsked: string;
  /** Per wording (as typed, spaces folded): how often, and when last. */
  readonly wordings: Map<string, { count: number; last: string }>;
}

/**
 * Groups unanswered questions by reason and by similar wording — the same index terms, as the search
 * engine's own analysis makes them (stop words dropped, irregular forms mapped, stems) — most frequent
 * first, then most recent.
 */
export function summariseUnanswered(entries: readonly UnansweredEntry[]): UnansweredQuestion[] {
  return mergeAlike(sameTerms(entries))
    .map((g) => ({ question: mostFrequent(g.wordings), count: g.count, lastAsked: g.lastAsked, reason: g.reason }))
    .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked));
}

/** Groups of the wordings with the very same reason and terms, found by key (cheap however many entries). */
function sameTerms(entries: readonly UnansweredEntry[]): Group[] {
  const exact = new Map<string, Group>();
  for (const entry of entries) {
    const wording = entry.question.replace(/\s+/g, ' ').trim();
    const terms = termsOf(wording);
    const key = `${entry.reason} ${[...terms].sort().join(' ')}`;
    let group = exact.get(key);
    if (!group) {
      group = { reason: entry.reason, terms, count: 0, lastAsked: entry.at, wordings: new Map() };
      exact.set(key, group);
    }
    group.count++;
    if (entry.at > group.lastAsked) group.lastAsked = entry.at;
    const seen = group.wordings.get(wording);
    if (!seen) group.wordings.set(wording, { count: 1, last: entry.at });
    else {
      seen.count++;
      if (entry.at > seen.last) seen.last = entry.at;
    }
  }
  return [...exact.values()];
}

/**
 * Merges groups whose terms are at least SAME_QUESTION alike into the latest of them, so a merged group
 * keeps the terms of its latest wording. Candidates are found by prefix filtering (as in all-pairs
 * similarity search): with every term set ordered rarest first, two sets at least SAME_QUESTION alike
 * share a term among the first |x| − ⌈SAME_QUESTION·|x|⌉ + 1 of each, and rare terms have short lists.
 */
function mergeAlike(exact: readonly Group[]): Group[] {
  const buckets = [...exact].sort((a, b) => b.lastAsked.localeCompare(a.lastAsked));
  const frequency = new Map<string, number>();
  for (const bucket of buckets) for (const term of bucket.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const prefix = (terms: ReadonlySet<string>): string[] =>
    [...terms]
      .sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || a.localeCompare(b))
      .slice(0, terms.size - Math.ceil(SAME_QUESTION * terms.size) + 1);
  const groups: Group[] = [];
  const byPrefixTerm = new Map<string, number[]>();
  for (const bucket of buckets) {
    const keys = prefix(bucket.terms).map((term) => `${bucket.reason} ${term}`);
    // The earliest-made (so latest) alike group among the candidates.
    let found = Infinity;
    for (const key of keys) {
      for (const at of byPrefixTerm.get(key) ?? []) {
        if (at < found && similarity(groups[at]?.terms ?? new Set(), bucket.terms) >= SAME_QUESTION) found = at;
      }
    }
    const group = groups[found];
    if (group) {
      group.count += bucket.count;
      for (const [wording, seen] of bucket.wordings) group.wordings.set(wording, seen);
      continue;
    }
    for (const key of keys) {
      const list = byPrefixTerm.get(key);
      if (list) list.push(groups.length);
      else byPrefixTerm.set(key, [groups.length]);
    }
    groups.push(bucket);
  }
  return groups;
}

/** The question's index terms; a question without any ("???") stands for itself, case aside. */
function termsOf(wording: string): ReadonlySet<string> {
  const terms = normalizeText(wording);
  return new Set(terms.length > 0 ? terms : [`"${wording.toLowerCase()}"`]);
}

/** Jaccard similarity of two term sets. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

function mostFrequent(wordings: ReadonlyMap<string, { count: number; last: string }>): string {
  let best: [string, { count: number; last: string }] | undefined;
  for (const entry of wordings) {
    if (!best || entry[1].count > best[1].count || (entry[1].count === best[1].count && entry[1].last > best[1].last)) best = entry;
  }
  return best?.[0] ?? '';
}
