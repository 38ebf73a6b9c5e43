import type { Config } from '../config.js';
import { DataDirError, prepareDataDir } from '../library/data-dir.js';
import { createLibrary } from '../library/library.js';
import type { Library } from '../library/library-types.js';
import { createLogger } from '../log.js';
import { createConsoleChat } from './console-chat.js';

/**
 * The console front end (no Discord token): the chat on stdin/stdout, told in sentences what the
 * library does; JSON logs only when asked for with LOG_LEVEL=debug (or trace). Without a usable data
 * directory it still answers, indexing the corpus at each start. `onLibrary` is told the library once
 * it is open. Resolves when the input ends.
 */
export async function startConsole(config: Config, onLibrary?: (library: Library) => void): Promise<void> {
  const chat = createConsoleChat({
    input: process.stdin,
    output: process.stdout,
    isTerminal: process.stdin.isTTY === true,
    notices: process.stderr,
  });
  const logger = config.logLevel === 'debug' || config.logLevel === 'trace' ? createLogger(config.logLevel) : undefined;
  let dataDir: string | undefined = config.dataDir;
  try {
    await prepareDataDir(config.dataDir);
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    process.stderr.write(`${error.message}\nAnswering without a saved index meanwhile: every start indexes the whole corpus.\n`);
    dataDir = undefined;
  }
  const library = await createLibrary({
    corpusDir: config.corpusDir,
    ...(dataDir ? { dataDir } : {}),
    logger,
    onEvent: chat.notify,
    watch: true,
  });
  // Told to the composition root, so that a stop signal closes it (and saves its snapshot).
  onLibrary?.(library);
  await chat.run(library);
  await library.close();
}
