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
import { referenceKey, ReferenceCache } from './reference-cache.js';
import { REFERENCE_ENGINES } from './reference-engines.js';
import { figuresOf, scoreAnswers, type EvalReport } from './run-eval.js';
import { scoreSquad, type QuotedPassage, type SetFigures, type SquadRow } from './squad-score.js';
import { goldSpans, readSquadQuestions, type SquadQuestion } from './squad-set.js';
import { SQUAD_WAYS, type SquadWay } from './squad-ways.js';
import { typedInChat } from './typed-question.js';

/** The engines every row is measured for: storybot, and the two references over storybot's own passages. */
export const ENGINES = ['storybot', 'bm25', 'minisearch'] as const;
export type EngineName = (typeof ENGINES)[number];
type ReferenceName = Exclude<EngineName, 'storybot'>;

/** How many passages each engine returns: the eval scores the first five. */
const TOP = 5;

/** What to evaluate: a public-format set over a corpus, a SQuAD-format package, or both. */
export interface EvalSuiteOptions {
  readonly public?: { readonly file: string; readonly corpusDir: string; readonly eventPairs?: string };
  readonly squad?: { readonly dir: string; readonly ways: readonly SquadWay[] };
  /** The reference engines' answers of earlier runs (see ReferenceCache); without it they are computed. */
  readonly cache?: ReferenceCache;
  /** Added to the reference engines' cache keys: what else their answers depend on (the lock file). */
  readonly referenceVersion?: string;
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
  /** Mean time to answer one question, in milliseconds (index building not counted); null when taken from the cache. */
  readonly msPerQuestion: number | null;
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

/** Each engine's passages per question, in the order asked, and its answering time (null: cached). */
type EngineAnswers = Record<EngineName, { passages: (readonly QuotedPassage[])[]; ms: number | null }>;

/** Runs the asked sets for storybot and the reference engines and scores them. */
export async function runEvalSuite(options: EvalSuiteOptions): Promise<EvalRun> {
  const started = performance.now();
  const rows: EvalRow[] = [];
  let publicResults: EvalRun['publicResults'] = null;
  let grouping: GroupingEvaluation | null = null;
  if (options.public) {
    const { file, corpusDir, eventPairs } = options.public;
    const questions = await readQuestionSet(file);
    const { articles } = await loadCorpus(corpusDir);
    const answers = await askEngines(
      corpusDir,
      articles,
      questions.map((q) => q.q),
      options,
    );
    const reports = ENGINES.map((engine) => scoreAnswers(questions, (_, i) => ({ passages: answers[engine].passages[i] ?? [] })));
    publicResults = reports[0]?.results ?? null;
    rows.push(...compared('public', path.basename(corpusDir), reports.map(figuresOf), [answers]));
    if (eventPairs) grouping = await evaluateSameEventGrouping(eventPairs, articles);
  }
  if (options.squad) {
    const { dir, ways } = options.squad;
    for (const way of SQUAD_WAYS.filter((w) => ways.includes(w))) rows.push(...(await squadRows(dir, way, options)));
  }
  return { rows, publicResults, grouping, seconds: (performance.now() - started) / 1000 };
}

/**
 * Asks the three engines every question about one corpus directory: storybot through its real path
 * (`createLibrary`, `answer(q, { limit: 5 })`), the references over the passages storybot splits the
 * articles into.
 */
async function askEngines(
  corpusDir: string,
  articles: readonly Article[],
  questions: readonly string[],
  options: EvalSuiteOptions,
): Promise<EngineAnswers> {
  // No dataDir: no snapshot is read or written, and no watcher is started.
  const library = await createLibrary({ corpusDir });
  for (const failure of library.loadReport.failures) options.warn?.(`skipped ${path.join(corpusDir, failure.file)}: ${failure.reason}`);
  let started = performance.now();
  const storybot = questions.map((q) =>
    library.answer(q, { limit: TOP }).passages.map((p) => ({ articleId: p.article.id, start: p.start, end: p.end, text: p.text })),
  );
  const storybotMs = performance.now() - started;
  const passages: Passage[] = articles.flatMap((a) => splitArticle(a).passages);
  const reference = (name: ReferenceName): EngineAnswers[ReferenceName] => {
    const { build, code } = REFERENCE_ENGINES[name];
    const key = referenceKey(`${name}\n${code}\n${options.referenceVersion ?? ''}`, passages, questions);
    const cached = options.cache?.lookup(key);
    if (cached) return { passages: cached.map((indices) => indices.map((i) => passages[i]!)), ms: null };
    const engine = build(passages);
    const position = new Map(passages.map((p, i) => [p, i]));
    started = performance.now();
    const found = questions.map((q) => engine.search(q, TOP));
    const ms = performance.now() - started;
    options.cache?.remember(
      key,
      found.map((list) => list.map((p) => position.get(p)!)),
    );
    return { passages: [...found], ms };
  };
  return { storybot: { passages: storybot, ms: storybotMs }, bm25: reference('bm25'), minisearch: reference('minisearch') };
}

/** One SQuAD way for the three engines: way 1 asks the whole corpus, way 2 a corpus of each article alone. */
async function squadRows(dir: string, way: SquadWay, options: EvalSuiteOptions): Promise<EvalRow[]> {
  const corpusDir = path.join(dir, 'corpus');
  const [questions, { articles }] = await Promise.all([readSquadQuestions(dir), loadCorpus(corpusDir)]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const asked = way === 'all' ? questions.filter((q) => q.kind !== 'cross-article') : questions;
  const rowsOf = new Map<EngineName, SquadRow[]>(ENGINES.map((e) => [e, []]));
  const answered: EngineAnswers[] = [];
  const ask = async (corpus: string, corpusArticles: readonly Article[], group: readonly SquadQuestion[]): Promise<void> => {
    const answers = await askEngines(
      corpus,
      corpusArticles,
      group.map((q) => (way === 'typed' ? typedInChat(q.q) : q.q)),
      options,
    );
    answered.push(answers);
    group.forEach((question, i) => {
      const article = byId.get(question.article);
      if (!article) throw new Error(`storybot: question ${question.id} is about ${question.article}, which is not in ${corpusDir}`);
      const gold = goldSpans(question, article.body);
      for (const engine of ENGINES) {
        const passages = answers[engine].passages[i] ?? [];
        rowsOf.get(engine)?.push({ kind: question.kind, article: question.article, answers: question.answers, gold, passages });
      }
    });
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
    answered,
  );
}

/** Rows of one set and way, one per engine (in ENGINES order), with each hit@1 over BM25's and the time per question. */
function compared(set: string, way: string, figures: readonly SetFigures[], answered: readonly EngineAnswers[]): EvalRow[] {
  const bm25 = figures[ENGINES.indexOf('bm25')]?.hitAt1 ?? 0;
  return ENGINES.map((engine, i) => {
    const f = figures[i]!;
    const times = answered.map((a) => a[engine].ms);
    const ms = times.includes(null) ? null : (times as number[]).reduce((a, b) => a + b, 0);
    return {
      set,
      way,
      engine,
      figures: f,
      hitAt1VsBm25: bm25 === 0 ? null : f.hitAt1 / bm25,
      msPerQuestion: ms === null || f.questions === 0 ? null : ms / f.questions,
    };
  });
}

/** Same-event grouping on the labelled pairs, with the word rarity the product uses (the corpus index's). */
async function evaluateSameEventGrouping(file: string, articles: readonly Article[]): Promise<GroupingEvaluation> {
  const pairs = parseEventPairs(JSON.parse(await readFile(file, 'utf8')));
  return evaluateGrouping(pairs, { rarity: rarityOf(SearchIndex.build(articles)) });
}
