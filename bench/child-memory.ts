/**
 * Run in a fresh process by the bench: builds an index from a corpus directory (`build DIR`) or
 * loads a snapshot (`load FILE`), answers one question, and prints one JSON line with the memory
 * in use and the time from process start to that first answer.
 */
import { answer } from '../src/answer/answer.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { SearchIndex } from '../src/search/search-index.js';
import { memoryMB } from './measure.js';
import { SNAPSHOT_STORE } from './snapshot-adapter.js';

/** What the child reports. */
export interface ChildReport {
  readonly heapUsedMB: number;
  readonly rssMB: number;
  /** From process start (performance time origin) to the first answer. */
  readonly firstAnswerMs: number;
  readonly answered: boolean;
}

const [mode, target, question] = process.argv.slice(2);
if ((mode !== 'build' && mode !== 'load') || !target || !question) {
  throw new Error('usage: child-memory.ts build CORPUS_DIR "question" | load SNAPSHOT_FILE "question"');
}
const index = mode === 'build' ? SearchIndex.build((await loadCorpus(target)).articles) : await SNAPSHOT_STORE.load(target);
const first = answer(index, question);
const firstAnswerMs = performance.now();
const report: ChildReport = { ...memoryMB(), firstAnswerMs, answered: first.passages.length > 0 };
process.stdout.write(`${JSON.stringify(report)}\n`);
