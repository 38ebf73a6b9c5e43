import type { BodySpan, SquadKind } from './squad-set.js';

/** A quoted passage as the scoring needs it: its article and its place in that article's body. */
export interface QuotedPassage {
  readonly articleId: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** One asked question with what it expects and the passages an engine quoted, best first. */
export interface SquadRow {
  readonly kind: SquadKind;
  readonly article: string;
  readonly answers: readonly string[];
  /** The gold sentences' ranges in the article body (`goldSpans`); empty unless answerable. */
  readonly gold: readonly BodySpan[];
  readonly passages: readonly QuotedPassage[];
}

/** How many questions of a kind got no passage at all, of how many. */
export interface Abstentions {
  readonly abstained: number;
  readonly total: number;
}

/** The figures of one engine on one question set, in one way of running it. */
export interface SetFigures {
  readonly questions: number;
  readonly answerable: number;
  /** Shares of the answerable questions. */
  readonly hitAt1: number;
  readonly hitAt3: number;
  /** Mean reciprocal rank of the first hit among the first five passages (0 when none). */
  readonly mrrAt5: number;
  /** Share of the answerable questions that got at least one passage. */
  readonly answered: number;
  /** Questions the corpus does not answer (SQuAD 2.0 impossible, or the public set's empty gold); null when the set has none. */
  readonly unanswerable: Abstentions | null;
  /** Questions about another article; null when the way of running has none. */
  readonly crossArticle: Abstentions | null;
}

/**
 * The package's hit: the passage is in the question's article, its range overlaps a gold sentence's,
 * and it holds one of the answers as an exact, case-sensitive substring.
 */
export function isSquadHit(row: Pick<SquadRow, 'article' | 'answers' | 'gold'>, passage: QuotedPassage): boolean {
  return (
    passage.articleId === row.article &&
    row.gold.some((g) => passage.start < g.end && g.start < passage.end) &&
    row.answers.some((answer) => passage.text.includes(answer))
  );
}

/** The 1-based rank of the first hit among the first five passages, or null. */
export function firstHitRank(row: SquadRow): number | null {
  const index = row.passages.slice(0, 5).findIndex((p) => isSquadHit(row, p));
  return index === -1 ? null : index + 1;
}

/** Scores asked SQuAD-format questions: hits on the answerable ones, abstentions on the others. */
export function scoreSquad(rows: readonly SquadRow[]): SetFigures {
  const ranks: (number | null)[] = [];
  let answered = 0;
  const abstentions = { impossible: { abstained: 0, total: 0 }, 'cross-article': { abstained: 0, total: 0 } };
  for (const row of rows) {
    if (row.kind === 'answerable') {
      ranks.push(firstHitRank(row));
      if (row.passages.length > 0) answered++;
    } else {
      const tally = abstentions[row.kind];
      tally.total++;
      if (row.passages.length === 0) tally.abstained++;
    }
  }
  const { impossible, 'cross-article': cross } = abstentions;
  return {
    ...rankFigures(ranks),
    questions: rows.length,
    answered: share(answered, ranks.length),
    unanswerable: impossible.total === 0 ? null : impossible,
    crossArticle: cross.total === 0 ? null : cross,
  };
}

/** hit@1, hit@3 and MRR@5 from the first-hit ranks of the answerable questions. */
export function rankFigures(ranks: readonly (number | null)[]): Pick<SetFigures, 'answerable' | 'hitAt1' | 'hitAt3' | 'mrrAt5'> {
  const hits = (k: number): number => ranks.filter((r) => r !== null && r <= k).length;
  const reciprocal = ranks.reduce<number>((sum, r) => (r === null || r > 5 ? sum : sum + 1 / r), 0);
  return {
    answerable: ranks.length,
    hitAt1: share(hits(1), ranks.length),
    hitAt3: share(hits(3), ranks.length),
    mrrAt5: share(reciprocal, ranks.length),
  };
}

function share(n: number, of: number): number {
  return of === 0 ? 0 : n / of;
}
