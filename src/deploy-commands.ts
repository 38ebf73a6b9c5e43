/**
 * Registers the slash commands by hand (`npm run deploy-commands`), whether or not they changed:
 * one bulk overwrite, guild-scoped when DISCORD_GUILD_ID is set, else global. The bot also does
 * this at start-up, but only when the definitions changed.
 */
import 'dotenv/config';
import { REST, Routes, type RESTGetCurrentApplicationResult } from 'discord.js';
import { ConfigError, loadConfig } from './config.js';
import { registerCommands } from './discord/register-commands.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  if (!config.discordToken) {
    logger.error(
      'DISCORD_TOKEN is not set: put the bot token in .env (Discord developer portal → Bot → Reset Token), then run npm run deploy-commands again',
    );
    process.exitCode = 1;
    return;
  }
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken);
  const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  await registerCommands({
    rest,
    applicationId: application.id,
    guildId: config.discordGuildId,
    dataDir: config.dataDir,
    logger,
    force: true,
  });
}

main().catch((error: unknown) => {
  // A ConfigError's message already lists every bad key and its fix.
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `deploy-commands failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exitCode = 1;
});
