import path from 'node:path';
import { escapeControlChars } from '../text/control-chars.js';
import type { CliIo } from './command.js';
import { loadConfig } from '../config.js';
import type { LibraryOptions, LoadedLibrary } from '../library/library.js';
import type { Library } from '../library/library-types.js';

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
 * Opens the library of a command's corpus, reports each file it could not use on stderr, runs the
 * command and closes the library (saving what was read, stopping the fact workers). Names and dates
 * are read only when the command needs them. Without a usable data directory it says so and goes on
 * without the snapshot.
 */
export async function withLibrary<T>(options: LibraryOptions, io: CliIo, run: (library: LoadedLibrary) => T | Promise<T>): Promise<T> {
  const { createLibrary } = await import('../library/library.js');
  const library = await createLibrary({ facts: 'on-demand', ...(await withUsableDataDir(options, io)) });
  try {
    for (const failure of library.loadReport.failures) io.err(escapeControlChars(`storybot: skipped ${failure.file}: ${failure.reason}`));
    return await run(library);
  } finally {
    await library.close();
  }
}

/** How often a long read of names and dates says how far it is. */
const PROGRESS_EVERY_MS = 5000;

/** Waits until every article's names and dates are read (the snapshot usually has them), saying how far it is on stderr. */
export async function readAllFacts(library: Library, io: CliIo): Promise<void> {
  const report = (): void => {
    const { passages, passagesRead } = library.factsProgress();
    io.err(`storybot: reading names and dates: ${passagesRead.toLocaleString('en-US')} of ${passages.toLocaleString('en-US')} passages`);
  };
  const timer = setInterval(report, PROGRESS_EVERY_MS);
  try {
    await library.factsReady();
  } finally {
    clearInterval(timer);
  }
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
