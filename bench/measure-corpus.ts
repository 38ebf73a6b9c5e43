import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { answer } from '../src/answer/answer.js';
import type { Answer } from '../src/answer/answer-types.js';
import type { Article } from '../src/corpus/article.js';
import { RACY_WINDOW_MS } from '../src/corpus/file-stamp.js';
import { parseArticle } from '../src/corpus/parse-article.js';
import { splitArticle } from '../src/passages/split-article.js';
import { SearchIndex } from '../src/search/search-index.js';
import { LUNR, MINISEARCH_DEFAULT, MINISEARCH_TUNED, type Anchor } from './anchors.js';
import { articleFileText, writeCorpus } from './corpus-files.js';
import { collectGarbage, latency, quantile, timed, timedAsync, type Latency } from './measure.js';
import { cliStartup, inFreshProcess, liveLibraryInFreshProcess } from './processes.js';
import { SNAPSHOT_STORE } from './snapshot-adapter.js';
import { renderReply } from './render-adapter.js';

/** The figures of one corpus, exactly the fields of a `--json` line (times in ms). */
export interface BenchFigures {
  corpus: string;
  passages: number;
  buildMs: number;
  snapshotSaveMs: number;
  snapshotLoadMs: number;
  snapshotBytes: number;
  answerP50Ms: number;
  answerP99Ms: number;
  renderP50Ms: number;
  minisearchP50Ms: number;
  minisearchP99Ms: number;
  minisearchTunedP50Ms: number;
  minisearchTunedP99Ms: number;
  lunrP50Ms: number;
  lunrP99Ms: number;
  addArticleMs: number;
  removeArticleMs: number;
  heapUsedMB: number;
  rssMB: number;
  startupMs: number;
  startupNoSnapshotMs: number;
  /** Names and dates of the whole corpus read in `factWorkers` worker threads (wall time). */
  factsIndexMs: number;
  factWorkers: number;
  /** The first timeline after a restart (names and dates from the snapshot). */
  timelineColdMs: number;
  /** Longest event-loop delay while answering during facts reading, a cold timeline, a snapshot save, a full reindex and uploads. */
  maxEventLoopBlockMs: number;
  /** The most CPU time the main thread had in one event-loop block (see LiveFigures). */
  maxEventLoopBlockCpuMs: number;
}

/** What the table shows besides the JSON figures. */
export interface BenchNotes {
  readonly questions: number;
  /** Share of questions `answer()` found an answer for. */
  readonly answeredShare: number;
  readonly anchorBuildMs: Readonly<Record<string, number>>;
  /** Share of added articles whose question was answered from them right after `add`. */
  readonly addedAnsweredShare: number;
  readonly snapshotMatchesBuild: boolean;
  readonly afterBuild: { readonly heapUsedMB: number; readonly rssMB: number };
  /** The build in the bench process itself (its heap already holds the corpus). */
  readonly inProcessBuildMs: number;
  /** Whether the CLI's second run found a snapshot; when not, startupMs comes from the bench child. */
  readonly cliUsedSnapshot: boolean;
  readonly cliSecondRunMs: number;
  /** Longest event-loop delay per phase of the live library. */
  readonly eventLoopPhases: Readonly<Record<string, number>>;
  /** The most main-thread CPU time in one block, per phase. */
  readonly eventLoopPhasesCpu: Readonly<Record<string, number>>;
}

/** A corpus to measure, with its questions and articles to add and remove one by one. */
export interface BenchInput {
  readonly corpus: string;
  readonly articles: readonly Article[];
  readonly questions: readonly string[];
  /** Articles not in the corpus, each with a question about one of its passages. */
  readonly additions: readonly { readonly article: Article; readonly question: string }[];
  /** Questions run once before timing. */
  readonly warmUp: number;
}

/**
 * Measures one corpus: build, snapshot, answers, render, anchors, incremental updates, memory and
 * start-up. Build and snapshot load are timed in fresh processes, as a starting bot meets them.
 */
