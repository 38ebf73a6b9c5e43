import type { Passage } from '../passages/passage.js';
import type { ExpandedQuestion } from './expand.js';
import type { AnalysedQuestion, QueryTerm } from './question.js';
import { normalizeText } from './terms.js';
import { kindMatch, type Traits } from './traits.js';

/** A passage found for a question, with the measures its final score is made of. */
export interface RankedPassage {
  readonly passage: Passage;
  /** Final score, higher is better. */
  readonly score: number;
  /** Share (0–1) of the question's terms, weighted by rarity, that the passage and its paragraph hold. */
  readonly coverage: number;
  /** The question's own terms the passage itself contains, directly or through an expansion. */
  readonly covered: ReadonlySet<string>;
}

/** Weight of the passage's traits matching the kinds the question asks for (who → names…). */
const KIND_BOOST = 0.3;
/** Weight of the question's terms standing close together in the passage. */
const PROXIMITY_BOOST = 0.2;
/** Weight of the question's words appearing in the very form the question uses them. */
const EXACT_FORM_BOOST = 0.1;

/** What the ranker needs to know about the indexed corpus. */
export interface RankingStats {
  /** Number of passages containing a term. */
  documentFrequency(term: string): number;
  readonly passageCount: number;
  /** Average number of index terms in a passage. */
  readonly averagePassageLength: number;
  traitsOf(passageId: string): Traits;
  /** The other passages of a passage's paragraph, at most `reach` passages before or after it. */
  neighboursOf(passage: Passage, reach: number): readonly Passage[];
  /** A passage's words and their index terms (null for words without meaning), in order. */
  wordsOf(passage: Passage): PassageWords;
  /** How close a term is in meaning to others (cosine of their word vectors, −1 … 1), when word vectors are at hand. */
  readonly similarityTo?: ((term: string) => (other: string) => number) | undefined;
}

/** Index terms position by position (null for words without meaning), read in place rather than copied. */
export interface TermSequence {
  readonly length: number;
  termAt(position: number): string | null;
}

/** A passage's words as index terms and as written. */
export interface PassageWords {
  readonly terms: TermSequence;
  /** Whether the passage has this word, lower-cased, exactly as written. */
  hasForm(form: string): boolean;
  /** The words as written, lower-cased (tokenised on each call: for the few passages that need them all). */
  forms(): ReadonlySet<string>;
}

/** An array of terms as a TermSequence. */
export function termSequence(terms: readonly (string | null)[]): TermSequence {
  return { length: terms.length, termAt: (position) => terms[position] ?? null };
}

/** One hit of the full-text search, before re-ranking. */
export interface SearchHit {
  readonly passage: Passage;
  readonly score: number;
}

/**
 * How many postings (passages containing a query term) candidate gathering may score. At 100k passages
 * a common stem such as "say" is in a third of them, which costs time (about 0.15 µs a posting with
 * `bestMatches`, 2.5 µs with MiniSearch's own search) while its low rarity adds little to which
 * passages come first; so terms are taken rarest first while their postings fit, and the rest still
 * count in the re-ranking of the candidates the rarer terms find.
 */
export const CANDIDATE_POSTINGS_BUDGET = 2000;
/**
 * The question's two rarest own terms are searched even beyond the budget, up to this many postings:
 * one mid-frequency word alone finds too many passages to rank the one that has both.
 */
const TWO_TERMS_POSTINGS_CAP = 2 * CANDIDATE_POSTINGS_BUDGET;

/**
 * The query terms to gather candidates with: the question's own terms, rarest first, then synonyms,
 * as long as their postings fit the budget — and at least the question's own rarest term, and its
 * second rarest while both fit TWO_TERMS_POSTINGS_CAP.
 */
export function candidateTerms(terms: readonly QueryTerm[], stats: RankingStats, budget = CANDIDATE_POSTINGS_BUDGET): QueryTerm[] {
  // The question's own terms first, rarest first; synonyms only with the budget they leave.
  const byRarity = [...terms].sort(
    (a, b) => Number(a.synonym) - Number(b.synonym) || stats.documentFrequency(a.term) - stats.documentFrequency(b.term),
  );
  const chosen: QueryTerm[] = [];
  let postings = 0;
  for (const term of byRarity) {
    const df = stats.documentFrequency(term.term);
    const own = chosen.filter((t) => !t.synonym).length;
    const needed = !term.synonym && (own === 0 || (own === 1 && postings + df <= Math.max(budget, TWO_TERMS_POSTINGS_CAP)));
    if (postings + df > budget && !needed) continue;
    chosen.push(term);
    postings += df;
  }
  return chosen;
}

