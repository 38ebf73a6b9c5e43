import path from 'node:path';
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
import { CorpusDirError } from './corpus/load-corpus.js';
import { EVAL_SETS, runEvalCommand } from './eval/eval-command.js';
import { SQUAD_WAYS } from './eval/eval-suite.js';
import { createLibrary, type LibraryOptions } from './library/library.js';

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
  eval [FILE] [--corpus DIR] [--set public|squad|all] [--mode all|alone] [--json]
                                                       score retrieval, beside BM25 and MiniSearch, on the public
                                                       set (eval/questions.json, or FILE) and SQuAD DEV (eval/squad-dev)`;

const OPTIONS = {
  corpus: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  about: { type: 'string' },
  source: { type: 'string' },
  set: { type: 'string' },
  mode: { type: 'string' },
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
        const library = await openLibrary(options, io);
        io.out(renderSourcesText(library.sources(), library));
        return 0;
      }
      case 'reindex': {
        expectNoArguments(rest);
        const library = await createLibrary({ ...options, rebuild: true });
        io.out(renderReindexText(library.loadReport));
        return library.loadReport.failures.length > 0 ? 1 : 0;
      }
      case 'timeline': {
        expectNoArguments(rest);
        const library = await openLibrary(options, io);
        const events = library.timeline({
          ...(values.about ? { about: values.about } : {}),
          ...(values.source ? { source: values.source } : {}),
        });
        io.out(values.json ? JSON.stringify({ events }) : renderTimelineText(events));
        return 0;
      }
      case 'eval':
        return await evaluate(rest, values, corpusDir, io);
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

async function openLibrary(options: LibraryOptions, io: CliIo) {
  const library = await createLibrary(options);
  for (const failure of library.loadReport.failures) io.err(`storybot: skipped ${failure.file}: ${failure.reason}`);
  return library;
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
  const library = await openLibrary(options, io);
  const answer = library.answer(question, limit === undefined ? {} : { limit });
  io.out(values.json ? JSON.stringify(toJson(answer)) : renderAnswerText(answer, io.isTerminal ? ANSI_STYLE : PLAIN_STYLE));
  return 0;
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

async function evaluate(
  rest: readonly string[],
  values: { set?: string; mode?: string; json?: boolean },
  corpusDir: string,
  io: CliIo,
): Promise<number> {
  if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}'`);
  const file = rest[0] === undefined ? undefined : path.resolve(io.cwd, rest[0]);
  const set = oneOf('--set', values.set, EVAL_SETS) ?? (file ? 'public' : 'all');
  const mode = oneOf('--mode', values.mode, SQUAD_WAYS);
  if (file && set === 'squad') throw new UsageError('a question FILE is in the public format: use it with --set public or all');
  await runEvalCommand(
    { ...(file ? { file } : {}), ...(mode ? { mode } : {}), corpusDir, set, json: values.json === true, cwd: io.cwd },
    io.out,
    io.err,
  );
  return 0;
}

/** An option's value checked against its choices (undefined when the option is not given). */
function oneOf<T extends string>(option: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${choices.join(', ')} (got '${value}')`);
  return value as T;
}
