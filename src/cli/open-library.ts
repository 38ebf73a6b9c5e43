import path from 'node:path';
import { escapeControlChars } from '../text/control-chars.js';
import type { CliIo } from './command.js';
import { loadConfig } from '../config.js';
import type { LibraryOptions, LoadedLibrary } from '../library/library.js';

/**
 * Where a command's corpus is and whether the snapshot in the data directory may be used: it belongs
 * to the configured corpus, so another `--corpus` is indexed afresh.
 */
export function libraryOptionsFor(corpus: string | undefined, io: CliIo): LibraryOptions {
  const config = loadConfig(io.env, io.cwd);
  const corpusDir = corpus ? path.resolve(io.cwd, corpus) : config.corpusDir;
  return { corpusDir, ...(corpusDir === config.corpusDir ? { dataDir: config.dataDir } : {}) };
}

/**
 * Opens the library of a command's corpus and reports each file it could not use on stderr. Without a
 * usable data directory it says so and goes on without the snapshot.
 */
export async function openLibrary(options: LibraryOptions, io: CliIo): Promise<LoadedLibrary> {
  const { createLibrary } = await import('../library/library.js');
  const library = await createLibrary(await withUsableDataDir(options, io));
  for (const failure of library.loadReport.failures) io.err(escapeControlChars(`storybot: skipped ${failure.file}: ${failure.reason}`));
  return library;
}

/** The options without their data directory when it cannot be used (told on stderr). */
export async function withUsableDataDir(options: LibraryOptions, io: CliIo): Promise<LibraryOptions> {
  if (options.dataDir === undefined) return options;
  const { DataDirError, prepareDataDir } = await import('../library/data-dir.js');
  try {
    await prepareDataDir(options.dataDir);
    return options;
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    io.err(`${error.message}\nstorybot: going on without the saved index (the whole corpus is indexed).`);
    const { dataDir: _unusable, ...rest } = options;
    return rest;
  }
}
