import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { answer, articleRef } from '../answer/answer.js';
import type { AnswerOptions, StoryAnswer } from '../answer/answer-types.js';
import type { Article, CorpusFailure, CorpusNotice } from '../corpus/article.js';
import { sameStamp, type FileStamp } from '../corpus/file-stamp.js';
import { loadCorpus, readArticleFile, type ReadArticle, type StampedArticle } from '../corpus/load-corpus.js';
import { articleIdOf, parseArticle } from '../corpus/parse-article.js';
import type { Logger } from '../log.js';
import { MAX_PASSAGES_PER_ARTICLE } from '../passages/split-article.js';
import { preloadWordLists } from '../search/expand.js';
import { SearchIndex } from '../search/search-index.js';
import { createFactPool, type FactPool } from '../facts/fact-pool.js';
import { prepareUpload } from './article-upload.js';
import { exists, writeFileAtomically } from './atomic-file.js';
import { watchCorpus, type CorpusWatcher } from './corpus-watcher.js';
import type { WordRarity } from '../facts/same-event.js';
import { FactStore, rarityOf } from './fact-store.js';
import { applyPlan, planChanges, planChangesSteps, type FileState, type IndexPlan } from './index-sync.js';
import { logLibraryEvent, type ChangeCause, type LibraryEvent } from './library-events.js';
import { ArticleNotFound, ArticleRejected, LibraryClosing } from './library-errors.js';
import type {
  AddedArticle,
  ArticleUpload,
  FactsProgress,
  FileChange,
  IndexCounts,
  Library,
  PassageContext,
  ReindexReport,
  RemovedArticle,
  SourceSummary,
  Timeline,
  TimelineRequest,
  UpdatedArticle,
} from './library-types.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';
import { runInSlices, TimeSlices } from '../time-slices.js';

/** How a Library is set up. */
export interface LibraryOptions {
  readonly corpusDir: string;
  /** Where the index snapshot is kept; without it every start indexes the whole corpus. */
  readonly dataDir?: string;
  readonly logger?: Logger;
  /** Told of each file change, corpus notice and problem as it happens (the console chat's notices). */
  readonly onEvent?: (event: LibraryEvent) => void;
  /** Follow the corpus directory and re-index what changes, until `close()`. */
  readonly watch?: boolean;
  /** Index the whole corpus even when the snapshot is usable; the load report still compares with the snapshot. */
  readonly rebuild?: boolean;
  /**
   * When names and dates are read (in worker threads): `background` (default) as soon as an article is
   * indexed, for a long-running bot; `on-demand` only when an answer, a timeline or `factsReady` needs them.
   */
  readonly facts?: 'background' | 'on-demand';
  /** Worker threads that read names and dates (default: one fewer than the cores, at least one). */
  readonly factWorkers?: number;
  /** Makes the pool that reads names and dates (tests hold it back to see a library still reading). */
  readonly factPool?: () => FactPool;
}

/** A Library with the report of how it was loaded (which files came from the snapshot, were indexed, failed). */
export type LoadedLibrary = Library & { readonly loadReport: ReindexReport };

/** Name of the folder, inside the corpus directory, that removed articles are moved to. */
export const TRASH_DIR = '.trash';
/** Changes are saved to the snapshot this long after the last one, not once per change. */
const SAVE_DELAY_MS = 1000;
/** While names and dates come in article by article, what was read is saved at most this often. */
const FACTS_SAVE_DELAY_MS = 30_000;

/**
 * Opens the corpus: loads the index snapshot from `dataDir` and re-indexes only the files that
 * changed since (or indexes the whole corpus when there is no usable snapshot), saves the snapshot,
 * and starts watching the corpus when asked. Broken files are reported in `loadReport`, never fatal.
 * A bare string is the corpus directory (no snapshot, no watch).
 */
export async function createLibrary(options: LibraryOptions | string): Promise<LoadedLibrary> {
  const library = new CorpusLibrary(typeof options === 'string' ? { corpusDir: options } : options);
  const loadReport = await library.open();
  return Object.assign(library, { loadReport });
}

