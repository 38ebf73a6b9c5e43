import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_OPTION, defineCommand } from '../command.js';
import { libraryOptionsFor, openLibrary } from '../open-library.js';

const DEFAULT_QUESTION_SET = '../shared/eval/questions.json';
/** Sentence pairs labelled same-event or not, for the grouping figures of `storybot eval`. */
const EVENT_PAIRS = fileURLToPath(new URL('../../../tests/facts/event-pairs.json', import.meta.url));

/** `storybot eval [FILE]`: scores retrieval on a question set. */
export default defineCommand({
  name: 'eval',
  summary: 'score retrieval on a question set (also npm run eval)',
  positionals: [{ usage: '[FILE]', description: `the question set (default ${DEFAULT_QUESTION_SET})` }],
  options: { corpus: CORPUS_OPTION },
  async run({ values, positionals }, io) {
    const { readQuestionSet } = await import('../../eval/question-set.js');
    const { scoreAnswers } = await import('../../eval/run-eval.js');
    const options = libraryOptionsFor(values.corpus, io);
    const file = path.resolve(io.cwd, positionals[0] ?? DEFAULT_QUESTION_SET);
    const questions = await readQuestionSet(file);
    const library = await openLibrary(options, io);
    const report = scoreAnswers(questions, (q) => library.answer(q, { limit: 5 }));
    for (const r of report.results) io.out(`${r.rank === null ? (r.passages === 0 ? '  -' : '  ✗') : `@${r.rank}`}  ${r.question}`);
    const fixed = (n: number): string => n.toFixed(2);
    io.out(
      [
        '',
        `questions      ${questions.length} (${path.relative(io.cwd, file)})`,
        `hit@1          ${fixed(report.hitAt1)}`,
        `hit@3          ${fixed(report.hitAt3)}`,
        `MRR@5          ${fixed(report.mrrAt5)}`,
        `no-answer      ${report.noAnswerCorrect}/${report.noAnswerTotal}`,
        `passage chars  mean ${Math.round(report.meanPassageChars)}, max ${report.maxPassageChars}`,
      ].join('\n'),
    );
    const grouping = await evaluateSameEventGrouping(options.corpusDir);
    const share = (n: number | null): string => (n === null ? 'n/a' : fixed(n));
    io.out(
      `same-event     precision ${share(grouping.precision)}, recall ${share(grouping.recall)} ` +
        `(${grouping.truePositives + grouping.falseNegatives} same / ${grouping.falsePositives + grouping.trueNegatives} different pairs, ${path.relative(io.cwd, EVENT_PAIRS)})`,
    );
    return 0;
  },
});

/** Same-event grouping on the labelled pairs, with the word rarity the product uses (the corpus index's). */
async function evaluateSameEventGrouping(corpusDir: string) {
  const { evaluateGrouping, parseEventPairs } = await import('../../facts/grouping-eval.js');
  const { rarityOf } = await import('../../library/fact-store.js');
  const { loadCorpus } = await import('../../corpus/load-corpus.js');
  const { SearchIndex } = await import('../../search/search-index.js');
  const pairs = parseEventPairs(JSON.parse(await readFile(EVENT_PAIRS, 'utf8')));
  const { articles } = await loadCorpus(corpusDir);
  return evaluateGrouping(pairs, { rarity: rarityOf(SearchIndex.build(articles)) });
}
