import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusNotice } from './article.js';
import { ARTICLE_EXTENSIONS } from './parse-article.js';

/**
 * Hidden entries (a leading dot) are never articles, at any depth: the trash (`.trash/`), the
 * temporary files of uploads being written, editors' swap files, `.git`.
 */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

/** Whether a file name has an article extension (`.md`, `.txt`). */
export function hasArticleExtension(name: string): boolean {
  return ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

/** Whether a path relative to the corpus directory may hold an article: no hidden part, an article extension. */
export function isArticlePath(file: string): boolean {
  return hasArticleExtension(file) && !file.split(/[\\/]/).some(isHiddenName);
}

/** The candidate article files of a corpus (relative paths, sorted) and the entries left out. */
export interface CorpusListing {
  readonly files: readonly string[];
  readonly skipped: readonly CorpusNotice[];
}

/**
 * Lists a corpus directory and its sub-folders (`2024-11/x.md`), skipping hidden entries. Files with an
 * article extension are candidates, links and other special files included: reading one decides whether
 * it is used (`readArticleFile`, the one rule for the loader and the watch). Anything else is skipped
 * and reported. Links to folders are not followed (they could loop or leave the corpus).
 * Throws the readdir error of the corpus directory itself.
 */
export async function listCorpus(dir: string): Promise<CorpusListing> {
  const files: string[] = [];
  const skipped: CorpusNotice[] = [];
  const skip = (file: string, message: string): void => void skipped.push({ file, kind: 'skipped', message });
  const visit = async (relative: string, entries: Dirent[]): Promise<void> => {
    for (const entry of entries) {
      if (isHiddenName(entry.name)) continue;
      const file = relative === '' ? entry.name : path.join(relative, entry.name);
      if (hasArticleExtension(entry.name) && !entry.isDirectory()) files.push(file);
      else if (entry.isDirectory()) {
        try {
          await visit(file, await readdir(path.join(dir, file), { withFileTypes: true }));
        } catch (error) {
          skip(`${file}/`, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        }
      } else if (entry.isSymbolicLink()) skip(file, 'a link without an article extension: not followed');
      else skip(file, `not an article: only ${ARTICLE_EXTENSIONS.join(' and ')} files are read`);
    }
  };
  await visit('', await readdir(dir, { withFileTypes: true }));
  return { files: files.sort(), skipped: skipped.sort((a, b) => a.file.localeCompare(b.file)) };
}
