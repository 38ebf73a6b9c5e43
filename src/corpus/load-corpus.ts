import { constants, statSync, type Stats } from 'node:fs';
import { lstat, open, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Article, CorpusFailure, CorpusNotice } from './article.js';
import { listCorpus } from './corpus-entries.js';
import { stampOf, unchangedSince, type FileStamp } from './file-stamp.js';
import { ArticleError, FRONT_MATTER_KEYS, parseArticleFile } from './parse-article.js';
import { TimeSlices } from '../time-slices.js';

/** Articles read from a corpus directory, and the files that could not be read. */
export interface LoadedCorpus {
  readonly articles: readonly Article[];
  readonly failures: readonly CorpusFailure[];
  /** Per file of `articles`: its stamp when it was read. */
  readonly stamps: ReadonlyMap<string, FileStamp>;
  /** Entries left out on purpose (not article files) and front-matter keys ignored in kept articles. */
  readonly notices: readonly CorpusNotice[];
}

/** An article and the stamp of the file it was read from. */
export interface StampedArticle {
  readonly article: Article;
  readonly stamp: FileStamp;
}

/** One corpus file as read: what it holds, its stamp (null when it could not even be opened), and what to tell about it. */
export interface ReadArticle {
  readonly state: Article | CorpusFailure;
  readonly stamp: FileStamp | null;
  readonly notices: readonly CorpusNotice[];
}

/** How `loadCorpus` reads. */
export interface LoadCorpusOptions {
  /**
   * Articles already known, by file (from the index snapshot): a file whose stats show it unchanged
   * since its stamp is taken from here instead of being read and parsed again.
   */
  readonly known?: ReadonlyMap<string, StampedArticle>;
  /**
   * Files whose articles are already indexed: when another file repeats one's text or id, the indexed
   * one stays and the other is reported (without it, the older file by modification time stays).
   */
  readonly indexed?: ReadonlySet<string>;
}

/** Largest article file accepted, in bytes. */
export const MAX_ARTICLE_BYTES = 1_000_000;

/** Raised when the corpus directory itself cannot be read. */
export class CorpusDirError extends Error {
  override readonly name = 'CorpusDirError';
}

/**
 * Reads every `.md` / `.txt` file of a directory and its sub-folders (not hidden entries) as an
 * article, except the `known` ones that have not changed since. A broken file is reported in `failures`
 * with its name and reason; the others still load. Of two files with the same text or id, the one
 * indexed first stays (see `indexed`; else the older) and the other is reported naming both.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const known = options.known ?? new Map<string, StampedArticle>();
  let listing;
  try {
    listing = await listCorpus(dir);
  } catch (error) {
    throw new CorpusDirError(`storybot: cannot read the corpus directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const failures: CorpusFailure[] = [];
  const notices: CorpusNotice[] = [...listing.skipped];
  const read: { article: Article; stamp: FileStamp | null }[] = [];
  // Thousands of files: the stats and checks below give the event loop a turn every slice.
  const slices = new TimeSlices();
  for (const file of listing.files) {
    if (slices.due()) await slices.pause();
    const recognised = known.get(file);
    // Synchronous: a stat is a few microseconds, and for a corpus known from a snapshot the stats are
    // all the reading there is (a promise per file would cost more than the stat itself).
    const now = recognised && statIfPossible(path.join(dir, file));
    const { state, stamp, notices: own } =
      recognised && now && unchangedSince(recognised.stamp, now)
        ? { state: recognised.article, stamp: recognised.stamp, notices: [] }
        : await readArticleFile(dir, file);
    notices.push(...own);
    if ('reason' in state) failures.push(state);
    else read.push({ article: state, stamp });
  }
  const registry = new ArticleRegistry();
  const articles: Article[] = [];
  const stamps = new Map<string, FileStamp>();
  for (const { article, stamp } of precedenceOrder(read, options.indexed)) {
    if (slices.due()) await slices.pause();
    const conflict = registry.conflictOf(article);
    if (conflict !== null) {
      failures.push({ file: article.file, reason: conflict });
      continue;
    }
    registry.register(article);
    articles.push(article);
    if (stamp) stamps.set(article.file, stamp);
  }
  const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { articles: articles.sort(byFile), failures: failures.sort(byFile), stamps, notices };
}

/**
 * The order in which articles claim their text and id: indexed ones first, then by modification
 * time, oldest first (a copy is newer than its original), then by name. The same rule as the watch,
 * which keeps the indexed article when a copy lands, so start, reindex and watch agree.
 */