/**
 * Weight of a question term found only in the passage's paragraph neighbours (or its heading) rather
 * than in the passage itself: a sentence is read in its paragraph, as its reader would ("Construction
 * will take six weeks" answers "how long will the Main Street bike lane take?" because the sentence
 * before it names the bike lane), but the quote must itself say most of what is asked.
 */
const NEIGHBOUR_CREDIT = 0.5;
const HEADING_CREDIT = 0.3;
/**
 * The score is multiplied by coverage to this power: a passage that holds more of what is asked beats
 * one that repeats a few of its rarer words (chosen on the SQuAD DEV split, eval/squad-dev).
 */
const COVERAGE_POWER = 1.5;
/**
 * A question term the passage lacks earns credit for the passage word nearest to it in meaning (GloVe
 * cosine), from nothing at SOFT_MATCH_FLOOR to SOFT_MATCH_CREDIT at 1 — "troops" / "soldiers" (0.90)
 * earns 0.40 —, in the SOFT_MATCH_DEPTH best candidates. Floor and credit chosen on the SQuAD DEV split.
 */
const SOFT_MATCH_FLOOR = 0.5;
const SOFT_MATCH_CREDIT = 0.5;
const SOFT_MATCH_DEPTH = 30;
/** How many passages before and after a sentence count as its neighbours: a long paragraph holds several topics. */
const NEIGHBOUR_REACH = 3;
/** BM25's term-frequency saturation and (milder than the full-text search's) length normalisation. */
const BM25_K = 1.2;
const BM25_B = 0.5;

/** What a passage holds of each question term: how strongly it matches, in itself and around it. */
interface Evidence {
  /** Origin term → best credit (0–1) found in the passage itself. */
  readonly own: ReadonlyMap<string, number>;
  /** Origin term → best credit found in its paragraph neighbours or heading. */
  readonly around: Map<string, number>;
  /** Origin term → how often it (or an expansion) occurs in the passage. */
  readonly frequency: ReadonlyMap<string, number>;
  readonly length: number;
  readonly words: PassageWords;
}

/**
 * Re-ranks candidate passages. Each of the question's terms counts with its rarity (idf) and weight,
 * by how well the passage matches it — fully as such, partly through an expansion (a synonym, a
 * related word, a corrected spelling) — with BM25's saturation, plus a smaller credit for terms the
 * passage lacks but its paragraph neighbours or heading hold, and part credit for a word near in
 * meaning to a term the passage lacks (not for the question's `names`, when given). That sum is weighed
 * by whether the passage gives the kind of answer asked for and how close together the question's terms stand.
 */
