import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { readQuestionSet } from '../../src/eval/question-set.js';
import { scoreAnswers, type EvalReport } from '../../src/eval/run-eval.js';
import { createLibrary } from '../../src/library/library.js';
import { CORPUS_DIR, PUBLIC_QUESTIONS } from '../helpers.js';

let report: EvalReport;
let bodies: string[];
const quoted: string[] = [];

beforeAll(async () => {
  const library = await createLibrary(CORPUS_DIR);
  bodies = (await loadCorpus(CORPUS_DIR)).articles.map((a) => a.body);
  report = scoreAnswers(await readQuestionSet(PUBLIC_QUESTIONS), (q) => {
    const answer = library.answer(q, { limit: 5 });
    quoted.push(...answer.passages.map((p) => p.text));
    return answer;
  });
});

describe('retrieval quality on the public question set (regression guard)', () => {
  it('stays at target: hit@1 ≥ 0.95, hit@3 = 1, every unanswerable question answered with nothing', () => {
    expect(report.hitAt1).toBeGreaterThanOrEqual(0.95);
    expect(report.hitAt3).toBe(1);
    expect(report.noAnswerCorrect).toBe(report.noAnswerTotal);
    expect(report.noAnswerTotal).toBeGreaterThan(0);
  });

  it('quotes only verbatim passages of at most 600 characters', () => {
    expect(report.maxPassageChars).toBeLessThanOrEqual(600);
    for (const text of quoted) expect(bodies.some((body) => body.includes(text))).toBe(true);
  });
});
