import 'dotenv/config';
import { ConfigError, loadConfig } from './config.js';
import { startConsole } from './console/start-console.js';
import { startDiscordBot } from './discord/index.js';
import { prepareDataDir } from './library/data-dir.js';
import { createLibrary } from './library/library.js';
import { createLogger } from './log.js';

/** Composition root: config → corpus and index → console chat, or the Discord bot when a token is set. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.discordToken === null) return startConsole(config);
  // The bot keeps its state there (snapshot, registered commands): unusable, it stops at once and says why.
  await prepareDataDir(config.dataDir);
  const logger = createLogger(config.logLevel);
  // The library logs skipped files and when the index is ready, and re-indexes corpus changes as they happen.
  const library = await createLibrary({ corpusDir: config.corpusDir, dataDir: config.dataDir, logger, watch: true });
  const started = startDiscordBot({ config, library, logger });
  // Listen for signals before start-up finishes: the bot answers interactions while it still registers
  // its commands, and a SIGTERM then must stop it cleanly rather than kill it.
  const shutdown = (): void =>
    void started
      .then((bot) => bot.stop())
      .then(() => library.close())
      .finally(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await started;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