export function rerank(
  hits: readonly SearchHit[],
  question: AnalysedQuestion & Partial<Pick<ExpandedQuestion, 'names'>>,
  stats: RankingStats,
): RankedPassage[] {
  if (hits.length === 0) return [];
  const idf = (term: string): number => Math.log(1 + (stats.passageCount + 1) / (stats.documentFrequency(term) + 0.5));
  const totalWeight = [...question.origins].reduce((sum, [term, weight]) => sum + weight * idf(term), 0);
  if (totalWeight <= 0) return [];
  const expansions = expansionsOf(question);
  const matches = passageMatches(expansions, stats);
  const averageLength = Math.max(1, stats.averagePassageLength);

  // A name is matched as itself, a spelling of it or a synonym, never by a word near it in meaning (Israel ≈ Iran).
  const names: ReadonlySet<string> = new Set(question.names ?? []);
  const rank = (passage: Passage, nearInMeaning?: NearInMeaning): RankedPassage => {
    const evidence = evidenceOf(passage, matches, stats);
    let score = 0;
    let covered = 0;
    const coveredTerms = new Set<string>();
    for (const [origin, weight] of question.origins) {
      const own = evidence.own.get(origin) || (nearInMeaning && !names.has(origin) ? nearInMeaning(origin, evidence.words.terms) : 0);
      const around = evidence.around.get(origin) ?? 0;
      const value = weight * idf(origin);
      if (own > 0) {
        const tf = evidence.frequency.get(origin) ?? 1;
        const saturation = (tf * (BM25_K + 1)) / (tf + BM25_K * (1 - BM25_B + (BM25_B * evidence.length) / averageLength));
        score += value * own * saturation;
        coveredTerms.add(origin);
      }
      if (around > own) score += value * (around - own);
      covered += value * Math.max(own, around);
    }
    // Terms of earlier questions in a conversation rank among passages but do not count as coverage.
    for (const term of question.terms) {
      if (term.context && evidence.own.has(term.term)) score += term.weight * idf(term.term);
    }
    const kind = kindMatch(stats.traitsOf(passage.id), question.kinds);
    const proximity = proximityOf(evidence.words.terms, expansions, coveredTerms);
    const exact = exactFormShare(evidence.words, question.wordForms);
    const final = score * (1 + KIND_BOOST * kind) * (1 + PROXIMITY_BOOST * proximity) * (1 + EXACT_FORM_BOOST * exact);
    const coverage = covered / totalWeight;
    return { passage, score: final * coverage ** COVERAGE_POWER, coverage, covered: coveredTerms };
  };
  const byScore = (a: RankedPassage, b: RankedPassage): number => b.score - a.score;
  const ranked = hits.map((hit) => rank(hit.passage)).sort(byScore);
  // Words near in meaning re-rank the best candidates only: comparing vectors costs more than matching terms.
  if (!stats.similarityTo) return ranked;
  const nearInMeaning = nearInMeaningOf(stats.similarityTo);
  const best = ranked.slice(0, SOFT_MATCH_DEPTH).map((r) => rank(r.passage, nearInMeaning));
  return [...best, ...ranked.slice(SOFT_MATCH_DEPTH)].sort(byScore);
}

/** The credit (0 when none) a passage's terms earn a question term it lacks, by their nearest meaning. */
type NearInMeaning = (origin: string, terms: TermSequence) => number;

/** Term pairs' similarities are remembered for one re-ranking: the candidates share most of their words. */
function nearInMeaningOf(similarityTo: (term: string) => (other: string) => number): NearInMeaning {
  const known = new Map<string, { similarity: (other: string) => number; credits: Map<string, number> }>();
  return (origin, terms) => {
    let found = known.get(origin);
    if (!found) known.set(origin, (found = { similarity: similarityTo(origin), credits: new Map() }));
    const { similarity, credits } = found;
    let best = 0;
    for (let at = 0; at < terms.length; at++) {
      const term = terms.termAt(at);
      if (term === null) continue;
      let credit = credits.get(term);
      if (credit === undefined) {
        const cosine = similarity(term);
        credit = cosine > SOFT_MATCH_FLOOR ? (SOFT_MATCH_CREDIT * (cosine - SOFT_MATCH_FLOOR)) / (1 - SOFT_MATCH_FLOOR) : 0;
        credits.set(term, credit);
      }
      if (credit > best) best = credit;
    }
    return best;
  };
}

/** What a searched term stands for: a question term, the credit a match earns it, and the several-word synonym it is part of. */
interface Expansion {
  readonly origin: string;
  readonly credit: number;
  readonly phrase?: readonly string[] | undefined;
}
/** For each term searched, the question terms it stands for and the credit a match earns them. */
type Expansions = ReadonlyMap<string, readonly Expansion[]>;

function expansionsOf(question: AnalysedQuestion): Expansions {
  const table = new Map<string, Expansion[]>();
  for (const term of question.terms) {
    for (const origin of term.origins) {
      const list = table.get(term.term) ?? [];
      list.push({ origin, credit: term.credit, phrase: term.phrase });
      table.set(term.term, list);
    }
  }
  return table;
}