/** The index in use and what it was built from. */
interface LibraryState {
  readonly index: SearchIndex;
  /** Per indexed file, the stamp of the read its article came from (kept in the snapshot). */
  readonly stamps: Map<string, FileStamp>;
  readonly version: number;
  readonly updatedAt: Date;
}

/*
 * Consistency: every change goes through one queue, so changes never overlap. A full reindex
 * builds a new index aside (yielding now and then, so questions keep being answered from the old
 * one) and swaps it in. A change of a few files is applied to the index in place, but in one
 * synchronous step (`applyPlan`) after all awaits: `answer()` is synchronous too, so it runs either
 * before or after the whole step and never sees a half-applied change.
 */
class CorpusLibrary implements Library {
  private state: LibraryState = { index: SearchIndex.empty(), stamps: new Map(), version: 0, updatedAt: new Date() };
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: CorpusWatcher | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private saveDue = 0;
  /** Set by close(): a full build in progress gives up at its next slice instead of holding up the stop. */
  private closing = false;
  private readonly corpusDir: string;
  private readonly facts: FactStore;
  /** Notices already told, so an ignored front-matter key is warned about once, not at every change of its file. */
  private readonly told = new Set<string>();

  constructor(private readonly options: LibraryOptions) {
    this.corpusDir = path.resolve(options.corpusDir);
    this.facts = new FactStore({
      index: () => this.state.index,
      pool: options.factPool ?? (() => createFactPool(options.factWorkers)),
      background: (options.facts ?? 'background') === 'background',
      ...(options.logger && { logger: options.logger }),
      onChange: () => this.factsChanged(),
    });
  }

  get version(): number {
    return this.state.version;
  }

  get updatedAt(): Date {
    return this.state.updatedAt;
  }

  answer(question: string, options?: AnswerOptions): StoryAnswer {
    const { index } = this.state;
    return this.facts.annotate(answer(index, question, options), index);
  }

  timeline(request?: TimelineRequest): Promise<Timeline> {
    return this.facts.timeline(request);
  }

  factsProgress(): FactsProgress {
    return this.facts.progress();
  }

  factsReady(articleIds?: readonly string[]): Promise<void> {
    return this.facts.ready(articleIds);
  }

  sources(): readonly SourceSummary[] {
    const { index } = this.state;
    return index
      .allArticles()
      .map((article) => ({ article: articleRef(article), file: article.file, passages: index.passageCountOf(article.id) }));
  }

  wordRarity(): WordRarity {
    return rarityOf(this.state.index);
  }

  contextOf(passageId: string): PassageContext | null {
    const { index } = this.state;
    const passage = index.passage(passageId);
    const article = passage && index.article(passage.articleId);
    const paragraph = passage && index.paragraphOf(passage);
    if (!passage || !article || !paragraph) return null;
    return {
      article: articleRef(article),
      paragraph: paragraph.number,
      heading: paragraph.heading,
      paragraphText: article.body.slice(paragraph.start, paragraph.end),
      passageStart: passage.start - paragraph.start,
      passageEnd: passage.end - paragraph.start,
    };
  }

  /** First load: snapshot plus the difference, or a full build; then the watch. */
  async open(): Promise<ReindexReport> {
    const report = await this.enqueue(() => this.load());
    // A long-running library (the bot, the console chat) pays for these now rather than while its first user waits.
    if (this.facts.background) preloadWordLists();
    if (this.options.watch) {
      this.watcher = await watchCorpus(
        this.corpusDir,
        (files) =>
          void this.enqueue(() => this.syncFiles(files)).catch((error: unknown) =>
            this.emit({ type: 'problem', problem: 'update-failed', reason: messageOf(error), error }),
          ),
        (error) => this.emit({ type: 'problem', problem: 'watch-error', reason: messageOf(error), error }),
      );
    }
    return report;
  }

