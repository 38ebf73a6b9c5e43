import path from 'node:path';
import { watch } from 'chokidar';
import { ARTICLE_EXTENSIONS } from '../corpus/parse-article.js';
import type { Logger } from '../log.js';

/** Quiet time after the last file event before a batch of changed files is handed on. */
export const WATCH_DEBOUNCE_MS = 200;
/** A file's size must stay the same this long before it counts as written (not read half-way). */
const WRITE_STABLE_MS = 150;

/** A running watch of a corpus directory. */
export interface CorpusWatcher {
  close(): Promise<void>;
}

/**
 * Follows the article files directly in a corpus directory (not hidden entries such as `.trash/`,
 * not sub-folders, not other extensions) and calls `onChange` with the names of the files that were
 * added, changed or deleted, batched: once no event came for WATCH_DEBOUNCE_MS. Resolves once
 * the watch is in place.
 */
export async function watchCorpus(corpusDir: string, onChange: (files: string[]) => void, logger?: Logger): Promise<CorpusWatcher> {
  const root = path.resolve(corpusDir);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(root, {
    ignoreInitial: true,
    depth: 0,
    awaitWriteFinish: { stabilityThreshold: WRITE_STABLE_MS, pollInterval: 50 },
    ignored: (entry, stats) => {
      if (path.resolve(entry) === root) return false;
      const name = path.basename(entry);
      return (
        name.startsWith('.') ||
        stats?.isDirectory() === true ||
        (stats?.isFile() === true && !ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
      );
    },
  });
  const flush = (): void => {
    timer = undefined;
    const files = [...pending].sort();
    pending.clear();
    onChange(files);
  };
  const note = (entry: string): void => {
    if (path.dirname(path.resolve(entry)) !== root || !ARTICLE_EXTENSIONS.includes(path.extname(entry).toLowerCase())) return;
    pending.add(path.basename(entry));
    clearTimeout(timer);
    timer = setTimeout(flush, WATCH_DEBOUNCE_MS);
  };
  watcher.on('add', note).on('change', note).on('unlink', note);
  watcher.on('error', (error) => logger?.warn({ err: error, corpusDir: root }, 'corpus watch error'));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
