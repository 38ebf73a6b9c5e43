import path from 'node:path';
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

/** Opens the library of a command's corpus and reports each file it could not use on stderr. */
export async function openLibrary(options: LibraryOptions, io: CliIo): Promise<LoadedLibrary> {
  const { createLibrary } = await import('../library/library.js');
  const library = await createLibrary(options);
  for (const failure of library.loadReport.failures) io.err(`storybot: skipped ${failure.file}: ${failure.reason}`);
  return library;
}