  /** Re-reads the whole corpus, builds a new index aside and swaps it in; reports per file. */
  reindex(): Promise<ReindexReport> {
    return this.enqueue(async () => {
      const before = this.state.index;
      const { articles, failures, stamps, notices } = await loadCorpus(this.corpusDir, { indexed: filesOf(before) });
      const { changes } = await runInSlices(planChangesSteps(before, corpusStates(before, articles, failures)));
      // Articles the plan found unchanged are built from what the index made of them (the same passages).
      const unchanged = new Set(changes.flatMap((c) => (c.change === 'unchanged' ? [c.file] : [])));
      const reused = articles.map((article) => (unchanged.has(article.file) ? (before.article(article.id) ?? article) : article));
      const index = await buildIndex(reused, () => this.closing, before);
      const noted = withBoundNotes(changes, index);
      this.swap(index, new Map(stamps), noted, 'reindex', indexChanged(before, changes));
      this.tell(notices, 'reindex');
      await this.saveSnapshot();
      return { before: countsOf(before), after: countsOf(index), changes: noted, failures, notices };
    });
  }

  addArticle(upload: ArticleUpload): Promise<AddedArticle> {
    return this.enqueue(async () => {
      const { file, bytes, article } = prepareUpload(upload);
      const { index } = this.state;
      this.refuseDuplicate(article);
      const plan = planChanges(index, new Map([[file, article]]));
      const refused = plan.changes.find((c) => c.change === 'failed');
      if (refused)
        throw new ArticleRejected('duplicate', `An article with the id ${article.id} is already in the library (${refused.reason}).`);
      await writeFileAtomically(path.join(this.corpusDir, file), bytes, { replace: false });
      this.apply(plan, 'upload');
      return this.added(article);
    });
  }

  updateArticle(articleId: string, upload: ArticleUpload): Promise<UpdatedArticle> {
    return this.enqueue(async () => {
      const old = this.state.index.article(articleId);
      if (!old) throw new ArticleNotFound(`There is no article with the id ${articleId} to update.`);
      if (path.extname(old.file).toLowerCase() !== '.md')
        throw new Error(`storybot: ${old.file} is not Markdown; only .md articles can be updated in place`);
      // The file keeps its name, so the article keeps its id (threads and buttons that name it go on working).
      const { bytes } = prepareUpload({ ...upload, fileName: old.file });
      const article = parseArticle(old.file, bytes);
      this.refuseDuplicate(article, old.id);
      const plan = planChanges(this.state.index, new Map([[old.file, article]]));
      const changed = plan.changes.some((c) => c.change === 'changed');
      if (changed) {
        await writeFileAtomically(path.join(this.corpusDir, old.file), bytes, { replace: true });
        this.apply(plan, 'upload');
      }
      return { ...this.added(article), changed };
    });
  }

