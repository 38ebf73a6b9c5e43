/**
 * Proves the Discord stand-in against the real discord.js Client (not the bot): login, caches,
 * command registration, interactions of every kind, threads, history, and the error paths.
 */
import { createInflate, constants as zlibConstants } from 'node:zlib';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  REST,
  Routes,
  SlashCommandBuilder,
  ThreadAutoArchiveDuration,
  type APIMessage,
  type ClientEvents,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startDiscordStandin, type DiscordStandin, type InteractionHandle, type StandinOptions } from './discord-standin.js';

const WAIT_MS = 5000;

let standin: DiscordStandin | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await standin?.close();
  client = undefined;
  standin = undefined;
});

/** Resolves with the arguments of the next `event` that satisfies the predicate. */
function nextEvent<K extends keyof ClientEvents>(
  emitter: Client,
  event: K,
  predicate: (...args: ClientEvents[K]) => boolean = () => true,
): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[K]) => {
      if (!predicate(...args)) return;
      cleanup();
      resolve(args);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out waiting for ${String(event)}`));
    }, WAIT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      emitter.off(event, listener);
    };
    emitter.on(event, listener);
  });
}

/** Starts a stand-in and logs a bare discord.js Client into it. */
async function connect(
  options: StandinOptions = {},
  intents: GatewayIntentBits[] = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
): Promise<{ standin: DiscordStandin; client: Client<true> }> {
  const s = await startDiscordStandin(options);
  standin = s;
  const c = new Client({ intents, rest: { api: s.apiUrl } });
  client = c;
  const ready = nextEvent(c, 'clientReady');
  await c.login(s.token);
  await ready;
  await s.identified();
  return { standin: s, client: c as Client<true> };
}

/** The text channel of the stand-in's guild, from the client's cache. */
function textChannel(c: Client, s: DiscordStandin): TextChannel {
  const channel = c.channels.cache.get(s.channelId);
  if (channel?.type !== ChannelType.GuildText) throw new Error('text channel missing from the cache');
  return channel;
}

/** Dispatches an interaction and resolves with what discord.js made of it. */
async function receive<T extends Interaction>(
  c: Client,
  trigger: () => Promise<unknown>,
  is: (interaction: Interaction) => interaction is T,
): Promise<T> {
  const received = nextEvent(c, 'interactionCreate');
  await trigger();
  const [interaction] = await received;
  if (!is(interaction)) throw new Error(`unexpected interaction type ${interaction.type}`);
  return interaction;
}

const isChatInput = (i: Interaction) => i.isChatInputCommand();

const askCommand = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the story')
  .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setAutocomplete(true))
  .addIntegerOption((o) => o.setName('limit').setDescription('How many passages'));

function expectNoSurprises(s: DiscordStandin): void {
  expect(s.unhandled).toEqual([]);
  expect(s.problems).toEqual([]);
}

describe('Discord stand-in with a real discord.js Client', () => {
  it('logs in: READY and GUILD_CREATE fill the caches, heartbeats are acknowledged', async () => {
    const s = await startDiscordStandin({ heartbeatIntervalMs: 50 });
    standin = s;
    const c = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: s.apiUrl } });
    client = c;
    const ready = nextEvent(c, 'clientReady');
    const heartbeat = nextEvent(c, 'debug', (message) => message.includes('Heartbeat acknowledged'));
    await c.login(s.token);
    await ready;
    await heartbeat;

    expect(c.user?.id).toBe(s.botUserId);
    expect(c.user?.bot).toBe(true);
    expect(c.application?.id).toBe(s.applicationId);
    const guild = c.guilds.cache.get(s.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.roles.cache.has(s.roleIds.bot)).toBe(true);
    expect(guild?.roles.everyone.permissions.has(PermissionFlagsBits.SendMessages)).toBe(true);
    const channel = textChannel(c, s);
    expect(channel.guildId).toBe(s.guildId);
    expect(channel.permissionsFor(c.user!)?.has(PermissionFlagsBits.CreatePublicThreads)).toBe(true);
    const identify = s.gatewayReceived.find((p) => p.op === 2)?.d as { intents: number; token: string };
    expect(identify.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /gateway/bot']);
    expectNoSurprises(s);
  });

  it('stores commands registered per guild and globally, keeping ids across overwrites, and validates them', async () => {
    const { standin: s, client: c } = await connect();
    const registered = await c.application.commands.set([askCommand.toJSON()], s.guildId);
    expect([...registered.values()].map((cmd) => cmd.name)).toEqual(['ask']);
    expect(s.commands).toEqual([expect.objectContaining({ name: 'ask', scope: s.guildId, guild_id: s.guildId })]);
    expect(s.commands[0]?.id).toBe(registered.first()?.id);

    await c.application.commands.set([askCommand.toJSON(), { name: 'sources', description: 'List the sources' }]);
    expect(s.commands.map((cmd) => `${cmd.scope}:${cmd.name}`)).toEqual([`${s.guildId}:ask`, 'global:ask', 'global:sources']);
    const again = await c.application.commands.set([askCommand.toJSON()], s.guildId);
    expect(again.first()?.id).toBe(registered.first()?.id);
    const fetched = await c.application.commands.fetch({ guildId: s.guildId });
    expect(fetched.map((cmd) => cmd.name)).toEqual(['ask']);

    // Option types of a subcommand come from the registered definition.
    const admin = new SlashCommandBuilder()
      .setName('admin')
      .setDescription('Administration')
      .addSubcommand((sub) =>
        sub
          .setName('reindex')
          .setDescription('Rebuild the index')
          .addNumberOption((o) => o.setName('weight').setDescription('Weight')),
      );
    await c.application.commands.set([askCommand.toJSON(), admin.toJSON()], s.guildId);
    const sub = await receive(c, () => s.slashCommand({ name: 'admin', subcommand: 'reindex', options: { weight: 2 } }), isChatInput);
    expect(sub.options.getSubcommand()).toBe('reindex');
    expect(sub.options.getNumber('weight')).toBe(2);
    expect(sub.commandGuildId).toBe(s.guildId);

    const invalid = c.application.commands.set([{ name: 'Ask', description: 'upper case is not allowed' }], s.guildId);
    await expect(invalid).rejects.toMatchObject({ code: 50035, status: 400 });
    expectNoSurprises(s);
  });

  it('delivers a slash command with typed options and member permissions; reply lands at the callback', async () => {
    const { standin: s, client: c } = await connect();
    await c.application.commands.set([askCommand.toJSON()], s.guildId);

    let handle: InteractionHandle | undefined;
    const interaction = await receive(
      c,
      async () => (handle = await s.slashCommand({ name: 'ask', options: { question: 'Who resigned?', limit: 3 } })),
      isChatInput,
    );
    expect(interaction.commandName).toBe('ask');
    expect(interaction.commandId).toBe(s.commands[0]?.id);
    expect(interaction.options.getString('question')).toBe('Who resigned?');
    expect(interaction.options.getInteger('limit')).toBe(3);
    expect(interaction.inCachedGuild()).toBe(true);
    expect(interaction.channelId).toBe(s.channelId);
    expect(interaction.user.id).toBe(s.userId);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    expect(interaction.appPermissions.has(PermissionFlagsBits.SendMessages)).toBe(true);

    const posted = nextEvent(c, 'messageCreate', (m) => m.author.id === s.botUserId);
    await interaction.reply({ content: 'The minister, <@123>.', allowedMentions: { parse: [] } });
    const response = await handle!.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data?.content).toBe('The minister, <@123>.');
    expect(response.data?.allowed_mentions).toEqual({ parse: [] });
    const original = await handle!.original();
    expect(original).toMatchObject({ content: 'The minister, <@123>.', type: MessageType.ChatInputCommand, channel_id: s.channelId });
    const [message] = await posted;
    expect(message.id).toBe(original.id);
    expect(message.interactionMetadata?.user.id).toBe(s.userId);
    expect(s.messagesIn().map((m) => m.id)).toEqual([original.id]);

    const admin = await receive(
      c,
      () => s.slashCommand({ name: 'ask', options: { question: 'q' }, memberPermissions: 'admin' }),
      isChatInput,
    );
    expect(admin.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(admin.inCachedGuild() && admin.member.roles.cache.has(s.roleIds.admin)).toBe(true);

    const dm = await receive(c, () => s.slashCommand({ name: 'ask', options: { question: 'q' }, dm: true }), isChatInput);
    expect(dm.inGuild()).toBe(false);
    expect(dm.guildId).toBeNull();
    expect(dm.user.id).toBe(s.userId);
    await dm.reply('In a DM.');
    expectNoSurprises(s);
  });

  it('records deferReply(ephemeral) → editReply → followUp with their flags and contents', async () => {
    const { standin: s, client: c } = await connect();
    let handle: InteractionHandle | undefined;
    const interaction = await receive(
      c,
      async () => (handle = await s.slashCommand({ name: 'ask', options: { question: 'q' } })),
      isChatInput,
    );

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const response = await handle!.response();
    expect(response.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);

    const edited = await interaction.editReply({ content: 'Found 2 passages.' });
    expect(edited.content).toBe('Found 2 passages.');
    const original = await handle!.original();
    expect(original.content).toBe('Found 2 passages.');
    expect(original.flags).toBe(MessageFlags.Ephemeral);
    const patch = await s.waitFor((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'));
    expect(patch.body.content).toBe('Found 2 passages.');

    const followUp = await interaction.followUp({ content: 'Sources: …', flags: MessageFlags.Ephemeral });
    expect(followUp.flags.has(MessageFlags.Ephemeral)).toBe(true);
    const followUps = await handle!.waitForFollowUps(1);
    expect(followUps.map((m) => [m.content, m.flags])).toEqual([['Sources: …', MessageFlags.Ephemeral]]);
    const post = await s.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${s.applicationId}/${handle!.token}`);
    expect(post.body).toMatchObject({ content: 'Sources: …', flags: MessageFlags.Ephemeral });
    // Ephemeral messages are not part of the channel's history.
    expect(s.messagesIn()).toEqual([]);

    await expect(interaction.reply('twice')).rejects.toThrow();
    expectNoSurprises(s);
  });

  it('lets a follow-up to a pending defer complete the loading message, as Discord does', async () => {
    const { standin: s, client: c } = await connect();
    let handle: InteractionHandle | undefined;
    const interaction = await receive(
      c,
      async () => (handle = await s.slashCommand({ name: 'ask', options: { question: 'q' } })),
      isChatInput,
    );
    await interaction.deferReply();
    expect(s.messagesIn()[0]?.flags).toBe(MessageFlags.Loading);
    const message = await interaction.followUp({ content: 'Done.' });
    const original = await handle!.original();
    expect(message.id).toBe(original.id);
    expect(original).toMatchObject({ content: 'Done.', flags: 0 });
    expect(handle!.followUps()).toEqual([]);
    expect(s.messagesIn().map((m) => m.content)).toEqual(['Done.']);
    expectNoSurprises(s);
  });

  it('starts a thread on a reply, dispatches THREAD_CREATE, and routes a mention in the thread to messageCreate', async () => {
    const { standin: s, client: c } = await connect();
    const interaction = await receive(c, () => s.slashCommand({ name: 'ask', options: { question: 'q' } }), isChatInput);
    const callback = await interaction.reply({ content: 'The answer.', withResponse: true });
    const reply = callback.resource?.message;
    if (!reply) throw new Error('with_response returned no message');
    expect(callback.interaction.responseMessageId).toBe(reply.id);

    const threadCreate = new Promise<{ id: string; newly_created?: boolean; parent_id: string; owner_id: string; type: number }>(
      (resolve) => c.ws.once(GatewayDispatchEvents.ThreadCreate, resolve),
    );
    const thread = await reply.startThread({ name: 'Follow-up: q', autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
    expect(thread.id).toBe(reply.id);
    expect(thread.parentId).toBe(s.channelId);
    expect(thread.ownerId).toBe(s.botUserId);
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(thread.autoArchiveDuration).toBe(ThreadAutoArchiveDuration.OneDay);
    expect(await threadCreate).toMatchObject({
      id: thread.id,
      newly_created: true,
      parent_id: s.channelId,
      owner_id: s.botUserId,
      type: 11,
    });
    expect(s.threads).toEqual([expect.objectContaining({ id: thread.id, name: 'Follow-up: q' })]);
    expect(s.messagesIn().find((m) => m.id === reply.id)?.flags).toBe(MessageFlags.HasThread);
    const threadRequest = await s.waitFor((r) => r.path === `/channels/${s.channelId}/messages/${reply.id}/threads`);
    expect(threadRequest.body).toMatchObject({ name: 'Follow-up: q', auto_archive_duration: 1440 });

    const mention = nextEvent(c, 'messageCreate', (m) => m.channelId === thread.id && !m.author.bot);
    await s.userMessage({ channelId: thread.id, content: 'and then?', mentionsBot: true });
    const [message] = await mention;
    expect(message.channel.id).toBe(thread.id);
    expect(message.channel.isThread()).toBe(true);
    expect(message.content).toBe(`<@${s.botUserId}> and then?`);
    expect(message.mentions.has(c.user)).toBe(true);
    expect(message.inGuild()).toBe(true);

    // Without the privileged MessageContent intent, other people's messages arrive blank unless they mention the bot.
    const plain = nextEvent(c, 'messageCreate', (m) => m.channelId === thread.id && !m.author.bot);
    await s.userMessage({ channelId: thread.id, content: 'talking among ourselves' });
    expect((await plain)[0].content).toBe('');

    const answer = await message.reply({ content: 'Then this.', allowedMentions: { repliedUser: false } });
    expect(answer.reference?.messageId).toBe(message.id);
    expect(s.messagesIn(thread.id).at(-1)).toMatchObject({ content: 'Then this.', type: MessageType.Reply });
    expectNoSurprises(s);
  });

  it('round-trips a button (update) and an autocomplete (respond)', async () => {
    const { standin: s, client: c } = await connect();
    await c.application.commands.set([askCommand.toJSON()], s.guildId);
    let command: InteractionHandle | undefined;
    const interaction = await receive(
      c,
      async () => (command = await s.slashCommand({ name: 'ask', options: { question: 'q' } })),
      isChatInput,
    );
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('more:1').setLabel('More').setStyle(ButtonStyle.Secondary),
    );
    await interaction.reply({ content: 'Short answer.', components: [row] });
    const original = await command!.original();

    let press: InteractionHandle | undefined;
    const button = await receive(
      c,
      async () => (press = await s.button({ customId: 'more:1', message: original })),
      (i) => i.isButton(),
    );
    expect(button.customId).toBe('more:1');
    expect(button.message.id).toBe(original.id);
    expect(button.channelId).toBe(s.channelId);
    await button.update({ content: 'Long answer.', components: [] });
    const update = await press!.response();
    expect(update).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { content: 'Long answer.', components: [] } });
    expect(await press!.original()).toMatchObject({ id: original.id, content: 'Long answer.', components: [] });
    expect(s.messagesIn()[0]?.content).toBe('Long answer.');

    let typing: InteractionHandle | undefined;
    const autocomplete = await receive(
      c,
      async () => (typing = await s.autocomplete({ name: 'ask', options: { question: 'who res', limit: 2 }, focused: 'question' })),
      (i) => i.isAutocomplete(),
    );
    expect(autocomplete.commandName).toBe('ask');
    expect(autocomplete.options.getFocused(true)).toMatchObject({ name: 'question', value: 'who res' });
    await autocomplete.respond([{ name: 'Who resigned?', value: 'Who resigned?' }]);
    expect(await typing!.response()).toMatchObject({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'Who resigned?', value: 'Who resigned?' }] },
    });
    expectNoSurprises(s);
  });

  it('serves thread history newest first, honouring limit and before', async () => {
    const { standin: s, client: c } = await connect();
    const starter = await textChannel(c, s).send('Thread starter.');
    const thread = await starter.startThread({ name: 'History' });
    await s.userMessage({ channelId: thread.id, content: 'first', mentionsBot: true });
    await thread.send('second');
    await s.userMessage({ channelId: thread.id, content: 'third', mentionsBot: true });

    const lastTwo = await thread.messages.fetch({ limit: 2 });
    expect(lastTwo.map((m) => m.content)).toEqual([`<@${s.botUserId}> third`, 'second']);
    const all = await thread.messages.fetch({ limit: 10 });
    expect(all.map((m: Message) => m.type)).toEqual([
      MessageType.Default,
      MessageType.Default,
      MessageType.Default,
      MessageType.ThreadStarterMessage,
    ]);
    expect(all.last()?.reference?.messageId).toBe(starter.id);
    const older = await thread.messages.fetch({ limit: 10, before: lastTwo.last()!.id });
    expect(older.map((m) => m.content)).toEqual([`<@${s.botUserId}> first`, '']);
    const request = await s.waitFor((r) => r.path === `/channels/${thread.id}/messages` && r.query.limit === '2');
    expect(request.method).toBe('GET');
    expectNoSurprises(s);
  });

  it('records unknown routes, refuses threads on demand, and validates messages like Discord', async () => {
    const { standin: s, client: c } = await connect();
    await expect(c.rest.get(`/guilds/${s.guildId}/audit-logs`)).rejects.toMatchObject({ status: 404, message: 'Unknown route' });
    expect(s.unhandled.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /guilds/${s.guildId}/audit-logs`]);

    const channel = textChannel(c, s);
    const message = await channel.send('Answer.');
    s.refuseThreads = true;
    const refused = await message.startThread({ name: 'nope' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ code: 50013, status: 403, message: 'Missing Permissions' });
    await expect(channel.threads.create({ name: 'nope' })).rejects.toMatchObject({ code: 50013 });
    expect(s.threads).toEqual([]);

    s.refuseThreads = false;
    const standalone = await channel.threads.create({ name: 'Standalone' });
    expect(standalone.type).toBe(ChannelType.PublicThread);
    expect(s.messagesIn().at(-1)).toMatchObject({ type: MessageType.ThreadCreated, content: 'Standalone' });

    await expect(channel.send('x'.repeat(2001))).rejects.toMatchObject({ code: 50035, status: 400 });
    await expect(channel.send({ embeds: [{ description: 'd'.repeat(4097) }] })).rejects.toMatchObject({ code: 50035 });
    expect(s.problems).toEqual([]);
  });

  it('turns away a client asking for privileged intents the app has not enabled', async () => {
    const s = await startDiscordStandin({ privilegedIntents: 0 });
    standin = s;
    const c = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent], rest: { api: s.apiUrl } });
    client = c;
    await expect(c.login(s.token)).rejects.toThrow();
    expect(s.problems).toEqual([expect.stringContaining('4014')]);

    // REST history follows the app's setting too: other people's messages come back blank.
    await s.userMessage({ content: 'not for bots' });
    await s.userMessage({ content: 'for the bot', mentionsBot: true });
    const rest = new REST({ api: s.apiUrl }).setToken(s.token);
    const history = (await rest.get(Routes.channelMessages(s.channelId))) as APIMessage[];
    expect(history.map((m) => m.content)).toEqual([`<@${s.botUserId}> for the bot`, '']);
  });

  it('speaks zlib-stream when a client asks for transport compression', async () => {
    const s = await startDiscordStandin();
    standin = s;
    const ws = new WebSocket(`${s.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate = createInflate();
    let inflated = '';
    inflate.on('data', (chunk: Buffer) => (inflated += chunk.toString('utf8')));
    // One payload per frame: inflate frames one at a time until the output parses.
    const inflateFrame = (frame: Buffer) =>
      new Promise<{ op: number; t: string | null }>((resolve) => {
        const tryParse = () => {
          try {
            const payload = JSON.parse(inflated) as { op: number; t: string | null };
            inflate.off('data', tryParse);
            inflated = '';
            resolve(payload);
          } catch {
            // Not all of the payload is out of the inflater yet.
          }
        };
        inflate.on('data', tryParse);
        inflate.write(frame);
        inflate.flush(zlibConstants.Z_SYNC_FLUSH, tryParse);
      });
    const payloads: { op: number; t: string | null }[] = [];
    let queue = Promise.resolve();
    ws.on('message', (data) => {
      queue = queue.then(async () => {
        const payload = await inflateFrame(data as Buffer);
        payloads.push(payload);
        if (payload.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: s.token, intents: 513, properties: {} } }));
      });
    });
    try {
      await s.identified();
      // Several dispatches share the connection's compression context.
      for (const content of ['one', 'two', 'three']) await s.userMessage({ content, mentionsBot: true });
      await vi.waitFor(() => expect(payloads).toHaveLength(6), { timeout: WAIT_MS });
      expect(payloads.map((p) => p.t ?? p.op)).toEqual([10, 'READY', 'GUILD_CREATE', 'MESSAGE_CREATE', 'MESSAGE_CREATE', 'MESSAGE_CREATE']);
    } finally {
      ws.terminate();
      inflate.close();
    }
  });

  it('plays faults on demand: close codes, a closed-then-refused IDENTIFY, a revoked token, a reset connection', async () => {
    const { standin: s, client: c } = await connect();
    s.resetRequests((r) => r.path === '/users/@me');
    // @discordjs/rest retries a reset connection once.
    await expect(c.rest.get(Routes.user('@me'))).resolves.toMatchObject({ id: s.botUserId });
    expect(s.requests.filter((r) => r.path === '/users/@me').map((r) => r.status)).toEqual([0, 200]);

    s.identifyCloseCode = 4014;
    const codes: number[] = [];
    c.on('shardDisconnect', (event) => codes.push(event.code));
    expect(s.closeGateway(4000)).toBe(1);
    // discord.js reconnects (RESUME is refused, after a pause), identifies again and is turned away with 4014, for good.
    await vi.waitFor(() => expect(codes).toEqual([4014]), { timeout: 15_000 });
    expect(s.gatewayConnections).toBeGreaterThanOrEqual(2);

    s.tokenRevoked = true;
    await expect(new REST({ api: s.apiUrl }).setToken(s.token).get(Routes.user('@me'))).rejects.toMatchObject({ status: 401 });
    expect(s.problems).toEqual([]);
  }, 30_000);
});
