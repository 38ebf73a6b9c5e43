import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { watch } from 'chokidar';
import { hasArticleExtension, isArticlePath, isHiddenName } from '../corpus/corpus-entries.js';

/** Quiet time after the last file event before a batch of changed files is handed on. */
export const WATCH_DEBOUNCE_MS = 200;
/** A file's size must stay the same this long before it counts as written (not read half-way). */
const WRITE_STABLE_MS = 150;

/** A running watch of a corpus directory. */
export interface CorpusWatcher {
  close(): Promise<void>;
}

/**
 * Follows the article files of a corpus directory and its sub-folders (the entries `loadCorpus` reads:
 * not hidden ones such as `.trash/`, not other extensions) and calls `onChange` with their paths,
 * relative to the directory, when added, changed or deleted, batched: once no event came for
 * WATCH_DEBOUNCE_MS. Links are watched as links, never followed: reading the file applies the corpus's
 * link rule. Resolves once the watch is in place.
 */
export async function watchCorpus(
  corpusDir: string,
  onChange: (files: string[]) => void,
  onError: (error: unknown) => void,
): Promise<CorpusWatcher> {
  // The corpus directory itself may be a link (CORPUS_DIR=/srv/news → …): links are not followed
  // below it, so the watch starts from where it really is; paths stay relative to it either way.
  const root = await realpath(path.resolve(corpusDir));
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    awaitWriteFinish: { stabilityThreshold: WRITE_STABLE_MS, pollInterval: 50 },
    ignored: (entry, stats) => {
      if (path.resolve(entry) === root) return false;
      const name = path.basename(entry);
      return isHiddenName(name) || (stats !== undefined && !stats.isDirectory() && !hasArticleExtension(name));
    },
  });
  const flush = (): void => {
    timer = undefined;
    const files = [...pending].sort();
    pending.clear();
    onChange(files);
  };
  const note = (entry: string): void => {
    const file = path.relative(root, path.resolve(entry));
    if (file.startsWith('..') || !isArticlePath(file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, WATCH_DEBOUNCE_MS);
  };
  watcher.on('add', note).on('change', note).on('unlink', note);
  watcher.on('error', onError);
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