  removeArticle(articleId: string): Promise<RemovedArticle> {
    return this.enqueue(async () => {
      const article = this.state.index.article(articleId);
      if (!article)
        throw new ArticleNotFound(`There is no article with the id ${articleId} (an article's id is its file name without the extension).`);
      const passages = this.state.index.passageCountOf(articleId);
      const trashFile = await moveToTrash(this.corpusDir, article.file);
      this.apply(planChanges(this.state.index, new Map([[article.file, null]])), 'remove');
      return { article: articleRef(article), file: article.file, trashFile, passages };
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.watcher?.close();
    this.watcher = undefined;
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.enqueue(() => this.saveSnapshot());
    }
    await this.queue;
    await this.facts.close();
  }

  /** Refuses an article whose URL or text another indexed article (not `except`) already has, naming it. */
  private refuseDuplicate(article: Article, except?: string): void {
    const others = this.state.index.allArticles().filter((a) => a.id !== except);
    const sameUrl = article.url === null ? undefined : others.find((a) => a.url === article.url);
    if (sameUrl)
      throw new ArticleRejected(
        'duplicate',
        `An article from ${article.url} is already in the library as “${sameUrl.title}” (${sameUrl.file}, id ${sameUrl.id}).`,
      );
    const twin = others.find((a) => a.contentHash === article.contentHash);
    if (twin)
      throw new ArticleRejected('duplicate', `This text is already in the library as “${twin.title}” (${twin.file}, id ${twin.id}).`);
  }

  /** What addArticle and updateArticle report: the article, its file, its passage count and first passage. */
  private added(article: Article): AddedArticle {
    const passages = this.state.index.passagesOf(article.id);
    const first = passages[0];
    if (!first) throw new Error(`storybot: ${article.file} was indexed without passages; prepareUpload should have refused it`);
    return {
      article: articleRef(article),
      file: article.file,
      passages: passages.length,
      firstPassage: { passageId: first.id, paragraph: first.paragraph, text: first.text },
    };
  }

  private async load(): Promise<ReindexReport> {
    const { dataDir, logger, rebuild } = this.options;
    const snapshot = dataDir === undefined ? undefined : await readSnapshot(dataDir);
    if (snapshot?.status === 'invalid') this.emit({ type: 'problem', problem: 'snapshot-unusable', reason: snapshot.reason });
    const fromSnapshot = snapshot?.status === 'loaded' ? snapshot : undefined;
    const before = fromSnapshot?.index ?? SearchIndex.empty();
    // Kept even when rebuilding: facts of articles read again unchanged are taken over (FactStore.sync).
    if (fromSnapshot) this.facts.restore(before, fromSnapshot.facts);
    const saved = countsOf(before);
    if (fromSnapshot) {
      logger?.info({ dataDir, savedAt: fromSnapshot.savedAt, ...saved }, 'index snapshot loaded');
      // The snapshot's index keeps its version and time of change: only a change makes a new version.
      this.state = { ...this.state, version: fromSnapshot.version, updatedAt: fromSnapshot.updatedAt };
    }
    // Files indexed in the snapshot and not written since are taken from it, not read again (unless rebuilding).
    const known = fromSnapshot && !rebuild ? stampedArticles(before, fromSnapshot.stamps) : undefined;
    const { articles, failures, stamps, notices } = await loadCorpus(this.corpusDir, { known, indexed: filesOf(before) });
    const plan = await runInSlices(planChangesSteps(before, corpusStates(before, articles, failures)));
    let index = before;
    if (fromSnapshot && !rebuild) applyPlan(index, plan);
    else index = await buildIndex(articles, () => this.closing);
    const noted = withBoundNotes(plan.changes, index);
    this.swap(index, new Map(stamps), noted, 'load', !fromSnapshot || indexChanged(before, plan.changes));
    this.tell(notices, 'load');
    const stale =
      !fromSnapshot ||
      rebuild === true ||
      plan.changes.some((c) => c.change !== 'unchanged' && c.change !== 'failed') ||
      !sameStamps(fromSnapshot.stamps, stamps);
    if (stale) await this.saveSnapshot();
    return { before: saved, after: countsOf(index), changes: noted, failures, notices };
  }

  /** Re-reads some corpus files (named by the watch) and indexes what changed in them. */
  private async syncFiles(files: readonly string[]): Promise<void> {
    const reads = new Map<string, ReadArticle | null>();
    for (const file of files)
      reads.set(file, (await exists(path.join(this.corpusDir, file))) ? await readArticleFile(this.corpusDir, file) : null);
    const states = new Map<string, FileState>([...reads].map(([file, read]) => [file, read?.state ?? null]));
    this.apply(planChanges(this.state.index, states), 'watch', reads);
    this.tell(
      [...reads.values()].flatMap((read) => read?.notices ?? []),
      'watch',
    );
  }

  /**
   * Applies a change of some files (atomically for readers), then logs it and schedules a save.
   * `reads` are the reads the plan came from: their stamps are kept for the files now indexed from them.
   */
  private apply(plan: IndexPlan, cause: ChangeCause, reads: ReadonlyMap<string, ReadArticle | null> = new Map()): void {
    const { index, stamps } = this.state;
    applyPlan(index, plan);
    for (const { file } of plan.changes) {
      const stamp = reads.get(file)?.stamp;
      if (stamp && index.article(articleIdOf(file))?.file === file) stamps.set(file, stamp);
      else stamps.delete(file);
    }
    for (const change of plan.changes) if (change.change !== 'unchanged') this.tellChange(change, cause);
    // A file that fails without having been indexed (a broken file, a copy) leaves the index as it was.
    if (plan.remove.length === 0 && plan.add.length === 0) return;
    this.state = { ...this.state, version: this.state.version + 1, updatedAt: new Date() };
    this.facts.sync();
    this.scheduleSave();
  }

  /** Puts a new index in use; a new version only when it differs from the one before. */
  private swap(
    index: SearchIndex,
    stamps: Map<string, FileStamp>,
    changes: readonly FileChange[],
    cause: ChangeCause,
    changed: boolean,
  ): void {
    const { version, updatedAt } = this.state;
    this.state = { index, stamps, version: changed ? version + 1 : version, updatedAt: changed ? new Date() : updatedAt };
    this.facts.sync();
    for (const change of changes) if (change.change !== 'unchanged') this.tellChange(change, cause);
    this.options.logger?.info({ ...countsOf(index), corpusDir: this.corpusDir, version: this.state.version }, 'index ready');
  }

  private tellChange(change: FileChange, cause: ChangeCause): void {
    const [noted = change] = withBoundNotes([change], this.state.index);
    this.emit({ type: 'file', cause, change: noted, passages: this.state.index.passageCountOf(articleIdOf(change.file)) });
  }

  /** Tells each notice the first time it comes up. */
  private tell(notices: readonly CorpusNotice[], cause: ChangeCause): void {
    for (const notice of notices) {
      const key = `${notice.file}\0${notice.message}`;
      if (this.told.has(key)) continue;
      this.told.add(key);
      this.emit({ type: 'notice', cause, notice });
    }
  }

  private emit(event: LibraryEvent): void {
    const { logger, dataDir, onEvent } = this.options;
    if (logger) logLibraryEvent(logger, event, { corpusDir: this.corpusDir, ...(dataDir === undefined ? {} : { dataDir }) });
    onEvent?.(event);
  }

  /** Names and dates came in: saved soon once all are read, else now and then (a save of a large index is not free). */
  private factsChanged(): void {
    const { passages, passagesRead } = this.facts.progress();
    this.scheduleSave(passagesRead === passages ? SAVE_DELAY_MS : FACTS_SAVE_DELAY_MS);
  }

  private scheduleSave(delayMs = SAVE_DELAY_MS): void {
    if (this.options.dataDir === undefined) return;
    if (this.saveTimer && this.saveDue <= Date.now() + delayMs) return;
    clearTimeout(this.saveTimer);
    this.saveDue = Date.now() + delayMs;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.enqueue(() => this.saveSnapshot());
    }, delayMs);
    // A pending save must not keep a finished CLI run alive; the bot saves it in close().
    this.saveTimer.unref();
  }

  /** Writes the snapshot; a failure is logged, never fatal (the next start indexes the corpus). */
  private async saveSnapshot(): Promise<void> {
    const { dataDir, logger } = this.options;
    if (dataDir === undefined) return;
    const { index, stamps, version, updatedAt } = this.state;
    try {
      const file = await writeSnapshot(dataDir, index, { stamps, facts: this.facts.kept(index), version: { version, updatedAt } });
      logger?.debug({ file, version }, 'index snapshot saved');
    } catch (error) {
      this.emit({ type: 'problem', problem: 'snapshot-not-saved', reason: messageOf(error), error });
    }
  }

  /** Runs changes one at a time, in the order they were asked for. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Builds an index aside, in time slices so questions are still answered (from the old index)
 * meanwhile; throws LibraryClosing at a slice's end once `closing()` says so. Articles that are the
 * very objects `previous` holds keep the passages it made of them.
 */
