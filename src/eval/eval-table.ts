import type { EvalRow, EvalRun } from './eval-suite.js';
import type { Abstentions } from './squad-score.js';

const HEADER = [
  'set',
  'way',
  'engine',
  'questions',
  'answerable',
  'hit@1',
  'hit@3',
  'MRR@5',
  'answered',
  'no answer: unanswerable',
  'no answer: cross-article',
  'hit@1 ÷ BM25',
  'ms/question',
];

/** The eval table, markdown-like with aligned columns: one row per set, way and engine. */
export function renderEvalTable(rows: readonly EvalRow[]): string {
  const cells = [HEADER, ...rows.map(rowCells)];
  const widths = HEADER.map((_, c) => Math.max(...cells.map((row) => [...(row[c] ?? '')].length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(HEADER), rule, ...cells.slice(1).map(line)].join('\n');
}

function rowCells({ set, way, engine, figures: f, hitAt1VsBm25, msPerQuestion }: EvalRow): string[] {
  const fixed = (n: number): string => n.toFixed(3);
  return [
    set,
    way,
    engine,
    String(f.questions),
    String(f.answerable),
    fixed(f.hitAt1),
    fixed(f.hitAt3),
    fixed(f.mrrAt5),
    fixed(f.answered),
    abstentions(f.unanswerable),
    abstentions(f.crossArticle),
    hitAt1VsBm25 === null ? '–' : hitAt1VsBm25.toFixed(2),
    msPerQuestion === null ? 'cached' : msPerQuestion.toFixed(2),
  ];
}

function abstentions(tally: Abstentions | null): string {
  return tally === null ? '–' : `${tally.abstained}/${tally.total} (${((100 * tally.abstained) / tally.total).toFixed(1)}%)`;
}

/** The machine-readable form of a run (`storybot eval --json`): flat rows, for tuning scripts. */
export function evalRunJson(run: EvalRun) {
  const { grouping } = run;
  return {
    rows: run.rows.map(({ set, way, engine, figures, hitAt1VsBm25, msPerQuestion }) => ({
      set,
      way,
      engine,
      ...figures,
      hitAt1VsBm25,
      msPerQuestion,
    })),
    publicResults: run.publicResults,
    grouping:
      grouping === null
        ? null
        : {
            precision: grouping.precision,
            recall: grouping.recall,
            samePairs: grouping.truePositives + grouping.falseNegatives,
            differentPairs: grouping.falsePositives + grouping.trueNegatives,
            heldOut: {
              precision: grouping.heldOut.precision,
              recall: grouping.heldOut.recall,
              samePairs: grouping.heldOut.truePositives + grouping.heldOut.falseNegatives,
              differentPairs: grouping.heldOut.falsePositives + grouping.heldOut.trueNegatives,
            },
          },
    seconds: Math.round(run.seconds * 10) / 10,
  };
}
