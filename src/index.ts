import 'dotenv/config';
import { ConfigError, loadConfig } from './config.js';
import { startConsole } from './console/start-console.js';
import { startDiscordBot, type DiscordBot } from './discord/index.js';
import { prepareDataDir } from './library/data-dir.js';
import { createLibrary } from './library/library.js';
import type { Library } from './library/library-types.js';
import { createLogger } from './log.js';
import { exitOnStopSignals, type Stopper } from './stop-signals.js';

let stopper: Stopper | undefined;

/** Composition root: config → corpus and index → console chat, or the Discord bot when a token is set. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  // Filled in as start-up goes: a stop closes what is running so far.
  const running: { library?: Library; bot?: DiscordBot } = {};
  const loggingIn = new AbortController();
  // Listen for signals before anything starts: a SIGTERM while indexing or logging in must stop the
  // process as surely as one while it answers.
  stopper = exitOnStopSignals(async () => {
    loggingIn.abort();
    await running.bot?.stop();
    await running.library?.close();
  }, logger);
  if (config.discordToken === null) {
    await startConsole(config, (library) => (running.library = library));
    return;
  }
  // The bot keeps its state there (snapshot, registered commands): unusable, it stops at once and says why.
  await prepareDataDir(config.dataDir);
  // The library logs skipped files and when the index is ready, and re-indexes corpus changes as they happen.
  const library = await createLibrary({ corpusDir: config.corpusDir, dataDir: config.dataDir, logger, watch: true });
  running.library = library;
  // A bot that Discord will not take back is of no use running: exit non-zero so that someone notices.
  const onFatal = (): void => stopper?.exit(1);
  running.bot = await startDiscordBot({ config, library, logger, signal: loggingIn.signal, onFatal });
}

main().catch((error: unknown) => {
  // A start-up cut short by a stop signal is not a failure; the stopper exits.
  if (stopper?.stopping) return;
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  if (stopper) stopper.exit(1);
  else process.exit(1);
});
