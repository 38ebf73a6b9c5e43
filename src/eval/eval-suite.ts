import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Article } from '../corpus/article.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { evaluateGrouping, parseEventPairs, type GroupingEvaluation } from '../facts/grouping-eval.js';
import { rarityOf } from '../library/fact-store.js';
import { createLibrary } from '../library/library.js';
import type { Passage } from '../passages/passage.js';
import { splitArticle } from '../passages/split-article.js';
import { SearchIndex } from '../search/search-index.js';
import { readQuestionSet } from './question-set.js';
import { Bm25Engine, MiniSearchEngine } from './reference-engines.js';
import { figuresOf, scoreAnswers, type EvalReport } from './run-eval.js';
import { scoreSquad, type QuotedPassage, type SetFigures, type SquadRow } from './squad-score.js';
import { goldSpans, readSquadQuestions, type SquadQuestion } from './squad-set.js';

/** The engines every row is measured for: storybot, and the two references over storybot's own passages. */
export const ENGINES = ['storybot', 'bm25', 'minisearch'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The ways of running a SQuAD-format set (see `eval/squad-dev/README.md`). */
export const SQUAD_WAYS = ['all', 'alone'] as const;
export type SquadWay = (typeof SQUAD_WAYS)[number];

/** How many passages each engine returns: the eval scores the first five. */
const TOP = 5;

/** What to evaluate: a public-format set over a corpus, a SQuAD-format package, or both. */
export interface EvalSuiteOptions {
  readonly public?: { readonly file: string; readonly corpusDir: string; readonly eventPairs?: string };
  readonly squad?: { readonly dir: string; readonly ways: readonly SquadWay[] };
  /** Told about corpus files that could not be indexed (the figures then leave them out). */
  readonly warn?: (message: string) => void;
}

/** One line of the eval table: an engine's figures on a set in one way of running it. */
export interface EvalRow {
  readonly set: string;
  readonly way: string;
  readonly engine: EngineName;
  readonly figures: SetFigures;
  /** This engine's hit@1 over BM25's on the same set and way (null when BM25's is 0). */
  readonly hitAt1VsBm25: number | null;
}

/** Everything one eval run measured. */
export interface EvalRun {
  readonly rows: readonly EvalRow[];
  /** storybot's rank of the first gold passage per public question. */
  readonly publicResults: EvalReport['results'] | null;
  /** Same-event grouping on the labelled pairs, over the public corpus. */
  readonly grouping: GroupingEvaluation | null;
  readonly seconds: number;
}

/** An engine ready to be asked about one corpus. */
type Ask = (question: string) => readonly QuotedPassage[];

/** Runs the asked sets for storybot and the reference engines and scores them. */
export async function runEvalSuite(options: EvalSuiteOptions): Promise<EvalRun> {
  const started = performance.now();
  const warn = options.warn ?? (() => {});
  const rows: EvalRow[] = [];
  let publicResults: EvalRun['publicResults'] = null;
  let grouping: GroupingEvaluation | null = null;
  if (options.public) {
    const { file, corpusDir, eventPairs } = options.public;
    const questions = await readQuestionSet(file);
    const { articles } = await loadCorpus(corpusDir);
    const asks = await enginesOver(corpusDir, articles, warn);
    const reports = ENGINES.map((engine) => scoreAnswers(questions, (q) => ({ passages: asks[engine](q) })));
    publicResults = reports[0]?.results ?? null;
    rows.push(...compared('public', path.basename(corpusDir), reports.map(figuresOf)));
    if (eventPairs) grouping = await evaluateSameEventGrouping(eventPairs, articles);
  }
  if (options.squad) {
    const { dir, ways } = options.squad;
    for (const way of SQUAD_WAYS.filter((w) => ways.includes(w))) rows.push(...(await squadRows(dir, way, warn)));
  }
  return { rows, publicResults, grouping, seconds: (performance.now() - started) / 1000 };
}

/** The three engines on one corpus directory: storybot through its real Library path, the references over its passages. */
async function enginesOver(
  corpusDir: string,
  articles: readonly Article[],
  warn: (message: string) => void,
): Promise<Record<EngineName, Ask>> {
  // No dataDir: no snapshot is read or written, and no watcher is started.
  const library = await createLibrary({ corpusDir });
  for (const failure of library.loadReport.failures) warn(`skipped ${path.join(corpusDir, failure.file)}: ${failure.reason}`);
  const passages: Passage[] = articles.flatMap((a) => splitArticle(a).passages);
  const bm25 = new Bm25Engine(passages);
  const minisearch = new MiniSearchEngine(passages);
  return {
    storybot: (q) =>
      library.answer(q, { limit: TOP }).passages.map((p) => ({ articleId: p.article.id, start: p.start, end: p.end, text: p.text })),
    bm25: (q) => bm25.search(q, TOP),
    minisearch: (q) => minisearch.search(q, TOP),
  };
}

/** One SQuAD way for the three engines: way 1 asks the whole corpus, way 2 a corpus of each article alone. */
async function squadRows(dir: string, way: SquadWay, warn: (message: string) => void): Promise<EvalRow[]> {
  const corpusDir = path.join(dir, 'corpus');
  const [questions, { articles }] = await Promise.all([readSquadQuestions(dir), loadCorpus(corpusDir)]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const asked = way === 'all' ? questions.filter((q) => q.kind !== 'cross-article') : questions;
  const rowsOf = new Map<EngineName, SquadRow[]>(ENGINES.map((e) => [e, []]));
  const ask = async (corpus: string, corpusArticles: readonly Article[], group: readonly SquadQuestion[]): Promise<void> => {
    const asks = await enginesOver(corpus, corpusArticles, warn);
    for (const question of group) {
      const article = byId.get(question.article);
      if (!article) throw new Error(`storybot: question ${question.id} is about ${question.article}, which is not in ${corpusDir}`);
      const gold = goldSpans(question, article.body);
      for (const engine of ENGINES) {
        rowsOf
          .get(engine)
          ?.push({ kind: question.kind, article: question.article, answers: question.answers, gold, passages: asks[engine](question.q) });
      }
    }
  };
  if (way === 'all') await ask(corpusDir, articles, asked);
  else {
    // A directory per article, holding only its file: the story-sized corpus storybot is asked of.
    const root = await mkdtemp(path.join(tmpdir(), 'storybot-eval-'));
    try {
      for (const article of articles) {
        const alone = path.join(root, article.id);
        await mkdir(alone);
        await copyFile(path.join(corpusDir, article.file), path.join(alone, path.basename(article.file)));
        await ask(
          alone,
          [article],
          asked.filter((q) => q.article === article.id),
        );
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return compared(
    'squad-dev',
    way,
    ENGINES.map((engine) => scoreSquad(rowsOf.get(engine) ?? [])),
  );
}

/** Rows of one set and way, one per engine (in ENGINES order), with each hit@1 over BM25's. */
function compared(set: string, way: string, figures: readonly SetFigures[]): EvalRow[] {
  const bm25 = figures[ENGINES.indexOf('bm25')]?.hitAt1 ?? 0;
  return ENGINES.map((engine, i) => {
    const f = figures[i]!;
    return { set, way, engine, figures: f, hitAt1VsBm25: bm25 === 0 ? null : f.hitAt1 / bm25 };
  });
}

/** Same-event grouping on the labelled pairs, with the word rarity the product uses (the corpus index's). */
async function evaluateSameEventGrouping(file: string, articles: readonly Article[]): Promise<GroupingEvaluation> {
  const pairs = parseEventPairs(JSON.parse(await readFile(file, 'utf8')));
  return evaluateGrouping(pairs, { rarity: rarityOf(SearchIndex.build(articles)) });
}