async function buildIndex(articles: readonly Article[], closing: () => boolean, previous?: SearchIndex): Promise<SearchIndex> {
  const index = previous ? SearchIndex.emptySharingTerms(previous) : SearchIndex.empty();
  const slices = new TimeSlices();
  for (const article of articles) {
    index.add(article, previous);
    if (slices.due()) {
      await slices.pause();
      if (closing()) throw new LibraryClosing();
    }
  }
  return index;
}

/** Why an article with MAX_PASSAGES_PER_ARTICLE passages is not searchable to its end, and what to do. */
function passageBoundNote(): string {
  return `reached the bound of ${MAX_PASSAGES_PER_ARTICLE.toLocaleString('en-US')} passages per article: text after it is not searchable; split the file into smaller articles`;
}

/** The changes, each indexed article that reached the passage bound with a note saying so. */
function withBoundNotes(changes: readonly FileChange[], index: SearchIndex): FileChange[] {
  return changes.map((change) => {
    const indexed = change.change !== 'removed' && change.change !== 'failed';
    return indexed && index.passageCountOf(articleIdOf(change.file)) >= MAX_PASSAGES_PER_ARTICLE
      ? { ...change, note: passageBoundNote() }
      : change;
  });
}

/** Every file of the corpus and the index: what it holds now (gone when only the index has it). */
function corpusStates(index: SearchIndex, articles: readonly Article[], failures: readonly CorpusFailure[]): Map<string, FileState> {
  const states = new Map<string, FileState>(index.allArticles().map((a) => [a.file, null]));
  for (const article of articles) states.set(article.file, article);
  for (const failure of failures) states.set(failure.file, failure);
  return states;
}