/** What a passage and its surroundings hold of the question's terms. */
function evidenceOf(passage: Passage, matches: PassageMatches, stats: RankingStats): Evidence {
  const words = stats.wordsOf(passage);
  const { own, frequency, length } = matches(passage);
  const around = new Map<string, number>();
  const note = (credits: ReadonlyMap<string, number>, factor: number): void => {
    for (const [origin, credit] of credits) if (credit * factor > (around.get(origin) ?? 0)) around.set(origin, credit * factor);
  };
  for (const neighbour of stats.neighboursOf(passage, NEIGHBOUR_REACH)) note(matches(neighbour).own, NEIGHBOUR_CREDIT);
  if (passage.heading) note(matches.heading(passage.heading), HEADING_CREDIT);
  return { own, around, frequency, length, words };
}

/** A passage's matches of the question's terms, remembered for one re-ranking (neighbours are shared). */
interface PassageMatches {
  (passage: Passage): {
    readonly own: ReadonlyMap<string, number>;
    readonly frequency: ReadonlyMap<string, number>;
    /** Number of words with meaning. */
    readonly length: number;
  };
  heading(text: string): ReadonlyMap<string, number>;
}

function passageMatches(expansions: Expansions, stats: RankingStats): PassageMatches {
  const matchesOf = (terms: TermSequence) => {
    const own = new Map<string, number>();
    const frequency = new Map<string, number>();
    let length = 0;
    // The words of each several-word synonym held, to credit it in the share held.
    let phrases: Map<readonly string[], Set<string>> | undefined;
    for (let at = 0; at < terms.length; at++) {
      const term = terms.termAt(at);
      if (term === null) continue;
      length++;
      for (const { origin, credit, phrase } of expansions.get(term) ?? []) {
        frequency.set(origin, (frequency.get(origin) ?? 0) + 1);
        if (phrase) {
          phrases ??= new Map();
          const held = phrases.get(phrase) ?? new Set();
          phrases.set(phrase, held.add(term));
          const share = (credit * held.size) / phrase.length;
          if (share > (own.get(origin) ?? 0)) own.set(origin, share);
        } else if (credit > (own.get(origin) ?? 0)) own.set(origin, credit);
      }
    }
    return { own, frequency, length };
  };
  const byPassage = new Map<string, ReturnType<typeof matchesOf>>();
  const byHeading = new Map<string, ReadonlyMap<string, number>>();
  const matches = (passage: Passage) => {
    let found = byPassage.get(passage.id);
    if (!found) byPassage.set(passage.id, (found = matchesOf(stats.wordsOf(passage).terms)));
    return found;
  };
  matches.heading = (text: string) => {
    let found = byHeading.get(text);
    if (!found) byHeading.set(text, (found = matchesOf(termSequence(normalizeText(text))).own));
    return found;
  };
  return matches;
}

/**
 * 1 when the distinct matched terms stand next to each other, falling towards 0 as the shortest
 * stretch of words containing all of them grows; 0 with fewer than two distinct terms.
 */
function proximityOf(terms: TermSequence, expansions: Expansions, matched: ReadonlySet<string>): number {
  if (matched.size < 2) return 0;
  const positions: { term: string; at: number }[] = [];
  for (let at = 0; at < terms.length; at++) {
    const term = terms.termAt(at);
    const origin = term === null ? undefined : expansions.get(term)?.[0]?.origin;
    if (origin !== undefined && matched.has(origin)) positions.push({ term: origin, at });
  }
  const distinct = new Set(positions.map((p) => p.term)).size;
  if (distinct < 2) return 0;
  // Shortest window holding every distinct term: a two-pointer sweep over the positions.
  const counts = new Map<string, number>();
  let shortest = Infinity;
  let left = 0;
  for (const right of positions) {
    counts.set(right.term, (counts.get(right.term) ?? 0) + 1);
    while (counts.size === distinct) {
      const first = positions[left];
      if (!first) break;
      shortest = Math.min(shortest, right.at - first.at + 1);
      const remaining = (counts.get(first.term) ?? 1) - 1;
      if (remaining === 0) counts.delete(first.term);
      else counts.set(first.term, remaining);
      left++;
    }
  }
  return distinct / shortest;
}

/** Share of the question's word forms that the passage contains exactly (case aside). */
function exactFormShare(words: PassageWords, forms: ReadonlySet<string>): number {
  if (forms.size === 0) return 0;
  let found = 0;
  for (const form of forms) if (words.hasForm(form)) found++;
  return found / forms.size;
}
