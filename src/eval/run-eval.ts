import type { EvalQuestion } from './question-set.js';
import type { SetFigures } from './squad-score.js';

/** What scoring needs of an answer: its passages' text, best first (storybot's Answer is one). */
export interface RankedTexts {
  readonly passages: readonly { readonly text: string }[];
}

/** Retrieval quality of the engine on a question set. */
export interface EvalReport {
  /** Answerable questions whose first passage contains a gold snippet, as a share. */
  readonly hitAt1: number;
  readonly hitAt3: number;
  /** Mean reciprocal rank of the first gold passage within the first five. */
  readonly mrrAt5: number;
  /** Answerable questions that got at least one passage, as a share. */
  readonly answered: number;
  /** Questions the corpus does not answer, and how many of them got no passage. */
  readonly noAnswerCorrect: number;
  readonly noAnswerTotal: number;
  /** Mean length in characters of the passages returned. */
  readonly meanPassageChars: number;
  readonly maxPassageChars: number;
  /** Per question: the rank (1-based) of the first gold passage, or null. */
  readonly results: readonly { readonly question: string; readonly rank: number | null; readonly passages: number }[];
}

/** Folds curly quotes to straight ones and collapses white space, as the question set prescribes. */
export function foldForMatch(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

/** Scores answers (up to five passages each) against the gold snippets of their questions. */
export function scoreAnswers(questions: readonly EvalQuestion[], ask: (question: string, index: number) => RankedTexts): EvalReport {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  let answerable = 0;
  let answered = 0;
  let noAnswerCorrect = 0;
  const lengths: number[] = [];
  const results = questions.map(({ q, gold }, i) => {
    const { passages } = ask(q, i);
    lengths.push(...passages.map((p) => p.text.length));
    if (gold.length === 0) {
      if (passages.length === 0) noAnswerCorrect++;
      return { question: q, rank: null, passages: passages.length };
    }
    answerable++;
    if (passages.length > 0) answered++;
    const snippets = gold.map(foldForMatch);
    const index = passages.slice(0, 5).findIndex((p) => snippets.some((s) => foldForMatch(p.text).includes(s)));
    const rank = index === -1 ? null : index + 1;
    if (rank === 1) hit1++;
    if (rank !== null && rank <= 3) hit3++;
    if (rank !== null) reciprocal += 1 / rank;
    return { question: q, rank, passages: passages.length };
  });
  const share = (n: number): number => (answerable === 0 ? 0 : n / answerable);
  return {
    hitAt1: share(hit1),
    hitAt3: share(hit3),
    mrrAt5: share(reciprocal),
    answered: share(answered),
    noAnswerCorrect,
    noAnswerTotal: questions.length - answerable,
    meanPassageChars: lengths.length === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / lengths.length,
    maxPassageChars: Math.max(0, ...lengths),
    results,
  };
}

/** A public-format report as the figures of one row of the eval table. */
export function figuresOf(report: EvalReport): SetFigures {
  const { hitAt1, hitAt3, mrrAt5, answered, noAnswerCorrect, noAnswerTotal } = report;
  return {
    questions: report.results.length,
    answerable: report.results.length - noAnswerTotal,
    hitAt1,
    hitAt3,
    mrrAt5,
    answered,
    unanswerable: noAnswerTotal === 0 ? null : { abstained: noAnswerCorrect, total: noAnswerTotal },
    crossArticle: null,
  };
}