export async function measureCorpus(input: BenchInput, log: (line: string) => void): Promise<{ figures: BenchFigures; notes: BenchNotes }> {
  const { articles, questions, warmUp } = input;
  const work = await mkdtemp(path.join(tmpdir(), 'storybot-bench-'));
  try {
    log(`  build`);
    const build = timed(() => SearchIndex.build(articles));
    const index = build.result;

    log(`  snapshot`);
    const save = await timedAsync(() => SNAPSHOT_STORE.save(index, path.join(work, 'data')));
    const snapshotFile = save.result;
    const snapshotBytes = (await stat(snapshotFile)).size;
    const loaded = await SNAPSHOT_STORE.load(snapshotFile);
    const snapshotMatchesBuild = questions.slice(0, 20).every((q) => sameAnswer(answer(index, q), answer(loaded, q)));

    log(`  answer + render`);
    const answers = questions.map((q) => answer(index, q));
    const answerLatency = latency(questions, (q) => answer(index, q), warmUp);
    const renderLatency = latency(answers, renderReply, warmUp);

    const passages = articles.flatMap((a) => splitArticle(a).passages);
    const anchorBuildMs: Record<string, number> = {};
    const anchor = (a: Anchor): Latency => {
      log(`  ${a.name}`);
      const built = timed(() => a.build(passages));
      anchorBuildMs[a.name] = built.ms;
      const result = latency(questions, built.result, warmUp);
      collectGarbage();
      return result;
    };
    const minisearch = anchor(MINISEARCH_DEFAULT);
    const tuned = anchor(MINISEARCH_TUNED);
    const lunr = anchor(LUNR);

    log(`  add / remove articles`);
    const updates = input.additions.map(({ article, question }) => {
      const bytes = Buffer.from(articleFileText(article));
      const added = timed(() => {
        index.add(parseArticle(article.file, bytes));
        return answer(index, question).passages.some((p) => p.article.id === article.id);
      });
      const removed = timed(() => {
        index.remove(article.id);
        return !answer(index, question).passages.some((p) => p.article.id === article.id);
      });
      if (!removed.result) throw new Error(`bench: removed article ${article.id} still answers`);
      return { addMs: added.ms, answered: added.result, removeMs: removed.ms };
    });

    log(`  fresh processes (memory, start-up)`);
    const corpusDir = path.join(work, 'corpus');
    await writeCorpus(corpusDir, articles);
    const corpusWrittenAt = Date.now();
    const probe = questions[0] ?? 'Who?';
    const afterBuild = await inFreshProcess('build', corpusDir, probe);
    const afterLoad = await inFreshProcess('load', snapshotFile, probe);
    // A corpus file read within RACY_WINDOW_MS of being written is read again at the next start (see
    // file-stamp.ts); a real corpus is not written the moment the bot starts, so neither is this one.
    await setTimeout(Math.max(0, corpusWrittenAt + RACY_WINDOW_MS - Date.now()));
    const cli = await cliStartup(corpusDir, path.join(work, 'cli-data'), probe);
    const live = await liveLibraryInFreshProcess(
      corpusDir,
      path.join(work, 'live-data'),
      { questions, uploads: input.additions.map((a) => a.article) },
      log,
    );

    const figures: BenchFigures = {
      corpus: input.corpus,
      passages: index.passageCount,
      buildMs: afterBuild.indexMs,
      snapshotSaveMs: save.ms,
      snapshotLoadMs: afterLoad.indexMs,
      snapshotBytes,
      answerP50Ms: answerLatency.p50,
      answerP99Ms: answerLatency.p99,
      renderP50Ms: renderLatency.p50,
      minisearchP50Ms: minisearch.p50,
      minisearchP99Ms: minisearch.p99,
      minisearchTunedP50Ms: tuned.p50,
      minisearchTunedP99Ms: tuned.p99,
      lunrP50Ms: lunr.p50,
      lunrP99Ms: lunr.p99,
      addArticleMs: quantile(
        updates.map((u) => u.addMs),
        0.5,
      ),
      removeArticleMs: quantile(
        updates.map((u) => u.removeMs),
        0.5,
      ),
      heapUsedMB: afterLoad.heapUsedMB,
      rssMB: afterLoad.rssMB,
      startupMs: cli.secondRunHadSnapshot ? cli.secondRunMs : afterLoad.firstAnswerMs,
      startupNoSnapshotMs: cli.firstRunMs,
      factsIndexMs: live.factsIndexMs,
      factWorkers: live.factWorkers,
      timelineColdMs: live.timelineColdMs,
      maxEventLoopBlockMs: live.maxEventLoopBlockMs,
      maxEventLoopBlockCpuMs: live.maxEventLoopBlockCpuMs,
    };
    const notes: BenchNotes = {
      questions: questions.length,
      answeredShare: answers.filter((a) => a.passages.length > 0).length / Math.max(1, answers.length),
      anchorBuildMs,
      addedAnsweredShare: updates.filter((u) => u.answered).length / Math.max(1, updates.length),
      snapshotMatchesBuild,
      afterBuild: { heapUsedMB: afterBuild.heapUsedMB, rssMB: afterBuild.rssMB },
      inProcessBuildMs: build.ms,
      cliUsedSnapshot: cli.secondRunHadSnapshot,
      cliSecondRunMs: cli.secondRunMs,
      eventLoopPhases: live.phases,
      eventLoopPhasesCpu: live.phasesCpu,
    };
    return { figures, notes };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function sameAnswer(a: Answer, b: Answer): boolean {
  return a.passages.map((p) => p.passageId).join() === b.passages.map((p) => p.passageId).join();
}
