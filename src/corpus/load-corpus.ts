import { statSync, type Stats } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Article, CorpusFailure } from './article.js';
import { stampOf, unchangedSince, type FileStamp } from './file-stamp.js';
import { ARTICLE_EXTENSIONS, ArticleError, parseArticle } from './parse-article.js';

/** Articles read from a corpus directory, and the files that could not be read. */
export interface LoadedCorpus {
  readonly articles: readonly Article[];
  readonly failures: readonly CorpusFailure[];
  /** Per file of `articles`: its stamp when it was read. */
  readonly stamps: ReadonlyMap<string, FileStamp>;
}

/** An article and the stamp of the file it was read from. */
export interface StampedArticle {
  readonly article: Article;
  readonly stamp: FileStamp;
}

/** One corpus file as read: what it holds, and its stamp (null when it could not even be opened). */
export interface ReadArticle {
  readonly state: Article | CorpusFailure;
  readonly stamp: FileStamp | null;
}

/** How `loadCorpus` reads. */
export interface LoadCorpusOptions {
  /**
   * Articles already known, by file (from the index snapshot): a file whose stats show it unchanged
   * since its stamp is taken from here instead of being read and parsed again.
   */
  readonly known?: ReadonlyMap<string, StampedArticle>;
}

/** Largest article file accepted, in bytes. */
export const MAX_ARTICLE_BYTES = 1_000_000;

/** Raised when the corpus directory itself cannot be read. */
export class CorpusDirError extends Error {
  override readonly name = 'CorpusDirError';
}

/**
 * Reads every `.md` / `.txt` file of a directory (not its hidden entries or sub-folders) as an article,
 * except the `known` ones that have not changed since. A broken file is reported in `failures` with its
 * name and reason; the others still load. Two files with the same text keep the first (by file name)
 * and report the second.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const known = options.known ?? new Map<string, StampedArticle>();
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.') && ARTICLE_EXTENSIONS.includes(path.extname(e.name).toLowerCase()))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    throw new CorpusDirError(`storybot: cannot read the corpus directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const articles: Article[] = [];
  const failures: CorpusFailure[] = [];
  const stamps = new Map<string, FileStamp>();
  const registry = new ArticleRegistry();
  for (const file of entries) {
    const recognised = known.get(file);
    // Synchronous: a stat is a few microseconds, and for a corpus known from a snapshot the stats are
    // all the reading there is (a promise per file would cost more than the stat itself).
    const now = recognised && statIfPossible(path.join(dir, file));
    const { state, stamp } =
      recognised && now && unchangedSince(recognised.stamp, now)
        ? { state: recognised.article, stamp: recognised.stamp }
        : await readArticleFile(dir, file);
    if ('reason' in state) {
      failures.push(state);
      continue;
    }
    const conflict = registry.conflictOf(state);
    if (conflict !== null) {
      failures.push({ file, reason: conflict });
      continue;
    }
    registry.register(state);
    articles.push(state);
    if (stamp) stamps.set(file, stamp);
  }
  return { articles, failures, stamps };
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
    if (twin !== undefined) return `same text as ${twin}; remove one of them`;
    const sameId = this.fileById.get(article.id);
    if (sameId !== undefined) return `same article id as ${sameId}; rename one of them`;
    return null;
  }

  register(article: Article): void {
    this.fileByHash.set(article.contentHash, article.file);
    this.fileById.set(article.id, article.file);
  }
}

/**
 * Reads and parses one article file, with the stamp of what was read; never throws for a bad file,
 * returns the failure instead.
 */
export async function readArticleFile(dir: string, file: string): Promise<ReadArticle> {
  const readAtMs = Date.now();
  const unreadable = (error: unknown): CorpusFailure => ({
    file,
    reason: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
  });
  let handle: FileHandle;
  try {
    handle = await open(path.join(dir, file), 'r');
  } catch (error) {
    return { state: unreadable(error), stamp: null };
  }
  try {
    const stats = await handle.stat();
    const stamp = stampOf(stats, readAtMs);
    const tooLarge = (size: number): ReadArticle => ({
      state: { file, reason: `too large (${size} bytes; at most ${MAX_ARTICLE_BYTES})` },
      stamp,
    });
    if (stats.size > MAX_ARTICLE_BYTES) return tooLarge(stats.size);
    const bytes = await handle.readFile();
    if (bytes.length > MAX_ARTICLE_BYTES) return tooLarge(bytes.length);
    try {
      return { state: parseArticle(file, bytes), stamp };
    } catch (error) {
      if (error instanceof ArticleError) return { state: { file, reason: error.message }, stamp };
      throw error;
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error) return { state: unreadable(error), stamp: null };
    throw error;
  } finally {
    await handle.close();
  }
}