/** The indexed articles that have a stamp, by file. */
function stampedArticles(index: SearchIndex, stamps: ReadonlyMap<string, FileStamp>): Map<string, StampedArticle> {
  return new Map(
    index.allArticles().flatMap((article) => {
      const stamp = stamps.get(article.file);
      return stamp ? [[article.file, { article, stamp }] as const] : [];
    }),
  );
}

function sameStamps(a: ReadonlyMap<string, FileStamp>, b: ReadonlyMap<string, FileStamp>): boolean {
  return a.size === b.size && [...a].every(([file, stamp]) => sameStamp(stamp, b.get(file)));
}

/** The files of the indexed articles: they keep their text and id against a later copy. */
function filesOf(index: SearchIndex): Set<string> {
  return new Set(index.allArticles().map((a) => a.file));
}

/** Whether a change of some files altered the index (a file that failed before and fails again did not). */
function indexChanged(before: SearchIndex, changes: readonly FileChange[]): boolean {
  return changes.some(
    (c) =>
      c.change === 'added' ||
      c.change === 'changed' ||
      c.change === 'removed' ||
      (c.change === 'failed' && before.article(articleIdOf(c.file))?.file === c.file),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function countsOf(index: SearchIndex): IndexCounts {
  return { articles: index.articleCount, passages: index.passageCount };
}

/** Moves a corpus file into the trash folder without overwriting an earlier one; returns its new relative path. */
async function moveToTrash(dir: string, file: string): Promise<string> {
  // An article of a sub-folder keeps its folder in the trash (.trash/2024-11/x.md), so moving it back is one rename.
  await mkdir(path.join(dir, TRASH_DIR, path.dirname(file)), { recursive: true });
  const ext = path.extname(file);
  let trashFile = path.join(TRASH_DIR, file);
  if (await exists(path.join(dir, trashFile)))
    trashFile = path.join(
      TRASH_DIR,
      path.dirname(file),
      `${path.basename(file, ext)}-${new Date().toISOString().replace(/[:.]/g, '-')}${ext}`,
    );
  try {
    await rename(path.join(dir, file), path.join(dir, trashFile));
  } catch (error) {
    // Already deleted by hand: there is nothing to keep, but the article must still leave the index.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return trashFile;
}
