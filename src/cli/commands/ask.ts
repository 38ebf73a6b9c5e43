import type { AnswerPassage, StoryAnswer } from '../../answer/answer-types.js';
import { CORPUS_OPTION, JSON_OPTION, UsageError, defineCommand } from '../command.js';
import { libraryOptionsFor, withLibrary } from '../open-library.js';

/** `storybot ask "question"`: the quoted passages that answer it, best first. */
export default defineCommand({
  name: 'ask',
  summary: 'quote the passages that answer a question, best first',
  details: 'Exit code 0 for an answer or no answer, 2 for bad input (empty question, over 500 characters).',
  positionals: [{ usage: '"QUESTION"', description: 'the question, in quotes (at most 500 characters)' }],
  extraArgumentHint: 'put the question in quotes: storybot ask "who warned whom?"',
  options: {
    limit: { type: 'string', value: 'N', description: 'at most N quotes, 1 to 10 (default 3)' },
    corpus: CORPUS_OPTION,
    json: JSON_OPTION,
  },
  async run({ values, positionals }, io) {
    const { validateQuestion } = await import('../../answer/answer.js');
    const question = validateQuestion(positionals[0] ?? '');
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 10))
      throw new UsageError(`--limit must be a whole number from 1 to 10 (got '${values.limit}')`);
    const answer = await withLibrary(libraryOptionsFor(values.corpus, io), io, async (library) => {
      const ask = (): StoryAnswer => library.answer(question, limit === undefined ? {} : { limit });
      const first = ask();
      if (!first.factsPending) return first;
      // A one-shot command waits for the names and dates of its quotes (a bot answers at once and says they are coming).
      await library.factsReady([...new Set(first.passages.map((p) => p.article.id))]);
      return ask();
    });
    if (values.json) io.out(JSON.stringify(toJson(answer)));
    else {
      const { ANSI_STYLE, PLAIN_STYLE, renderAnswerText } = await import('../../console/render-text.js');
      io.out(renderAnswerText(answer, io.isTerminal ? ANSI_STYLE : PLAIN_STYLE));
    }
    return 0;
  },
});

/**
 * The `ask --json` contract: question and passages (best first) with their article, paragraph and
 * score; then additions: `closest` (when nothing answers, the nearest passages, which may not answer it),
 * who/when facts (each naming its passage) and same-event reports.
 */
function toJson(answer: StoryAnswer) {
  return {
    question: answer.question,
    passages: answer.passages.map(passageJson),
    ...(answer.closest ? { closest: answer.closest.map(passageJson) } : {}),
    ...(answer.notice ? { notice: answer.notice } : {}),
    facts: answer.facts,
    reports: answer.reports,
    tookMs: Math.round(answer.tookMs * 1000) / 1000,
  };
}

function passageJson(p: AnswerPassage) {
  return {
    text: p.text,
    article: { id: p.article.id, title: p.article.title, source: p.article.source, url: p.article.url, published: p.article.published },
    paragraph: p.paragraph,
    score: p.score,
    heading: p.heading,
    highlights: p.highlights,
    passageId: p.passageId,
  };
}
