import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { QuestionError, validateQuestion } from './answer/answer.js';
import type { StoryAnswer } from './answer/answer-types.js';
import { loadConfig } from './config.js';
import {
  ANSI_STYLE,
  PLAIN_STYLE,
  renderAnswerText,
  renderReindexText,
  renderSourcesText,
  renderTimelineText,
} from './console/render-text.js';
import { CorpusDirError, loadCorpus } from './corpus/load-corpus.js';
import { readQuestionSet } from './eval/question-set.js';
import { scoreAnswers } from './eval/run-eval.js';
import { evaluateGrouping, parseEventPairs } from './facts/grouping-eval.js';
import { rarityOf } from './library/fact-store.js';
import { createLibrary, type LibraryOptions } from './library/library.js';
import type { Library } from './library/library-types.js';
import { SearchIndex } from './search/search-index.js';

/** Where the CLI writes; a terminal gets bold highlights. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTerminal: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Bad command-line input: printed with the usage hint, exit code 2. */
class UsageError extends Error {}

const USAGE = `Usage: storybot <command> [options]

Commands:
  ask "question" [--limit N] [--corpus DIR] [--json]   quote the passages that answer a question
  sources [--corpus DIR]                               list the articles with publisher, date, passages
  reindex [--corpus DIR]                               rebuild the index and report each file
  timeline [--about WORDS] [--source S] [--corpus DIR] [--json]
                                                       the dated statements of the story, oldest first
  eval [FILE] [--corpus DIR]                           score retrieval on a question set
                                                       (default ../shared/eval/questions.json)`;

const DEFAULT_QUESTION_SET = '../shared/eval/questions.json';
/** Sentence pairs labelled same-event or not, for the grouping figures of `storybot eval`. */
const EVENT_PAIRS = fileURLToPath(new URL('../tests/facts/event-pairs.json', import.meta.url));

const OPTIONS = {
  corpus: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  about: { type: 'string' },
  source: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** Runs the `storybot` command; returns the process exit code (0 ok, 1 failure, 2 bad input). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv);
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.out(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    const config = loadConfig(io.env, io.cwd);
    const corpusDir = values.corpus ? path.resolve(io.cwd, values.corpus) : config.corpusDir;
    // The snapshot in the data directory belongs to the configured corpus; another --corpus is indexed afresh.
    const options = { corpusDir, ...(corpusDir === config.corpusDir ? { dataDir: config.dataDir } : {}) };
    switch (command) {
      case 'ask':
        return await ask(rest, values, options, io);
      case 'sources': {
        expectNoArguments(rest);
        return await withLibrary(options, io, (library) => {
          io.out(renderSourcesText(library.sources(), library));
          return 0;
        });
      }
      case 'reindex': {
        expectNoArguments(rest);
        const library = await createLibrary({ ...options, rebuild: true, facts: 'on-demand' });
        try {
          io.out(renderReindexText(library.loadReport));
          return library.loadReport.failures.length > 0 ? 1 : 0;
        } finally {
          await library.close();
        }
      }
      case 'timeline': {
        expectNoArguments(rest);
        return await withLibrary(options, io, async (library) => {
          await readAllFacts(library, io);
          const { events } = await library.timeline({
            ...(values.about ? { about: values.about } : {}),
            ...(values.source ? { source: values.source } : {}),
          });
          io.out(values.json ? JSON.stringify({ events }) : renderTimelineText(events));
          return 0;
        });
      }
      case 'eval':
        return await evaluate(rest, options, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof QuestionError || error instanceof CorpusDirError) {
      io.err(`storybot: ${error.message.replace(/^storybot: /, '')}${error instanceof UsageError ? `\n\n${USAGE}` : ''}`);
      return 2;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function expectNoArguments(rest: readonly string[]): void {
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
}

/**
 * Opens the library for one command and closes it after (saving what was read, stopping the fact
 * workers). Names and dates are read only when the command needs them.
 */
async function withLibrary<T>(options: LibraryOptions, io: CliIo, run: (library: Library) => T | Promise<T>): Promise<T> {
  const library = await createLibrary({ ...options, facts: 'on-demand' });
  try {
    for (const failure of library.loadReport.failures) io.err(`storybot: skipped ${failure.file}: ${failure.reason}`);
    return await run(library);
  } finally {
    await library.close();
  }
}

/** How often a long read of names and dates says how far it is. */
const PROGRESS_EVERY_MS = 5000;

/** Waits until every article's names and dates are read (the snapshot usually has them), saying how far it is on stderr. */
async function readAllFacts(library: Library, io: CliIo): Promise<void> {
  const report = (): void => {
    const { passages, passagesRead } = library.factsProgress();
    io.err(`storybot: reading names and dates: ${passagesRead.toLocaleString('en-US')} of ${passages.toLocaleString('en-US')} passages`);
  };
  const timer = setInterval(report, PROGRESS_EVERY_MS);
  try {
    await library.factsReady();
  } finally {
    clearInterval(timer);
  }
}

async function ask(
  rest: readonly string[],
  values: { limit?: string; json?: boolean },
  options: LibraryOptions,
  io: CliIo,
): Promise<number> {
  if (rest.length > 1) throw new UsageError('put the question in quotes: storybot ask "who warned whom?"');
  const question = validateQuestion(rest[0] ?? '');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 10)) {
    throw new UsageError(`--limit must be a whole number from 1 to 10 (got '${values.limit}')`);
  }
  return withLibrary(options, io, async (library) => {
    const ask = (): StoryAnswer => library.answer(question, limit === undefined ? {} : { limit });
    let answer = ask();
    // A one-shot command waits for the names and dates of its quotes (a bot would answer at once and say they are coming).
    if (answer.factsPending) {
      await library.factsReady([...new Set(answer.passages.map((p) => p.article.id))]);
      answer = ask();
    }
    io.out(values.json ? JSON.stringify(toJson(answer)) : renderAnswerText(answer, io.isTerminal ? ANSI_STYLE : PLAIN_STYLE));
    return 0;
  });
}

/**
 * The `ask --json` contract: question and passages (best first) with their article, paragraph and
 * score; then additions: who/when facts (each naming its passage) and same-event reports.
 */
function toJson(answer: StoryAnswer) {
  return {
    question: answer.question,
    passages: answer.passages.map((p) => ({
      text: p.text,
      article: { id: p.article.id, title: p.article.title, source: p.article.source, url: p.article.url, published: p.article.published },
      paragraph: p.paragraph,
      score: p.score,
      heading: p.heading,
      highlights: p.highlights,
      passageId: p.passageId,
    })),
    facts: answer.facts,
    reports: answer.reports,
    tookMs: Math.round(answer.tookMs * 1000) / 1000,
  };
}

async function evaluate(rest: readonly string[], options: LibraryOptions, io: CliIo): Promise<number> {
  if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}'`);
  const file = path.resolve(io.cwd, rest[0] ?? DEFAULT_QUESTION_SET);
  const questions = await readQuestionSet(file);
  const report = await withLibrary(options, io, (library) => scoreAnswers(questions, (q) => library.answer(q, { limit: 5 })));
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
}

/** Same-event grouping on the labelled pairs, with the word rarity the product uses (the corpus index's). */
async function evaluateSameEventGrouping(corpusDir: string) {
  const pairs = parseEventPairs(JSON.parse(await readFile(EVENT_PAIRS, 'utf8')));
  const { articles } = await loadCorpus(corpusDir);
  return evaluateGrouping(pairs, { rarity: rarityOf(SearchIndex.build(articles)) });
}
