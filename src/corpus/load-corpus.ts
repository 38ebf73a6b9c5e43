import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article, CorpusFailure } from './article.js';
import { ARTICLE_EXTENSIONS, ArticleError, parseArticle } from './parse-article.js';

/** Articles read from a corpus directory, and the files that could not be read. */
export interface LoadedCorpus {
  readonly articles: readonly Article[];
  readonly failures: readonly CorpusFailure[];
}

/** Largest article file accepted, in bytes. */
export const MAX_ARTICLE_BYTES = 1_000_000;

/** Raised when the corpus directory itself cannot be read. */
export class CorpusDirError extends Error {
  override readonly name = 'CorpusDirError';
}

/**
 * Reads every `.md` / `.txt` file of a directory (not its hidden entries or sub-folders) as an article.
 * A broken file is reported in `failures` with its name and reason; the others still load.
 * Two files with the same text keep the first (by file name) and report the second.
 */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
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
  const registry = new ArticleRegistry();
  for (const file of entries) {
    const outcome = await readArticleFile(dir, file);
    if ('reason' in outcome) {
      failures.push(outcome);
      continue;
    }
    const conflict = registry.conflictOf(outcome);
    if (conflict !== null) {
      failures.push({ file, reason: conflict });
      continue;
    }
    registry.register(outcome);
    articles.push(outcome);
  }
  return { articles, failures };
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

/** Reads and parses one article file; never throws for a bad file, returns the failure instead. */
export async function readArticleFile(dir: string, file: string): Promise<Article | CorpusFailure> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, file));
  } catch (error) {
    return { file, reason: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  if (bytes.length > MAX_ARTICLE_BYTES) return { file, reason: `too large (${bytes.length} bytes; at most ${MAX_ARTICLE_BYTES})` };
  try {
    return parseArticle(file, bytes);
  } catch (error) {
    if (error instanceof ArticleError) return { file, reason: error.message };
    throw error;
  }
}
