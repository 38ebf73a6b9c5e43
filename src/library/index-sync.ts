import type { Article, CorpusFailure } from '../corpus/article.js';
import { ArticleRegistry } from '../corpus/load-corpus.js';
import { articleIdOf } from '../corpus/parse-article.js';
import type { SearchIndex } from '../search/search-index.js';
import type { FileChange } from './library-types.js';
import { runToEnd } from '../time-slices.js';

/**
 * Whether two readings of an article index identically: same text (by its hash) and every other field
 * equal. Compared field by field rather than hashed: a full reindex compares thousands of articles at once.
 */
export function sameArticle(a: Article, b: Article): boolean {
  const keys = Object.keys(a) as (keyof Article)[];
  return (
    a.contentHash === b.contentHash && keys.length === Object.keys(b).length && keys.every((key) => key === 'body' || a[key] === b[key])
  );
}

/** Files (or articles) compared between two yields of `planChangesSteps`. */
const STEP = 500;

/** Orders file names as the reports list them (a collator: much cheaper than localeCompare per comparison). */
const byName = new Intl.Collator().compare;

/** What one corpus file holds now: an article, a failure, or nothing (it is gone). */
export type FileState = Article | CorpusFailure | null;

/** How to bring an index in line with some files: what to remove and add, and the per-file report. */
export interface IndexPlan {
  readonly changes: readonly FileChange[];
  readonly remove: readonly string[];
  readonly add: readonly Article[];
}

/**
 * Compares the index with the current state of some corpus files (the others are left alone).
 * A file is `unchanged` when its article has the same text and metadata (`sameArticle`) as the
 * indexed one. An article whose text or id is already indexed from another file fails, as in
 * `loadCorpus`, so two files with the same text never make two articles.
 */
export function planChanges(index: SearchIndex, files: ReadonlyMap<string, FileState>): IndexPlan {
  return runToEnd(planChangesSteps(index, files));
}

/** `planChanges` in small steps (a yield every STEP files), for a full reindex of thousands of files. */
export function* planChangesSteps(index: SearchIndex, files: ReadonlyMap<string, FileState>): Generator<void, IndexPlan> {
  const changes: FileChange[] = [];
  const remove: string[] = [];
  const candidates: Article[] = [];
  const replaced = new Set<string>();
  const sorted = [...files].sort(([a], [b]) => byName(a, b));
  yield;
  let step = 0;
  for (const [file, state] of sorted) {
    if (++step % STEP === 0) yield;
    const indexed = index.article(articleIdOf(file));
    const current = indexed?.file === file ? indexed : undefined;
    if (state !== null && !('reason' in state) && current && (current === state || sameArticle(current, state))) {
      changes.push({ file, change: 'unchanged' });
      continue;
    }
    if (current) {
      remove.push(current.id);
      replaced.add(file);
    }
    if (state === null) {
      if (current) changes.push({ file, change: 'removed' });
    } else if ('reason' in state) changes.push({ file, change: 'failed', reason: state.reason });
    else candidates.push(state);
  }
  const removed = new Set(remove);
  const registry = new ArticleRegistry();
  for (const article of index.allArticles()) {
    if (!removed.has(article.id)) registry.register(article);
    if (++step % STEP === 0) yield;
  }
  const add: Article[] = [];
  for (const article of candidates) {
    if (++step % STEP === 0) yield;
    const conflict = registry.conflictOf(article);
    if (conflict !== null) changes.push({ file: article.file, change: 'failed', reason: conflict });
    else {
      registry.register(article);
      add.push(article);
      changes.push({ file: article.file, change: replaced.has(article.file) ? 'changed' : 'added' });
    }
  }
  return { changes: changes.sort((a, b) => byName(a.file, b.file)), remove, add };
}

/**
 * Applies a plan to an index. Synchronous on purpose: readers (`answer` is synchronous too) run
 * between awaits, so they see the index before the whole plan or after it, never half of it.
 */
export function applyPlan(index: SearchIndex, plan: IndexPlan): void {
  for (const id of plan.remove) index.remove(id);
  for (const article of plan.add) index.add(article);
}