function precedenceOrder<T extends { article: Article; stamp: FileStamp | null }>(read: readonly T[], indexed?: ReadonlySet<string>): T[] {
  const rank = (r: T): [number, number] => [indexed?.has(r.article.file) ? 0 : 1, r.stamp?.mtimeMs ?? Infinity];
  return [...read].sort((a, b) => {
    const [ia, ma] = rank(a);
    const [ib, mb] = rank(b);
    return ia - ib || ma - mb || (a.article.file < b.article.file ? -1 : a.article.file > b.article.file ? 1 : 0);
  });
}

/** A file's stats, or undefined when they cannot be read (the file is then read, and its failure reported). */
function statIfPossible(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The articles of a corpus by text and by id, to refuse a second file with the same text or the
 * same id (the first one keeps its place): the one rule for loading and for updating a corpus.
 */
export class ArticleRegistry {
  private readonly fileByHash = new Map<string, string>();
  private readonly fileById = new Map<string, string>();

  constructor(articles: Iterable<Article> = []) {
    for (const article of articles) this.register(article);
  }

  /** Why an article cannot join (it repeats a registered one's text or id), or null when it can. */
  conflictOf(article: Article): string | null {
    const twin = this.fileByHash.get(article.contentHash);
    if (twin !== undefined) return `same text as ${twin}, which was indexed first; remove one of them`;
    const sameId = this.fileById.get(article.id);
    if (sameId !== undefined) return `same article id as ${sameId}, which was indexed first; rename one of them`;
    return null;
  }

  register(article: Article): void {
    this.fileByHash.set(article.contentHash, article.file);
    this.fileById.set(article.id, article.file);
  }
}

/**
 * Reads and parses one article file (a path relative to the corpus directory), with the stamp of what
 * was read; never throws for a bad file, returns the failure instead. The one rule for the loader and
 * the watch: only regular files are read (a FIFO would block until written to), and a link is followed
 * only when it stays within the corpus directory.
 */
export async function readArticleFile(dir: string, file: string): Promise<ReadArticle> {
  const readAtMs = Date.now();
  const failed = (reason: string, stamp: FileStamp | null = null): ReadArticle => ({ state: { file, reason }, stamp, notices: [] });
  const unreadable = (error: unknown): ReadArticle => failed(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  const full = path.join(dir, file);
  let flags = constants.O_RDONLY | constants.O_NONBLOCK;
  try {
    const entry = await lstat(full);
    // Checked before opening too: opening a socket fails with an obscure ENXIO rather than saying what it is.
    if (!entry.isSymbolicLink() && !entry.isFile()) return failed(notRegular(entry));
    if (entry.isSymbolicLink()) {
      const [target, root] = await Promise.all([realpath(full), realpath(dir)]);
      const inside = path.relative(root, target);
      if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside))
        return failed(`a link to ${target}, outside the corpus directory: links are followed only within it`);
    } else flags |= constants.O_NOFOLLOW; // it was no link a moment ago; refuse one swapped in since
  } catch (error) {
    return unreadable(error);
  }
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the stat below then turns it away.
    handle = await open(full, flags);
  } catch (error) {
    return unreadable(error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return failed(notRegular(stats));
    const stamp = stampOf(stats, readAtMs);
    const tooLarge = (size: number): ReadArticle => failed(`too large (${size} bytes; at most ${MAX_ARTICLE_BYTES})`, stamp);
    if (stats.size > MAX_ARTICLE_BYTES) return tooLarge(stats.size);
    const bytes = await handle.readFile();
    if (bytes.length > MAX_ARTICLE_BYTES) return tooLarge(bytes.length);
    try {
      const { article, ignoredKeys } = parseArticleFile(file, bytes);
      return { state: article, stamp, notices: ignoredKeys.length > 0 ? [ignoredKeysNotice(file, ignoredKeys)] : [] };
    } catch (error) {
      if (error instanceof ArticleError) return failed(error.message, stamp);
      throw error;
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error) return unreadable(error);
    throw error;
  } finally {
    await handle.close();
  }
}

function ignoredKeysNotice(file: string, keys: readonly string[]): CorpusNotice {
  const list = keys.map((k) => `'${k}'`).join(', ');
  return {
    file,
    kind: 'ignored-keys',
    message: `front matter ${keys.length === 1 ? 'key' : 'keys'} ${list} ignored (storybot reads ${FRONT_MATTER_KEYS.join(', ')})`,
  };
}

function notRegular(stats: Stats): string {
  return `not a regular file (${kindOf(stats)}): only regular files are read`;
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}
