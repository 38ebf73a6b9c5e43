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
  const byHash = new Map<string, Article>();
  const byId = new Map<string, Article>();
  for (const file of entries) {
    const outcome = await readArticleFile(dir, file);
    if ('reason' in outcome) {
      failures.push(outcome);
      continue;
    }
    const twin = byHash.get(outcome.contentHash);
    const sameId = byId.get(outcome.id);
    if (twin) failures.push({ file, reason: `same text as ${twin.file}; remove one of them` });
    else if (sameId) failures.push({ file, reason: `same article id as ${sameId.file}; rename one of them` });
    else {
      byHash.set(outcome.contentHash, outcome);
      byId.set(outcome.id, outcome);
      articles.push(outcome);
    }
  }
  return { articles, failures };
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
