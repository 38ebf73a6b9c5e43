/** The Discord front end: `startDiscordBot` for the composition root, `registerCommands` for the deploy script. */
export { startDiscordBot, type DiscordBot, type DiscordBotOptions } from './bot.js';
export { registerCommands, commandDefinitions } from './register-commands.js';
