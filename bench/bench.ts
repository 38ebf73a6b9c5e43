/**
 * `npm run bench`: build, snapshot, answer, render, anchors, incremental updates, memory and
 * start-up on synthetic corpora of about 1k, 10k and 100k passages and on the real corpus.
 *
 *   --sizes 1000,10000,100000,real,askload   corpora to measure (default: all of these); askload is the
 *                                    bot process under 50 /ask a second for 60 s against the Discord stand-in
 *   --json                            one JSON object per corpus on stdout (the table goes to stderr)
 *   --quick                           fewer questions and updates, a 10 s ask load (smoke test)
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from '../bin/source-or-build.js';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { splitArticle } from '../src/passages/split-article.js';
import { measureAskLoad, renderAskLoad } from './ask-load.js';
import { generateArticle, generateCorpus } from './corpus-generator.js';
import { measureCorpus, type BenchInput } from './measure-corpus.js';
import { generateQuestions } from './questions.js';
import { Random } from './random.js';
import { RENDER_LABEL } from './render-adapter.js';
import { renderReport, type BenchRow } from './report.js';
import { SNAPSHOT_STORE } from './snapshot-adapter.js';
import { loadVocabulary, type Vocabulary } from './vocabulary.js';

const DEFAULT_SIZES = '1000,10000,100000,real,askload';
const ASK_LOAD_PER_SECOND = 50;
const REAL_CORPUS = fileURLToPath(new URL('../corpus', import.meta.url));

/** How much each corpus is exercised. */
interface Effort {
  readonly questions: number;
  readonly warmUp: number;
  readonly additions: number;
}
const FULL: Effort = { questions: 300, warmUp: 20, additions: 10 };
const QUICK: Effort = { questions: 60, warmUp: 10, additions: 3 };

/** Runs the bench with command-line arguments; returns the rows measured. */
export async function runBench(argv: readonly string[], out: (line: string) => void, log: (line: string) => void): Promise<BenchRow[]> {
  const { values } = parseArgs({
    args: [...argv],
    options: { sizes: { type: 'string', default: DEFAULT_SIZES }, json: { type: 'boolean' }, quick: { type: 'boolean' } },
  });
  const effort = values.quick ? QUICK : FULL;
  const vocabulary = loadVocabulary();
  const rows: BenchRow[] = [];
  let askLoad = '';
  for (const size of values.sizes.split(',').map((s) => s.trim())) {
    if (size === 'askload') {
      const seconds = values.quick ? 10 : 60;
      const figures = await measureAskLoad({ perSecond: ASK_LOAD_PER_SECOND, seconds, corpusDir: REAL_CORPUS }, log);
      if (values.json) out(JSON.stringify(figures));
      askLoad = renderAskLoad(figures, ASK_LOAD_PER_SECOND, seconds);
      continue;
    }
    const input = size === 'real' ? await realInput(vocabulary, effort) : syntheticInput(vocabulary, Number(size), effort);
    log(`${input.corpus} ${size}: ${input.articles.length} articles, ${input.questions.length} questions`);
    const row = await measureCorpus(input, log);
    rows.push(row);
    if (values.json) out(JSON.stringify(row.figures));
  }
  const cli = buildIsCurrent(fileURLToPath(new URL('..', import.meta.url)))
    ? 'storybot ran its compiled build (dist/)'
    : 'storybot ran its TypeScript sources through tsx, as dist/ is older than src/ (npm run build): start-up figures include about 0.6 s of tsx';
  const report = [
    rows.length > 0 ? renderReport(rows, { snapshot: SNAPSHOT_STORE.label, render: RENDER_LABEL, cli }) : '',
    askLoad && `${askLoad}\n${rows.length > 0 ? '' : `${cli}.`}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  (values.json ? log : out)(report);
  return rows;
}

function syntheticInput(vocabulary: Vocabulary, passages: number, effort: Effort): BenchInput {
  if (!Number.isInteger(passages) || passages < 100)
    throw new Error(`bench: --sizes takes passage counts ≥ 100 or 'real' (got '${passages}')`);
  const { articles } = generateCorpus(vocabulary, passages, passages);
  return withQuestions('synthetic', articles, vocabulary, effort, passages);
}

async function realInput(vocabulary: Vocabulary, effort: Effort): Promise<BenchInput> {
  return withQuestions('real', (await loadCorpus(REAL_CORPUS)).articles, vocabulary, effort, 7);
}

function withQuestions(corpus: string, articles: readonly Article[], vocabulary: Vocabulary, effort: Effort, seed: number): BenchInput {
  const passages = articles.flatMap((a) => splitArticle(a).passages);
  const random = new Random(seed + 2);
  const additions = Array.from({ length: effort.additions }, (_, i) => {
    const article = generateArticle(vocabulary, random, `bench-added-${i}`);
    const [question] = generateQuestions(splitArticle(article).passages, vocabulary.rank, 1, seed + i);
    return { article, question: question ?? article.title };
  });
  return {
    corpus,
    articles,
    questions: generateQuestions(passages, vocabulary.rank, effort.questions, seed + 1),
    additions,
    warmUp: effort.warmUp,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runBench(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}
