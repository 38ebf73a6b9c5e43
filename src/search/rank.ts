import type { Passage } from '../passages/passage.js';
import type { AnalysedQuestion, QueryTerm } from './question.js';
import { normalizeTerm, normalizeText, tokenize } from './terms.js';
import { kindMatch, type Traits } from './traits.js';

/** A passage found for a question, with the measures its final score is made of. */
export interface RankedPassage {
  readonly passage: Passage;
  /** Final score, higher is better. */
  readonly score: number;
  /** Share (0–1) of the question's terms, weighted by rarity, that the passage contains. */
  readonly coverage: number;
  /** The question's own terms the passage contains, directly or through a synonym. */
  readonly covered: ReadonlySet<string>;
}

/** Credit for a question term found only through a synonym. */
const SYNONYM_CREDIT = 0.7;
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
  traitsOf(passageId: string): Traits;
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
 * Re-ranks full-text hits: the BM25 score (relative to the best hit) is weighed by how much of the
 * question the passage covers (rare terms count more, synonyms less), whether it gives the kind of
 * answer asked for, and how close together the question's terms stand in it.
 */
export function rerank(hits: readonly SearchHit[], question: AnalysedQuestion, stats: RankingStats): RankedPassage[] {
  const best = hits[0]?.score ?? 0;
  if (best <= 0) return [];
  const idf = (term: string): number => Math.log(1 + (stats.passageCount + 1) / (stats.documentFrequency(term) + 0.5));
  const totalWeight = [...question.origins].reduce((sum, [term, weight]) => sum + weight * idf(term), 0);
  const synonymOrigins = new Map(question.terms.filter((t) => t.synonym).map((t) => [t.term, t.origins]));
  const queryTerms = new Set(question.terms.map((t) => t.term));

  return hits
    .map((hit) => {
      const words = tokenize(hit.passage.text).map((token) => token.text);
      const terms = words.map(normalizeTerm);
      // Matched terms are read from the passage itself, so terms left out of the search count too.
      const matched = new Set(
        [...terms, ...(hit.passage.heading ? normalizeText(hit.passage.heading) : [])].filter(
          (t): t is string => t !== null && queryTerms.has(t),
        ),
      );
      const credit = creditOf(matched, question, synonymOrigins, idf);
      const coverage = coverageOf(credit, question) / totalWeight;
      const kind = kindMatch(stats.traitsOf(hit.passage.id), question.kinds);
      const proximity = proximityOf(terms, matched);
      const exact = exactFormShare(words, question.wordForms);
      const score =
        (hit.score / best) *
        coverage *
        coverage *
        (1 + KIND_BOOST * kind) *
        (1 + PROXIMITY_BOOST * proximity) *
        (1 + EXACT_FORM_BOOST * exact);
      return { passage: hit.passage, score, coverage, covered: new Set(credit.keys()) };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * For each of the question's terms a passage covers, the rarity it covers: the term's full idf when
 * found as such; through a synonym, SYNONYM_CREDIT of the rarer of the two, so a question word the
 * corpus lacks (maximal idf) is not fully made up by a common synonym.
 */
function creditOf(
  matched: ReadonlySet<string>,
  question: AnalysedQuestion,
  synonymOrigins: ReadonlyMap<string, readonly string[]>,
  idf: (term: string) => number,
): Map<string, number> {
  const credit = new Map<string, number>();
  for (const term of matched) {
    if (question.origins.has(term)) credit.set(term, idf(term));
    for (const origin of synonymOrigins.get(term) ?? []) {
      if (!question.origins.has(origin)) continue;
      const viaSynonym = SYNONYM_CREDIT * Math.min(idf(origin), idf(term));
      credit.set(origin, Math.max(credit.get(origin) ?? 0, viaSynonym));
    }
  }
  return credit;
}

function coverageOf(credit: ReadonlyMap<string, number>, question: AnalysedQuestion): number {
  let covered = 0;
  for (const [origin, value] of credit) covered += value * (question.origins.get(origin) ?? 0);
  return covered;
}

/**
 * 1 when the distinct matched terms stand next to each other, falling towards 0 as the shortest
 * stretch of words containing all of them grows; 0 with fewer than two distinct terms.
 */
function proximityOf(terms: readonly (string | null)[], matched: ReadonlySet<string>): number {
  if (matched.size < 2) return 0;
  const positions: { term: string; at: number }[] = [];
  terms.forEach((term, at) => {
    if (term !== null && matched.has(term)) positions.push({ term, at });
  });
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
function exactFormShare(words: readonly string[], forms: ReadonlySet<string>): number {
  if (forms.size === 0) return 0;
  const present = new Set(words.map((word) => word.toLowerCase()));
  let found = 0;
  for (const form of forms) if (present.has(form)) found++;
  return found / forms.size;
}
