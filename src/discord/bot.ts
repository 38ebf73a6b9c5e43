import { Client, Events, GatewayIntentBits, MessageFlags, Partials, type Interaction, type Message } from 'discord.js';
import type { Config } from '../config.js';
import type { Library } from '../library/library-types.js';
import type { Logger } from '../log.js';
import { handleButton } from './buttons.js';
import type { BotServices } from './command.js';
import { commandsByName } from './commands/index.js';
import { Cooldown } from './cooldown.js';
import { withErrorBoundary } from './error-boundary.js';
import { answerFollowUp, isFollowUp } from './follow-ups.js';
import type { DiscordConnectionError } from './gateway-failures.js';
import { useInteractionAwareRest } from './interaction-rest.js';
import { destroyClient, logIn, watchGateway } from './login.js';
import { registerCommands } from './register-commands.js';
import { NO_PINGS, type MessageBody } from './render-message.js';
import { UserError } from './user-error.js';

/** What `startDiscordBot` needs; `cooldown` is injectable for tests. */
export interface DiscordBotOptions {
  readonly config: Config;
  readonly library: Library;
  readonly logger: Logger;
  readonly cooldown?: Cooldown;
  /** Called when Discord closes the gateway for good after the login (the bot can no longer hear anything). */
  readonly onFatal?: (error: DiscordConnectionError) => void;
  /** Aborting gives up a login in progress: startDiscordBot then rejects. */
  readonly signal?: AbortSignal;
}

/** A running bot. */
export interface DiscordBot {
  readonly client: Client<true>;
  /** Disconnects from Discord. */
  stop(): Promise<void>;
}

/**
 * Logs in to Discord (or to `config.discordApiUrl`), registers the slash commands when they changed,
 * and answers interactions and thread follow-ups. Resolves once ready; rejects with a
 * DiscordConnectionError (saying why and the fix) when the login fails or times out.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, library, logger: rootLogger, cooldown, onFatal, signal } = options;
  if (!config.discordToken)
    throw new Error('startDiscordBot needs config.discordToken: set DISCORD_TOKEN in .env (Discord developer portal → Bot → Reset Token).');
  const logger = rootLogger.child({ component: 'discord' });
  const services: BotServices = { config, library, logger, cooldown: cooldown ?? new Cooldown({ limit: 5, windowMs: 30_000 }) };
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      // Privileged: only requested when the bot must read every thread message, not just mentions.
      ...(config.followAllThreadMessages ? [GatewayIntentBits.MessageContent] : []),
    ],
    // Threads and their messages may arrive before (or without) being cached, e.g. after a restart.
    partials: [Partials.Channel, Partials.Message],
    // Default for every message; the renderers also set it explicitly on each one.
    allowedMentions: NO_PINGS,
    ...(config.discordApiUrl ? { rest: { api: config.discordApiUrl } } : {}),
  });

  // Answers must not wait behind the bot's own REST calls in discord.js's global budget.
  useInteractionAwareRest(client);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction, services));
  client.on(Events.MessageCreate, (message) => void onMessage(message, services));

  const readyClient = await logIn(client, {
    token: config.discordToken,
    timeoutMs: config.loginTimeoutMs,
    apiUrl: config.discordApiUrl,
    ...(signal ? { signal } : {}),
  });
  const unwatch = watchGateway(client, logger, (error) => {
    logger.fatal({ closeCode: error.closeCode }, error.message);
    onFatal?.(error);
  });
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'connected to Discord');

  try {
    await registerCommands({
      rest: client.rest,
      applicationId: readyClient.application.id,
      guildId: config.discordGuildId,
      dataDir: config.dataDir,
      logger,
    });
  } catch (error) {
    // Commands registered earlier still work, so keep running, but say how to fix it.
    logger.error(
      { err: error },
      'could not register slash commands; check the bot was invited with the applications.commands scope, then run npm run deploy-commands',
    );
  }

  return {
    client: readyClient,
    async stop() {
      unwatch();
      await destroyClient(client);
      logger.info('disconnected from Discord');
    },
  };
}

async function onInteraction(interaction: Interaction, services: BotServices): Promise<void> {
  const context = { interactionId: interaction.id, user: interaction.user.id, guild: interaction.guildId, channel: interaction.channelId };
  if (interaction.isAutocomplete()) {
    // Autocomplete cannot show a message; an empty list is the honest failure.
    await withErrorBoundary(
      services.logger,
      { ...context, autocomplete: interaction.commandName },
      () => interaction.respond([]),
      async () => {
        await commandsByName.get(interaction.commandName)?.autocomplete?.(interaction, services);
      },
    );
    return;
  }
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  const tell = async (body: MessageBody): Promise<unknown> => {
    const ephemeral = { ...body, flags: MessageFlags.Ephemeral } as const;
    if (!interaction.replied && !interaction.deferred) return interaction.reply(ephemeral);
    // A button deferred with an update has no "thinking…" message: its reply is the message the button
    // is on, which must stay. A follow-up is a new, private message.
    if (interaction.isButton()) return interaction.followUp(ephemeral);
    // A follow-up to a pending defer fills its "thinking…" message, public when the defer was:
    // delete that message first so the error stays private.
    if (!interaction.replied) await interaction.deleteReply();
    return interaction.followUp(ephemeral);
  };
  if (interaction.isButton()) {
    await withErrorBoundary(services.logger, { ...context, button: interaction.customId }, tell, () => handleButton(interaction, services));
    return;
  }
  await withErrorBoundary(services.logger, { ...context, command: interaction.commandName }, tell, async () => {
    const command = commandsByName.get(interaction.commandName);
    if (!command)
      throw new UserError(
        `/${interaction.commandName} is not a command of this version of the bot; Discord will refresh the list shortly.`,
      );
    await command.execute(interaction, services);
  });
}

async function onMessage(message: Message, services: BotServices): Promise<void> {
  const botId = message.client.user.id;
  // Cheap filter first: most messages are not for the bot, and they must cost no REST call.
  if (message.author.bot || (!services.config.followAllThreadMessages && !message.mentions.users.has(botId))) return;
  const context = { messageId: message.id, user: message.author.id, guild: message.guildId, channel: message.channelId };
  await withErrorBoundary(
    services.logger,
    context,
    (body) => message.reply(body),
    async () => {
      // After a restart the thread may be uncached (a partial channel without type or owner): fetch it.
      const channel = message.channel.partial ? await message.client.channels.fetch(message.channelId) : message.channel;
      const thread = channel?.isThread() ? channel : null;
      if (isFollowUp(message, thread, botId, services.config.followAllThreadMessages)) await answerFollowUp(message, thread, services);
    },
  );
}
