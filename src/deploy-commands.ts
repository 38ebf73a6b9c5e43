/**
 * Registers the slash commands by hand (`npm run deploy-commands`), whether or not they changed:
 * one bulk overwrite, guild-scoped when DISCORD_GUILD_ID is set, else global. The bot also does
 * this at start-up, but only when the definitions changed.
 *
 * Switching between DISCORD_GUILD_ID and global registration leaves the other set registered (a
 * server then shows every command twice): `-- --remove-global` or `-- --remove-guild ID` removes it.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { REST, Routes, type RESTGetCurrentApplicationResult } from 'discord.js';
import { ConfigError, loadConfig } from './config.js';
import { registerCommands } from './discord/register-commands.js';
import { createLogger } from './log.js';

const USAGE = 'Usage: npm run deploy-commands [-- --remove-global | --remove-guild GUILD_ID]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'remove-global': { type: 'boolean' }, 'remove-guild': { type: 'string' } },
    strict: true,
  });
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
  const removeGuild = values['remove-guild'];
  if (values['remove-global'] || removeGuild !== undefined) {
    // An empty bulk overwrite removes every command of that scope; the configured scope is left alone.
    const route =
      removeGuild === undefined ? Routes.applicationCommands(application.id) : Routes.applicationGuildCommands(application.id, removeGuild);
    await rest.put(route, { body: [] });
    logger.info({ scope: removeGuild === undefined ? 'global' : `guild:${removeGuild}` }, 'removed the slash commands of that scope');
    return;
  }
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
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`deploy-commands: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  // A ConfigError's message already lists every bad key and its fix.
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `deploy-commands failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exitCode = 1;
});
