/**
 * Run in a fresh process by the bench: builds an index from a corpus directory (`build DIR`) or
 * loads a snapshot (`load FILE`), answers one question, and prints one JSON line with the build or
 * load time, the memory in use and the time from process start to that first answer. A fresh
 * process measures build and load as a starting bot meets them, without the bench's own heap.
 */
import { answer } from '../src/answer/answer.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { SearchIndex } from '../src/search/search-index.js';
import { memoryMB, timedAsync } from './measure.js';
import { SNAPSHOT_STORE } from './snapshot-adapter.js';

/** What the child reports. */
export interface ChildReport {
  readonly heapUsedMB: number;
  readonly rssMB: number;
  /** Time to build or load the index in this fresh process. */
  readonly indexMs: number;
  /** From process start (performance time origin) to the first answer. */
  readonly firstAnswerMs: number;
  readonly answered: boolean;
}

const [mode, target, question] = process.argv.slice(2);
if ((mode !== 'build' && mode !== 'load') || !target || !question) {
  throw new Error('usage: child-memory.ts build CORPUS_DIR "question" | load SNAPSHOT_FILE "question"');
}
const articles = mode === 'build' ? (await loadCorpus(target)).articles : [];
const { result: index, ms: indexMs } = await timedAsync(async () =>
  mode === 'build' ? SearchIndex.build(articles) : await SNAPSHOT_STORE.load(target),
);
const first = answer(index, question);
const firstAnswerMs = performance.now();
const report: ChildReport = { ...memoryMB(), indexMs, firstAnswerMs, answered: first.passages.length > 0 };
process.stdout.write(`${JSON.stringify(report)}\n`);
