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
  const groups: Group[] = [];
  // Latest first, so each group's terms are those of its latest wording.
  const latestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  for (const entry of latestFirst) {
    const wording = entry.question.replace(/\s+/g, ' ').trim();
    const terms = termsOf(wording);
    let group = groups.find((g) => g.reason === entry.reason && similarity(g.terms, terms) >= SAME_QUESTION);
    if (!group) {
      group = { reason: entry.reason, terms, count: 0, lastAsked: entry.at, wordings: new Map() };
      groups.push(group);
    }
    group.count++;
    const seen = group.wordings.get(wording);
    if (seen) seen.count++;
    else group.wordings.set(wording, { count: 1, last: entry.at });
  }
  return groups
    .map((g) => ({ question: mostFrequent(g.wordings), count: g.count, lastAsked: g.lastAsked, reason: g.reason }))
    .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked));
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
