/**
 * A local Discord stand-in for end-to-end tests: an HTTP REST API and a WebSocket gateway on
 * 127.0.0.1 that the real, unmodified discord.js v14 Client logs into. Discord itself is never
 * reachable from this machine or CI.
 *
 * Wiring a client to it:
 *
 *   const standin = await startDiscordStandin();
 *   const client = new Client({ intents: [...], rest: { api: standin.apiUrl } }); // DISCORD_API_URL
 *   await client.login(standin.token);
 *   await standin.identified();
 *   ...
 *   await client.destroy();   // destroy clients first: a closed gateway makes discord.js reconnect
 *   await standin.close();
 *
 * The world: one guild (`guildId`) with one text channel (`channelId`), the roles @everyone (plain
 * member permissions), "Admin" (Administrator), "Manager" (ManageGuild) and the bot's managed role
 * (`botPermissions`), and the bot member. The bot user id equals the application id, as for every
 * Discord app created since 2016. A default human user (`userId`) invokes interactions and writes
 * messages unless a test passes another `user`.
 *
 * Test-side API (every wait takes an optional timeout in ms, default 5000, and rejects on expiry
 * or on close(); every getter returns a snapshot, never live state):
 *
 *   startDiscordStandin(options?: StandinOptions): Promise<DiscordStandin>
 *   standin.apiUrl / url / gatewayUrl / token / applicationId / botUserId / guildId / channelId / userId
 *   standin.roleIds                         { everyone, admin, manager, bot }
 *   standin.refuseThreads                   settable: thread creation answers 403 Missing Permissions (50013)
 *   Faults (each settable at any time):
 *   standin.silentGateway                   settable: gateway connections open but never get HELLO
 *   standin.identifyCloseCode               settable: answer IDENTIFY by closing with this code (e.g. 4004, 4010–4014)
 *   standin.tokenRevoked                    settable: every request with the bot token answers 401, IDENTIFY closes 4004
 *   standin.announcedGatewayUrl             settable: the gateway URL GET /gateway/bot announces (e.g. an unreachable one)
 *   standin.closeGateway(code, reason?)     closes every gateway connection with a close code → how many were open
 *   standin.resetRequests(predicate, count?) the next `count` (default 1) matching REST requests get their connection
 *                                          reset instead of an answer (recorded with status 0)
 *   standin.gatewayConnections              how many gateway connections were ever opened
 *   standin.identified(timeoutMs?)          resolves once a client identified and READY + GUILD_CREATE were written
 *   standin.slashCommand(input)             dispatches a type 2 INTERACTION_CREATE → InteractionHandle
 *   standin.autocomplete(input)             dispatches a type 4 INTERACTION_CREATE → InteractionHandle
 *   standin.button(input)                   dispatches a type 3 INTERACTION_CREATE (button) → InteractionHandle
 *   standin.userMessage(input)              stores a human's message and dispatches MESSAGE_CREATE → APIMessage
 *   standin.attachment(filename, data, contentType?)  an uploaded file, served by GET on its `url` (on this
 *                                          server, like Discord's CDN) → APIAttachment; pass its `id` as the value
 *                                          of an attachment option: the interaction then carries it in `resolved`
 *   standin.dispatch(event, data)           sends any gateway dispatch to every identified client → how many got it
 *   standin.messagesIn(channelId?)          stored channel history, oldest first (ephemeral messages are not stored)
 *   standin.threads                         threads created so far
 *   standin.commands                        registered commands, each with scope 'global' or the guild id
 *   standin.requests / standin.unhandled    every REST request / those no route matched (answered 404 Unknown route)
 *   standin.problems                        protocol errors and things not emulated (should stay empty)
 *   standin.gatewayReceived                 every payload clients sent over the gateway
 *   standin.waitFor(predicate, timeoutMs?)  first recorded request matching the predicate
 *   standin.close()
 *   MEMBER_PERMISSIONS / ADMIN_PERMISSIONS / BOT_PERMISSIONS   the presets, as bigint bitfields
 *
 *   InteractionHandle: id, token, payload (the dispatched interaction);
 *     response(timeoutMs?)   the first callback { type, data, files }
 *     original(timeoutMs?)   the @original message once it is no longer loading: after a reply or an update,
 *                            or after the first edit that follows a defer (a deferred update included)
 *     followUps()            follow-up messages so far;  waitForFollowUps(count, timeoutMs?)
 *
 * Discord behaviour emulated on purpose (bot tests may rely on it):
 * - Gateway: HELLO → IDENTIFY (token checked: 4004; privileged intents checked: 4014) → READY → GUILD_CREATE,
 *   heartbeat ACKs, RESUME answered with INVALID_SESSION (clients re-identify), zlib-stream transport
 *   compression when asked. Events are filtered by intents, and without the MessageContent intent other
 *   people's guild messages arrive with empty content unless they mention the bot.
 * - Every gateway dispatch caused by a REST call is written to the socket before the REST response.
 * - Interaction replies and follow-ups that are not ephemeral become channel messages (MESSAGE_CREATE);
 *   a defer creates a loading message (flag 128) that the first edit completes; a follow-up sent while the
 *   defer is still loading edits that message instead (Discord's documented backwards compatibility).
 *   A second callback answers 400 code 40060; unknown interactions 404 code 10062.
 * - Starting a thread from a message gives the thread the message's id, sets HAS_THREAD on the message
 *   (MESSAGE_UPDATE), dispatches THREAD_CREATE with newly_created, and the thread's history starts with
 *   a THREAD_STARTER_MESSAGE (type 21). A thread without a message leaves a THREAD_CREATED (type 18)
 *   message in the parent channel.
 * - Messages and commands are validated like Discord does (content ≤ 2000, embed limits, no empty
 *   messages, command names/descriptions) and answer 400 Invalid Form Body (50035) or 50006.
 * Not emulated: permissions are not enforced (use refuseThreads), rate limits, `mentions` of bot-sent
 * messages (always empty; the request's allowed_mentions is recorded); of attachments, only those made with
 * `attachment()` are served (GET, recorded in `requests` with their full path; unknown ones answer 404).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as zlibConstants, createDeflate, type Deflate } from 'node:zlib';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type APIAttachment,
  type APIDMChannel,
  type APIEmbed,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIInteractionResponseCallbackData,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type ChannelFlags,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type Locale,
  type RoleFlags,
  type ThreadMemberFlags,
  type UserFlags,
} from 'discord.js';
import { WebSocketServer, type WebSocket } from 'ws';

/** What a plain guild member may do: talk, read history, use commands, start public threads. */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

/** A server admin: a member with Administrator and ManageGuild. */
export const ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild;

/** What the bot's role grants by default. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseExternalEmojis;

/** A permission bitfield, or a preset: 'admin' (ADMIN_PERMISSIONS) or 'member' (MEMBER_PERMISSIONS). */
export type PermissionsInput = 'admin' | 'member' | bigint | string;

/** Options of startDiscordStandin; every id defaults to a fresh snowflake. */
export interface StandinOptions {
  applicationId?: string;
  /** Defaults to applicationId, as for every app created since 2016. */
  botUserId?: string;
  botUsername?: string;
  token?: string;
  guildId?: string;
  guildName?: string;
  channelId?: string;
  channelName?: string;
  /** The default human who invokes interactions and writes messages. */
  userId?: string;
  /** Permissions of the bot's role, reported as app_permissions. Default BOT_PERMISSIONS. */
  botPermissions?: PermissionsInput;
  /** Make thread creation answer 403 Missing Permissions (50013). Also settable later. */
  refuseThreads?: boolean;
  /** Privileged intents enabled for the app (GuildMembers, GuildPresences, MessageContent bits). Default: all. */
  privilegedIntents?: number;
  /** HELLO's heartbeat_interval. Default 41250 like Discord. */
  heartbeatIntervalMs?: number;
}

/** A file part of a multipart request. */
export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** One REST request as the stand-in saw and answered it. */
export interface RecordedRequest {
  method: string;
  /** The path below `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /**
   * The JSON body (for multipart requests: the parsed payload_json), or null. Typed `any` on purpose:
   * tests read arbitrary fields from it and the stand-in cannot know which route a predicate targets.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberate, see above
  body: any;
  files: RecordedFile[];
  status: number;
  response: unknown;
}

/** The data of an interaction callback: message fields, autocomplete choices or a modal. */
export type CallbackData = Partial<APIInteractionResponseCallbackData> & {
  choices?: APIApplicationCommandOptionChoice[];
  custom_id?: string;
  title?: string;
};

/** One interaction callback (POST /interactions/:id/:token/callback). */
export interface InteractionCallback {
  type: InteractionResponseType;
  data?: CallbackData;
  files: RecordedFile[];
}

/** A test's grip on one dispatched interaction. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  readonly payload: APIInteraction;
  /** The first callback the bot made. */
  response(timeoutMs?: number): Promise<InteractionCallback>;
  /** The @original message once it exists and is not loading any more. */
  original(timeoutMs?: number): Promise<APIMessage>;
  /** Follow-up messages posted so far (not counting a follow-up that completed a defer). */
  followUps(): APIMessage[];
  /** Resolves once at least `count` follow-ups were posted. */
  waitForFollowUps(count: number, timeoutMs?: number): Promise<APIMessage[]>;
}

/** Option values by name, or raw option objects as Discord sends them. */
export type OptionsInput = Record<string, string | number | boolean> | APIApplicationCommandInteractionDataOption[];

/** Who invokes an interaction, and where. */
export interface InvokerInput {
  /** Merged over the default human user. */
  user?: Partial<APIUser>;
  /** The invoking member's permissions (also decides the Admin/Manager roles). Default 'member'. */
  memberPermissions?: PermissionsInput;
  /** Default: the guild text channel (for a button: the channel of its message). */
  channelId?: string;
  /** Invoke from the user's DM with the bot: `user` instead of `member`, no guild. */
  dm?: boolean;
  locale?: string;
}

/** A chat input command invocation. Option types come from the registered command when there is one. */
export interface SlashCommandInput extends InvokerInput {
  name: string;
  options?: OptionsInput;
  subcommand?: string;
  subcommandGroup?: string;
}

/** An autocomplete request; `focused` names the option being typed (or mark one raw option focused). */
export interface AutocompleteInput extends SlashCommandInput {
  focused?: string;
}

/** A button press on a message (a stored message's id, or a message object). */
export interface ButtonInput extends InvokerInput {
  customId: string;
  message: APIMessage | string;
}

/** A human's message in a channel. */
export interface UserMessageInput {
  /** Default: the guild text channel. */
  channelId?: string;
  content: string;
  /** Prefix `<@bot>` and list the bot in `mentions`. Default: whether content already mentions the bot. */
  mentionsBot?: boolean;
  /** Make it a reply to this message (which pings its author, as Discord's default). */
  replyTo?: string;
  user?: Partial<APIUser>;
  memberPermissions?: PermissionsInput;
}

/** A registered application command and where it is registered. */
export type RegisteredCommand = APIApplicationCommand & { scope: 'global' | string };

/** A payload a client sent over the gateway. */
export interface GatewayReceived {
  op: number;
  d: unknown;
}

const DISCORD_EPOCH = 1420070400000n;
// The reasons Discord gives with its gateway close codes.
const CLOSE_REASONS: Record<number, string> = {
  4000: 'Unknown error.',
  4004: 'Authentication failed.',
  4009: 'Session timed out.',
  4010: 'Invalid shard.',
  4011: 'Sharding required.',
  4012: 'Invalid API version.',
  4013: 'Invalid intent(s).',
  4014: 'Disallowed intent(s).',
};
const DEFAULT_TIMEOUT_MS = 5000;
const MESSAGE_CONTENT_LIMIT = 2000;
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
const ALL_PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
// Flags a bot may set when creating a message; Discord ignores the others.
const SETTABLE_FLAGS =
  MessageFlags.SuppressEmbeds |
  MessageFlags.Ephemeral |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2 |
  MessageFlags.IsVoiceMessage;
// Flags an edit may change; ephemerality is fixed at creation.
const EDITABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
// What Discord documents as app_permissions in a DM with the app's bot user.
const BOT_DM_APP_PERMISSIONS =
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis;
const SYNC_FLUSH_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const AUTO_ARCHIVE_DURATIONS: readonly number[] = [60, 1440, 4320, 10080];
// The callbacks each interaction type accepts.
const ALLOWED_CALLBACKS: Record<InteractionKind, readonly InteractionResponseType[]> = {
  command: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  component: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  autocomplete: [InteractionResponseType.ApplicationCommandAutocompleteResult],
};

type InteractionKind = 'command' | 'component' | 'autocomplete';
type StandinChannel = APITextChannel | APIThreadChannel | APIDMChannel;
type Issue = [path: string, code: string, message: string];
type Reply = { status: number; body?: unknown; file?: { contentType: string; data: Buffer } };
type Json = Record<string, unknown>;

/** The body fields of message create/edit requests the stand-in looks at. */
interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  flags?: number | null;
  tts?: boolean;
  attachments?: { id: string | number; filename?: string; description?: string }[] | null;
  message_reference?: { message_id?: string; channel_id?: string; fail_if_not_exists?: boolean };
  sticker_ids?: string[];
  poll?: unknown;
}

interface ChannelState {
  channel: StandinChannel;
  /** Chronological. */
  messages: APIMessage[];
}

interface InteractionState {
  kind: InteractionKind;
  payload: APIInteraction;
  channelId: string;
  callbacks: InteractionCallback[];
  original: APIMessage | null;
  loading: boolean;
  /** A component's update was deferred and the message not edited since (it shows no loading state). */
  updatePending: boolean;
  followUps: APIMessage[];
  /** For components: the message the component is on. */
  componentMessage: APIMessage | null;
}

/** An error answered as a Discord API error response. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message));
  }
}

const unknownError = (what: string, code: number) => new ApiError(404, { message: `Unknown ${what}`, code });
const missingPermissions = () => new ApiError(403, { message: 'Missing Permissions', code: 50013 });

/** Builds Discord's nested Invalid Form Body error from flat issues. */
function invalidFormBody(issues: Issue[]): ApiError {
  const errors: Json = {};
  for (const [path, code, message] of issues) {
    let node = errors;
    for (const key of path.split('.')) node = (node[key] ??= {}) as Json;
    ((node._errors ??= []) as unknown[]).push({ code, message });
  }
  return new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors });
}

/** Discord counts lengths in code points. */
const charCount = (text: string) => [...text].length;

function lengthIssue(path: string, value: string | null | undefined, max: number, min = 0): Issue[] {
  if (value == null) return min > 0 ? [[path, 'BASE_TYPE_REQUIRED', 'This field is required']] : [];
  const length = charCount(value);
  if (length > max || length < min) {
    return min > 0
      ? [[path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`]]
      : [[path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`]];
  }
  return [];
}

/** Length limits of message content and embeds. */
function messageIssues(body: MessageBody): Issue[] {
  const issues = lengthIssue('content', body.content, MESSAGE_CONTENT_LIMIT);
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) issues.push(['embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.']);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = `embeds.${i}`;
    issues.push(
      ...lengthIssue(`${at}.title`, embed.title, 256),
      ...lengthIssue(`${at}.description`, embed.description, 4096),
      ...lengthIssue(`${at}.footer.text`, embed.footer?.text, 2048),
      ...lengthIssue(`${at}.author.name`, embed.author?.name, 256),
    );
    const fields = embed.fields ?? [];
    if (fields.length > 25) issues.push([`${at}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
    fields.forEach((field, j) => {
      issues.push(
        ...lengthIssue(`${at}.fields.${j}.name`, field.name, 256, 1),
        ...lengthIssue(`${at}.fields.${j}.value`, field.value, 1024, 1),
      );
    });
    const texts = [embed.title, embed.description, embed.footer?.text, embed.author?.name];
    for (const field of fields) texts.push(field.name, field.value);
    total += texts.reduce((sum, text) => sum + (text ? charCount(text) : 0), 0);
  });
  if (total > 6000) issues.push(['embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000']);
  return issues;
}

const isEmptyMessage = (m: Pick<APIMessage, 'content' | 'embeds' | 'attachments'> & { components?: unknown[] }) =>
  !m.content && m.embeds.length === 0 && m.attachments.length === 0 && (m.components ?? []).length === 0;

const blankContent = <T extends APIMessage>(message: T): T => ({ ...message, content: '', embeds: [], attachments: [], components: [] });

const emptyMessage = () => new ApiError(400, { message: 'Cannot send an empty message', code: 50006 });

/** Checks names, descriptions and option order of application commands, recursively. */
function commandIssues(
  items: readonly { name?: string; description?: string; type?: number; required?: boolean; options?: unknown }[],
  path: string,
): Issue[] {
  const issues: Issue[] = [];
  const at = (i: number) => (path ? `${path}.${i}` : String(i));
  if (items.length > (path ? 25 : 100)) issues.push([path || '_', 'BASE_TYPE_MAX_LENGTH', 'Too many items.']);
  const seen = new Set<string>();
  let sawOptional = false;
  items.forEach((item, i) => {
    const name = item.name ?? '';
    // Options and slash commands have lower-case one-word names; context menu commands are free text.
    const isChatInput = path !== '' || (item.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    const valid = isChatInput
      ? /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name) && name === name.toLowerCase()
      : charCount(name) >= 1 && charCount(name) <= 32;
    if (!valid) issues.push([`${at(i)}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid']);
    // Names are unique per command type.
    const key = `${item.type ?? ApplicationCommandType.ChatInput}:${name}`;
    if (seen.has(key)) issues.push([`${at(i)}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique']);
    seen.add(key);
    if (isChatInput) issues.push(...lengthIssue(`${at(i)}.description`, item.description, 100, 1));
    if (path) {
      if (item.required && sawOptional) {
        issues.push([
          `${at(i)}.required`,
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        ]);
      }
      if (!item.required) sawOptional = true;
    }
    if (Array.isArray(item.options)) issues.push(...commandIssues(item.options, `${at(i)}.options`));
  });
  return issues;
}

/** Increasing snowflakes with the current timestamp. */
class SnowflakeGen {
  private last = 0n;

  next(): string {
    const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last.toString();
  }
}

interface PendingWait {
  poll(): void;
  fail(error: Error): void;
}

/** Promises that resolve when a condition over the stand-in's state becomes true, each with a deadline. */
class Waiters {
  private readonly pending = new Set<PendingWait>();
  private closed = false;

  until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    if (this.closed) return Promise.reject(new Error(`Discord stand-in is closed (was waiting for ${what})`));
    return new Promise<T>((resolve, reject) => {
      const entry: PendingWait = {
        poll: () => {
          let value: T | undefined;
          try {
            value = check();
          } catch (error) {
            entry.fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => entry.fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(entry);
      };
      this.pending.add(entry);
    });
  }

  /** Re-checks every pending condition; call after any state change. */
  notify(): void {
    for (const entry of [...this.pending]) entry.poll();
  }

  close(): void {
    this.closed = true;
    for (const entry of [...this.pending]) entry.fail(new Error('Discord stand-in closed while waiting'));
  }
}

/** One gateway connection. */
class GatewaySession {
  intents = 0;
  /** READY and GUILD_CREATE were written. */
  ready = false;
  identifying = false;
  private seq = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: WebSocket,
    readonly sessionId: string,
    private readonly deflate: Deflate | null,
  ) {}

  /** Queues a payload; resolves once it was handed to the socket. */
  send(op: GatewayOpcodes, d: unknown, t: string | null = null): Promise<void> {
    const payload = { op, d, s: op === GatewayOpcodes.Dispatch ? ++this.seq : null, t };
    this.queue = this.queue.then(() => this.write(JSON.stringify(payload)));
    return this.queue;
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** Frees the compression context once the socket is gone. */
  dispose(): void {
    this.deflate?.close();
  }

  private async write(json: string): Promise<void> {
    const data = this.deflate ? await this.compress(json) : json;
    if (this.ws.readyState !== this.ws.OPEN) return;
    // A socket that dies mid-send is the client's business; dispatching carries on for the others.
    await new Promise<void>((resolve) => this.ws.send(data, () => resolve()));
  }

  // zlib-stream: one deflate context for the whole connection, each payload ending in a sync flush.
  private compress(json: string): Promise<Buffer> {
    const deflate = this.deflate as Deflate;
    const chunks: Buffer[] = [];
    return new Promise((resolve) => {
      let flushed = false;
      // Output may trail the flush callback; a sync flush's output always ends with 00 00 ff ff.
      const settle = () => {
        const output = Buffer.concat(chunks);
        if (!flushed || !output.subarray(-4).equals(SYNC_FLUSH_TAIL)) return;
        deflate.off('data', collect);
        resolve(output);
      };
      const collect = (chunk: Buffer) => {
        chunks.push(chunk);
        settle();
      };
      deflate.on('data', collect);
      deflate.write(json);
      deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
        flushed = true;
        settle();
      });
    });
  }
}

/** The option type Discord would have for a value when no registered command says otherwise. */
function inferOptionType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'string') return ApplicationCommandOptionType.String;
  return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
}

function resolvePermissions(input: PermissionsInput): bigint {
  if (input === 'admin') return ADMIN_PERMISSIONS;
  if (input === 'member') return MEMBER_PERMISSIONS;
  return BigInt(input);
}

const clone = <T>(value: T): T => structuredClone(value);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses JSON and multipart bodies (discord.js sends files as multipart with payload_json). */
async function parseBody(contentType: string | undefined, raw: Buffer): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: null, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

type RouteHandler = (ctx: RouteContext) => Reply | Promise<Reply>;

interface RouteContext {
  params: Record<string, string>;
  request: RecordedRequest;
  body: Json;
}

interface Route {
  method: string;
  segments: string[];
  /** Needs `Authorization: Bot <token>`; interaction callbacks and webhooks do not. */
  auth: boolean;
  handler: RouteHandler;
}

/** The running stand-in; create it with startDiscordStandin(). */
export class DiscordStandin {
  readonly applicationId: string;
  readonly botUserId: string;
  readonly token: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly userId: string;
  readonly roleIds: { everyone: string; admin: string; manager: string; bot: string };
  /** Thread creation answers 403 Missing Permissions (50013) while true. */
  refuseThreads: boolean;
  /** New gateway connections never get HELLO while true (a gateway that accepts and then says nothing). */
  silentGateway = false;
  /** IDENTIFY is answered by closing the connection with this code while set. */
  identifyCloseCode: number | null = null;
  /** While true the bot token is refused: 401 on every REST route that needs it, 4004 on IDENTIFY. */
  tokenRevoked = false;
  /** What GET /gateway/bot announces instead of `gatewayUrl`, while set. */
  announcedGatewayUrl: string | null = null;

  private readonly ids = new SnowflakeGen();
  private readonly waiters = new Waiters();
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<GatewaySession>();
  private readonly channels = new Map<string, ChannelState>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly registered: RegisteredCommand[] = [];
  private readonly createdThreads: APIThreadChannel[] = [];
  private readonly uploads = new Map<string, { attachment: APIAttachment; data: Buffer }>();
  private readonly recorded: RecordedRequest[] = [];
  private readonly recordedUnhandled: RecordedRequest[] = [];
  private readonly problemList: string[] = [];
  private readonly received: GatewayReceived[] = [];
  private readonly routes: Route[];
  private readonly botUser: APIUser;
  private readonly guildName: string;
  private readonly botPermissions: bigint;
  private readonly privilegedIntents: number;
  private readonly heartbeatIntervalMs: number;
  private readonly joinedAt = new Date().toISOString();
  private readonly ownerId = this.ids.next();
  private readonly resets: { predicate: (request: RecordedRequest) => boolean; left: number }[] = [];
  private connectionCount = 0;
  private port = 0;
  private closed = false;

  constructor(options: StandinOptions = {}) {
    this.applicationId = options.applicationId ?? this.ids.next();
    this.botUserId = options.botUserId ?? this.applicationId;
    this.guildId = options.guildId ?? this.ids.next();
    this.channelId = options.channelId ?? this.ids.next();
    this.userId = options.userId ?? this.ids.next();
    this.roleIds = { everyone: this.guildId, admin: this.ids.next(), manager: this.ids.next(), bot: this.ids.next() };
    // The shape of a real bot token: base64 of the user id, a timestamp part and an HMAC part.
    this.token =
      options.token ??
      `${Buffer.from(this.botUserId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    this.refuseThreads = options.refuseThreads ?? false;
    this.guildName = options.guildName ?? 'Story Readers';
    this.botPermissions = resolvePermissions(options.botPermissions ?? BOT_PERMISSIONS);
    this.privilegedIntents = options.privilegedIntents ?? ALL_PRIVILEGED_INTENTS;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41250;
    this.botUser = {
      id: this.botUserId,
      username: options.botUsername ?? 'storybot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0 as UserFlags,
    };
    const channel: APITextChannel = {
      id: this.channelId,
      type: ChannelType.GuildText,
      guild_id: this.guildId,
      name: options.channelName ?? 'news-desk',
      position: 0,
      parent_id: null,
      topic: null,
      nsfw: false,
      permission_overwrites: [],
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0 as ChannelFlags,
    };
    this.channels.set(channel.id, { channel, messages: [] });
    this.routes = this.buildRoutes();
    this.http = createServer((req, res) => void this.onHttp(req, res));
    // Node closes idle keep-alive connections after 5 s, which races a client reusing one ("other side
    // closed"); Discord's edge keeps them much longer.
    this.http.keepAliveTimeout = 60_000;
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
  }

  /** Starts listening on a random port of 127.0.0.1. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  /** http://127.0.0.1:PORT */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The value for the client option `rest: { api }` (discord.js appends /v10). */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  /** What GET /gateway/bot announces. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Every REST request so far, in arrival order (recorded once answered). */
  get requests(): RecordedRequest[] {
    return [...this.recorded];
  }

  /** REST requests no route matched; each was answered 404 Unknown route. */
  get unhandled(): RecordedRequest[] {
    return [...this.recordedUnhandled];
  }

  /** Protocol errors, internal errors and requests for things not emulated. */
  get problems(): string[] {
    return [...this.problemList];
  }

  /** Payloads clients sent over the gateway. */
  get gatewayReceived(): GatewayReceived[] {
    return clone(this.received);
  }

  /** Registered application commands with their scope ('global' or the guild id). */
  get commands(): RegisteredCommand[] {
    return clone(this.registered);
  }

  /** Threads created through the API, in creation order, as currently stored. */
  get threads(): APIThreadChannel[] {
    return clone(this.createdThreads);
  }

  /** Stored history of a channel (default: the guild text channel), oldest first. */
  messagesIn(channelId: string = this.channelId): APIMessage[] {
    return clone(this.channels.get(channelId)?.messages ?? []);
  }

  /** Resolves once a client identified and READY and GUILD_CREATE were written to it. */
  identified(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return this.waiters
      .until(() => ([...this.sessions].some((s) => s.ready) ? true : undefined), timeoutMs, 'a gateway client to identify')
      .then(() => undefined);
  }

  /** The first recorded request (past or future) that matches. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RecordedRequest> {
    return this.waiters.until(() => this.recorded.find(predicate), timeoutMs, 'a matching REST request');
  }

  /** Sends a dispatch to every identified client (filtered by their intents); resolves once written. */
  async dispatch(event: GatewayDispatchEvents | string, data: unknown): Promise<number> {
    let delivered = 0;
    const sends: Promise<void>[] = [];
    for (const session of this.sessions) {
      if (!session.ready && !session.identifying) continue;
      const visible = this.visibleTo(session, event, data);
      if (visible === undefined) continue;
      delivered++;
      sends.push(session.send(GatewayOpcodes.Dispatch, visible, event));
    }
    await Promise.all(sends);
    return delivered;
  }

  /** Dispatches a chat input command interaction (type 2). */
  slashCommand(input: SlashCommandInput): Promise<InteractionHandle> {
    return this.startInteraction('command', input, this.commandData(input, undefined));
  }

  /** Dispatches an autocomplete interaction (type 4). */
  autocomplete(input: AutocompleteInput): Promise<InteractionHandle> {
    return this.startInteraction('autocomplete', input, this.commandData(input, input.focused));
  }

  /** Dispatches a button press (type 3) on a message. */
  button(input: ButtonInput): Promise<InteractionHandle> {
    const message = this.resolveComponentMessage(input.message);
    return this.startInteraction(
      'component',
      { ...input, channelId: input.channelId ?? message.channel_id },
      { custom_id: input.customId, component_type: ComponentType.Button },
      message,
    );
  }

  /** Stores a human's message and dispatches MESSAGE_CREATE for it. */
  async userMessage(input: UserMessageInput): Promise<APIMessage> {
    const state = this.channelState(input.channelId ?? this.channelId);
    const author = this.userFrom(input.user);
    const mention = `<@${this.botUserId}>`;
    const mentionsBot = input.mentionsBot ?? (input.content.includes(mention) || input.content.includes(`<@!${this.botUserId}>`));
    const content = mentionsBot && !input.content.includes(mention) ? `${mention} ${input.content}` : input.content;
    const mentions: APIUser[] = mentionsBot ? [this.botUser] : [];
    let reference: Pick<APIMessage, 'message_reference' | 'referenced_message' | 'type'> = { type: MessageType.Default };
    if (input.replyTo !== undefined) {
      const target = this.findMessage(state, input.replyTo);
      reference = {
        type: MessageType.Reply,
        message_reference: { type: 0, message_id: target.id, channel_id: state.channel.id, ...this.guildRef(state) },
        referenced_message: clone(target),
      };
      if (!mentions.some((u) => u.id === target.author.id)) mentions.push(target.author);
    }
    const message: APIMessage = {
      ...this.baseMessage(state.channel.id, author),
      content,
      mentions,
      ...reference,
    };
    await this.post(state, message, input.memberPermissions ?? 'member');
    return clone(message);
  }

  /** A file a user uploaded (e.g. for an attachment option), served by GET on its `url`. */
  attachment(filename: string, data: Uint8Array | string, contentType = 'text/plain; charset=utf-8'): APIAttachment {
    const id = this.ids.next();
    const bytes = Buffer.from(data);
    const url = `${this.url}/attachments/${this.channelId}/${id}/${encodeURIComponent(filename)}`;
    const attachment: APIAttachment = { id, filename, size: bytes.length, url, proxy_url: url, content_type: contentType };
    this.uploads.set(id, { attachment, data: bytes });
    return clone(attachment);
  }

  /** How many gateway connections were ever opened (a reconnect opens one more). */
  get gatewayConnections(): number {
    return this.connectionCount;
  }

  /** Closes every open gateway connection with `code`, as Discord does; resolves with how many there were. */
  closeGateway(code: number, reason: string = CLOSE_REASONS[code] ?? 'Closed by the stand-in.'): number {
    const open = [...this.sessions];
    for (const session of open) session.close(code, reason);
    return open.length;
  }

  /** The next `count` REST requests that match get their connection reset (ECONNRESET) instead of an answer. */
  resetRequests(predicate: (request: RecordedRequest) => boolean, count = 1): void {
    this.resets.push({ predicate, left: count });
  }

  /** Closes every connection and the server; pending waits reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiters.close();
    for (const session of this.sessions) session.ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---------------------------------------------------------------- gateway

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? '/', this.url).searchParams;
    const compress = query.get('compress');
    const session = new GatewaySession(ws, randomBytes(16).toString('hex'), compress === 'zlib-stream' ? createDeflate() : null);
    this.sessions.add(session);
    this.connectionCount++;
    ws.on('close', () => {
      session.dispose();
      this.sessions.delete(session);
      this.waiters.notify();
    });
    ws.on('message', (data, isBinary) => void this.onGatewayMessage(session, data.toString(), isBinary));
    const undecodable = 'Error while decoding payload.';
    if (query.get('v') !== '10') return this.reject(session, 4012, 'Invalid API version', `gateway v=${query.get('v')}`);
    if (query.get('encoding') !== 'json') {
      return this.reject(session, 4002, undecodable, `gateway encoding=${query.get('encoding')} (only json is emulated)`);
    }
    if (compress !== null && compress !== 'zlib-stream') {
      return this.reject(session, 4002, undecodable, `gateway compress=${compress} (only zlib-stream is emulated)`);
    }
    if (this.silentGateway) return;
    void session.send(GatewayOpcodes.Hello, { heartbeat_interval: this.heartbeatIntervalMs, _trace: ['["discord-standin",{"micros":0}]'] });
  }

  private reject(session: GatewaySession, code: number, reason: string, problem: string): void {
    this.problemList.push(`${problem}: closed the gateway with ${code} ${reason}`);
    session.close(code, reason);
  }

  private async onGatewayMessage(session: GatewaySession, text: string, isBinary: boolean): Promise<void> {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frame');
      payload = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      return this.reject(session, 4002, 'Error while decoding payload.', 'undecodable gateway payload');
    }
    const op = payload.op;
    this.received.push(clone({ op: Number(op), d: payload.d }));
    if (op === GatewayOpcodes.Heartbeat) {
      await session.send(GatewayOpcodes.HeartbeatAck, null);
      return;
    }
    if (op === GatewayOpcodes.Identify) return this.identify(session, payload.d as Json);
    if (op === GatewayOpcodes.Resume) {
      // Sessions do not survive here; Discord answers a failed resume like this and the client re-identifies.
      await session.send(GatewayOpcodes.InvalidSession, false);
      return;
    }
    if (!session.ready) return this.reject(session, 4003, 'Not authenticated.', `gateway op ${String(op)} before IDENTIFY`);
    if (op === GatewayOpcodes.PresenceUpdate || op === GatewayOpcodes.VoiceStateUpdate) return;
    if (op === GatewayOpcodes.RequestGuildMembers) {
      this.problemList.push('gateway op 8 (Request Guild Members) is not emulated; no GUILD_MEMBERS_CHUNK was sent');
      return;
    }
    this.reject(session, 4001, 'Unknown opcode.', `gateway op ${String(op)}`);
  }

  private async identify(session: GatewaySession, d: Json): Promise<void> {
    if (session.ready || session.identifying) return this.reject(session, 4005, 'Already authenticated.', 'second IDENTIFY');
    // Faults a test asked for: closed like Discord, but not problems of the client.
    const refusal = this.tokenRevoked ? 4004 : this.identifyCloseCode;
    if (refusal !== null) return session.close(refusal, CLOSE_REASONS[refusal] ?? 'Closed by the stand-in.');
    if (d.token !== this.token) {
      // A wrong token is a test bug, but also what Discord does; discord.js reports "Authentication failed".
      return this.reject(session, 4004, 'Authentication failed.', 'IDENTIFY with a wrong token');
    }
    if (typeof d.intents !== 'number') return this.reject(session, 4013, 'Invalid intent(s).', 'IDENTIFY without intents');
    if (d.intents & ALL_PRIVILEGED_INTENTS & ~this.privilegedIntents) {
      const asked = d.intents & ALL_PRIVILEGED_INTENTS;
      return this.reject(session, 4014, 'Disallowed intent(s).', `IDENTIFY with privileged intents ${asked} not enabled for the app`);
    }
    const shard = d.shard;
    if (shard !== undefined && (!Array.isArray(shard) || shard[0] !== 0 || shard[1] !== 1)) {
      return this.reject(session, 4010, 'Invalid shard.', `IDENTIFY with shard ${JSON.stringify(shard)}`);
    }
    session.intents = d.intents;
    session.identifying = true;
    await session.send(GatewayOpcodes.Dispatch, this.readyPayload(session), GatewayDispatchEvents.Ready);
    if (session.intents & GatewayIntentBits.Guilds) {
      await session.send(GatewayOpcodes.Dispatch, this.guildCreatePayload(), GatewayDispatchEvents.GuildCreate);
    }
    session.identifying = false;
    session.ready = true;
    this.waiters.notify();
  }

  private readyPayload(session: GatewaySession): GatewayReadyDispatchData {
    return {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: session.sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: this.applicationFlags(), flags_new: String(this.applicationFlags()) },
    };
  }

  // The "limited" flags an unverified app gets when its privileged intents are switched on.
  private applicationFlags(): number {
    let flags = 0;
    if (this.privilegedIntents & GatewayIntentBits.GuildPresences) flags |= 1 << 13;
    if (this.privilegedIntents & GatewayIntentBits.GuildMembers) flags |= 1 << 15;
    if (this.privilegedIntents & GatewayIntentBits.MessageContent) flags |= 1 << 19;
    return flags;
  }

  private guildCreatePayload(): GatewayGuildCreateDispatchData {
    const role = (id: string, name: string, permissions: bigint, position: number, managed = false): APIRole => ({
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...(managed ? { tags: { bot_id: this.botUserId } } : {}),
    });
    const textChannels = [...this.channels.values()]
      .map((s) => s.channel)
      .filter((c): c is APITextChannel => c.type === ChannelType.GuildText);
    const threads = [...this.channels.values()]
      .map((s) => s.channel)
      .filter((c): c is APIThreadChannel => c.type === ChannelType.PublicThread || c.type === ChannelType.PrivateThread);
    return {
      id: this.guildId,
      name: this.guildName,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      roles: [
        role(this.roleIds.everyone, '@everyone', MEMBER_PERMISSIONS, 0),
        role(this.roleIds.admin, 'Admin', PermissionFlagsBits.Administrator, 3),
        role(this.roleIds.manager, 'Manager', PermissionFlagsBits.ManageGuild, 2),
        role(this.roleIds.bot, this.botUser.username, this.botPermissions, 1, true),
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
      nsfw_level: 0,
      hub_type: null,
      incidents_data: null,
      max_members: 500000,
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [this.botMember()],
      channels: textChannels,
      threads,
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private botMember(): APIGuildMember {
    return { ...this.memberFields([this.roleIds.bot]), user: this.botUser };
  }

  private memberFields(roles: string[]): Omit<APIGuildMember, 'user'> {
    return {
      roles,
      joined_at: this.joinedAt,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** What a session receives of a dispatch: undefined when its intents exclude it. */
  private visibleTo(session: GatewaySession, event: string, data: unknown): unknown {
    const has = (intent: GatewayIntentBits) => (session.intents & intent) !== 0;
    if (event.startsWith('MESSAGE_')) {
      const message = data as APIMessage & { guild_id?: string };
      if (!has(message.guild_id ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages)) return undefined;
      const hidden =
        event !== GatewayDispatchEvents.MessageDelete &&
        this.hidesContent(message, message.guild_id !== undefined, has(GatewayIntentBits.MessageContent));
      return hidden ? blankContent(message) : data;
    }
    if (event.startsWith('THREAD_') || event.startsWith('GUILD_') || event.startsWith('CHANNEL_')) {
      return has(GatewayIntentBits.Guilds) ? data : undefined;
    }
    return data;
  }

  /**
   * Without the privileged MessageContent intent (identified for the gateway, enabled for the app for REST),
   * Discord blanks other people's guild messages unless they mention the bot.
   */
  private hidesContent(message: APIMessage, inGuild: boolean, intentGranted: boolean): boolean {
    return !intentGranted && inGuild && message.author.id !== this.botUserId && !message.mentions.some((u) => u.id === this.botUserId);
  }

  /** A stored message as REST returns it. */
  private restView(state: ChannelState, message: APIMessage): APIMessage {
    const granted = (this.privilegedIntents & GatewayIntentBits.MessageContent) !== 0;
    return clone(this.hidesContent(message, state.channel.type !== ChannelType.DM, granted) ? blankContent(message) : message);
  }

  // ---------------------------------------------------------------- interactions

  private commandData(input: SlashCommandInput, focused: string | undefined) {
    const command = this.findCommand(input.name, input.dm === true);
    let definitions = command?.options;
    let options: APIApplicationCommandInteractionDataOption[];
    const leafOptions = () => {
      const given = input.options ?? {};
      if (Array.isArray(given)) return given;
      return Object.entries(given).map(([name, value]) => {
        const type = definitions?.find((o) => o.name === name)?.type ?? inferOptionType(value);
        // Autocomplete sends the focused option as the partial text the user typed.
        const typed = name === focused ? { value: String(value), focused: true } : { value };
        return { name, type, ...typed } as APIApplicationCommandInteractionDataOption;
      });
    };
    const subOptions = (parent: APIApplicationCommandOption[] | undefined, name: string) =>
      (parent?.find((o) => o.name === name) as { options?: APIApplicationCommandOption[] } | undefined)?.options;
    if (input.subcommandGroup !== undefined && input.subcommand !== undefined) {
      const groupDefinitions = subOptions(definitions, input.subcommandGroup);
      definitions = subOptions(groupDefinitions, input.subcommand);
      const subcommand = {
        name: input.subcommand,
        type: ApplicationCommandOptionType.Subcommand as const,
        options: leafOptions() as never,
      };
      options = [{ name: input.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options: [subcommand] }];
    } else if (input.subcommand !== undefined) {
      definitions = subOptions(definitions, input.subcommand);
      options = [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options: leafOptions() as never }];
    } else {
      options = leafOptions();
    }
    // Attachment options carry an attachment id; Discord sends the attachment itself in `resolved`.
    const attachments = Object.fromEntries(
      options.flatMap((o) => {
        if (o.type !== ApplicationCommandOptionType.Attachment) return [];
        const upload = this.uploads.get(String(o.value));
        if (!upload) this.problemList.push(`no attachment ${String(o.value)} (make it with standin.attachment)`);
        return upload ? [[upload.attachment.id, clone(upload.attachment)]] : [];
      }),
    );
    return {
      id: command?.id ?? this.ids.next(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(Object.keys(attachments).length > 0 ? { resolved: { attachments } } : {}),
      ...(command && command.scope !== 'global' ? { guild_id: command.scope } : {}),
    };
  }

  // A guild command shadows a global one of the same name, as in Discord's client.
  private findCommand(name: string, dm: boolean): RegisteredCommand | undefined {
    const matches = this.registered.filter((c) => c.name === name && c.type === ApplicationCommandType.ChatInput);
    return (dm ? undefined : matches.find((c) => c.scope === this.guildId)) ?? matches.find((c) => c.scope === 'global');
  }

  private resolveComponentMessage(message: APIMessage | string): APIMessage {
    const id = typeof message === 'string' ? message : message.id;
    for (const state of this.channels.values()) {
      const stored = state.messages.find((m) => m.id === id);
      if (stored) return stored;
    }
    for (const interaction of this.interactions.values()) {
      const own = [interaction.original, ...interaction.followUps].find((m) => m?.id === id);
      if (own) return own;
    }
    if (typeof message === 'string') throw new Error(`No stored message ${message} to press a button on`);
    return clone(message);
  }

  private async startInteraction(
    kind: InteractionKind,
    input: InvokerInput,
    data: Json,
    componentMessage: APIMessage | null = null,
  ): Promise<InteractionHandle> {
    const user = this.userFrom(input.user);
    const state = input.dm ? this.dmChannelFor(user) : this.channelState(input.channelId ?? this.channelId);
    const inGuild = state.channel.type !== ChannelType.DM;
    const permissions = resolvePermissions(input.memberPermissions ?? 'member');
    const locale = (input.locale ?? 'en-US') as Locale;
    const type = {
      command: InteractionType.ApplicationCommand,
      component: InteractionType.MessageComponent,
      autocomplete: InteractionType.ApplicationCommandAutocomplete,
    }[kind];
    const member: APIInteractionGuildMember = {
      ...this.memberFields(this.rolesFor(permissions)),
      user,
      permissions: permissions.toString(),
    };
    const payload = {
      id: this.ids.next(),
      application_id: this.applicationId,
      type,
      data,
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      version: 1,
      // In the guild: @everyone's and the bot role's permissions.
      app_permissions: (inGuild ? this.botPermissions | MEMBER_PERMISSIONS : BOT_DM_APP_PERMISSIONS).toString(),
      locale,
      entitlements: [],
      // GUILD_INSTALL maps to the guild, or to "0" in a DM with the bot.
      authorizing_integration_owners: { '0': inGuild ? this.guildId : '0' },
      context: inGuild ? InteractionContextType.Guild : InteractionContextType.BotDM,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      channel: clone(state.channel),
      channel_id: state.channel.id,
      ...(inGuild
        ? { guild_id: this.guildId, guild: { id: this.guildId, locale: 'en-US', features: [] }, guild_locale: 'en-US', member }
        : { user }),
      ...(componentMessage ? { message: clone(componentMessage) } : {}),
    } as unknown as APIInteraction;
    const interaction: InteractionState = {
      kind,
      payload,
      channelId: state.channel.id,
      callbacks: [],
      original: null,
      loading: false,
      updatePending: false,
      followUps: [],
      componentMessage,
    };
    this.interactions.set(payload.token, interaction);
    const delivered = await this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    if (delivered === 0) throw new Error('No identified gateway client to deliver the interaction to (await standin.identified() first)');
    return this.handleFor(interaction);
  }

  private handleFor(state: InteractionState): InteractionHandle {
    const what = `interaction ${state.payload.id} (${state.kind})`;
    return {
      id: state.payload.id,
      token: state.payload.token,
      payload: clone(state.payload),
      response: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
        this.waiters.until(() => clone(state.callbacks[0]), timeoutMs, `the response to ${what}`),
      original: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
        this.waiters.until(
          () => (state.original && !state.loading && !state.updatePending ? clone(state.original) : undefined),
          timeoutMs,
          `the original response of ${what}`,
        ),
      followUps: () => clone(state.followUps),
      waitForFollowUps: (count, timeoutMs = DEFAULT_TIMEOUT_MS) =>
        this.waiters.until(
          () => (state.followUps.length >= count ? clone(state.followUps) : undefined),
          timeoutMs,
          `${count} follow-up(s) of ${what}`,
        ),
    };
  }

  private rolesFor(permissions: bigint): string[] {
    const roles: string[] = [];
    if (permissions & PermissionFlagsBits.Administrator) roles.push(this.roleIds.admin);
    if (permissions & PermissionFlagsBits.ManageGuild) roles.push(this.roleIds.manager);
    return roles;
  }

  private userFrom(partial: Partial<APIUser> | undefined): APIUser {
    const id = partial?.id ?? this.userId;
    return {
      id,
      username: id === this.userId ? 'reader' : `user${id.slice(-4)}`,
      discriminator: '0',
      global_name: null,
      avatar: null,
      ...partial,
    };
  }

  private dmChannelFor(user: APIUser): ChannelState {
    for (const state of this.channels.values()) {
      if (state.channel.type === ChannelType.DM && state.channel.recipients?.[0]?.id === user.id) return state;
    }
    const channel: APIDMChannel = {
      id: this.ids.next(),
      type: ChannelType.DM,
      name: null,
      recipients: [user],
      last_message_id: null,
      flags: 0 as ChannelFlags,
    };
    const state = { channel, messages: [] };
    this.channels.set(channel.id, state);
    return state;
  }

  // ---------------------------------------------------------------- messages

  private channelState(channelId: string): ChannelState {
    const state = this.channels.get(channelId);
    if (!state) throw unknownError('Channel', 10003);
    return state;
  }

  private findMessage(state: ChannelState, messageId: string): APIMessage {
    const message = state.messages.find((m) => m.id === messageId);
    if (!message) throw unknownError('Message', 10008);
    return message;
  }

  private guildRef(state: ChannelState): { guild_id?: string } {
    return state.channel.type === ChannelType.DM ? {} : { guild_id: this.guildId };
  }

  private baseMessage(channelId: string, author: APIUser): APIMessage {
    return {
      id: this.ids.next(),
      channel_id: channelId,
      author,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: MessageType.Default,
      flags: 0 as MessageFlags,
    };
  }

  /** A message the bot creates from a request body; validated like Discord does. */
  private botMessage(channelId: string, body: MessageBody, files: RecordedFile[], extra: Partial<APIMessage> = {}): APIMessage {
    const issues = messageIssues(body);
    if (issues.length > 0) throw invalidFormBody(issues);
    const message: APIMessage = {
      ...this.baseMessage(channelId, this.botUser),
      content: body.content ?? '',
      tts: body.tts ?? false,
      embeds: (body.embeds ?? []).map((e) => ({ type: 'rich' as APIEmbed['type'], ...e })),
      components: body.components ?? [],
      attachments: this.newAttachments(channelId, body, files),
      flags: (body.flags ?? 0) & SETTABLE_FLAGS,
      ...extra,
    };
    if (isEmptyMessage(message) && !body.poll && !body.sticker_ids?.length) throw emptyMessage();
    return message;
  }

  // discord.js sends `attachments: [{ id: <index> }]` next to multipart parts named files[<index>].
  private newAttachments(channelId: string, body: MessageBody, files: RecordedFile[]): APIAttachment[] {
    return files.map((file) => {
      const index = /^files\[(\d+)\]$/.exec(file.field)?.[1];
      const described = body.attachments?.find((a) => String(a.id) === index);
      const id = this.ids.next();
      const filename = described?.filename ?? file.filename;
      const url = `${this.url}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
      return {
        id,
        filename,
        size: file.data.length,
        url,
        proxy_url: url,
        content_type: file.contentType,
        ...(described?.description ? { description: described.description } : {}),
      };
    });
  }

  /** Applies an edit in place (stored messages are the same objects as in the history). */
  private edit(message: APIMessage, body: MessageBody, files: RecordedFile[], completesDefer: boolean): void {
    const issues = messageIssues(body);
    if (issues.length > 0) throw invalidFormBody(issues);
    const next = { ...message };
    if ('content' in body) next.content = body.content ?? '';
    if ('embeds' in body) next.embeds = (body.embeds ?? []).map((e) => ({ type: 'rich' as APIEmbed['type'], ...e }));
    if ('components' in body) next.components = body.components ?? [];
    // `attachments` lists the existing attachments to keep; new files are appended.
    const kept = body.attachments ? next.attachments.filter((a) => body.attachments?.some((k) => String(k.id) === a.id)) : next.attachments;
    next.attachments = [...kept, ...this.newAttachments(message.channel_id, body, files)];
    const flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    next.flags = body.flags == null ? flags : (flags & ~EDITABLE_FLAGS) | (body.flags & EDITABLE_FLAGS);
    if (isEmptyMessage(next)) throw emptyMessage();
    // Completing a defer is the message's first real content, not an edit.
    if (!completesDefer) next.edited_timestamp = new Date().toISOString();
    Object.assign(message, next);
  }

  /** Stores a message in its channel and dispatches MESSAGE_CREATE (guild messages carry guild_id and member). */
  private async post(state: ChannelState, message: APIMessage, authorPermissions: PermissionsInput = 'member'): Promise<void> {
    state.messages.push(message);
    state.channel.last_message_id = message.id;
    const thread =
      state.channel.type === ChannelType.PublicThread || state.channel.type === ChannelType.PrivateThread ? state.channel : null;
    if (thread && message.type !== MessageType.ThreadStarterMessage) {
      thread.message_count = (thread.message_count ?? 0) + 1;
      thread.total_message_sent = (thread.total_message_sent ?? 0) + 1;
    }
    this.waiters.notify();
    const roles = message.author.id === this.botUserId ? [this.roleIds.bot] : this.rolesFor(resolvePermissions(authorPermissions));
    await this.dispatch(GatewayDispatchEvents.MessageCreate, this.gatewayMessage(state, message, roles));
  }

  private gatewayMessage(state: ChannelState, message: APIMessage, authorRoles?: string[]): Json {
    if (state.channel.type === ChannelType.DM) return clone(message) as unknown as Json;
    const roles = authorRoles ?? (message.author.id === this.botUserId ? [this.roleIds.bot] : []);
    return {
      ...clone(message),
      guild_id: this.guildId,
      member: this.memberFields(roles),
      // Guild mentions carry the mentioned user's member, minus the user.
      mentions: message.mentions.map((u) => ({ ...u, member: this.memberFields(u.id === this.botUserId ? [this.roleIds.bot] : []) })),
    };
  }

  private isStored(message: APIMessage): boolean {
    return this.channels.get(message.channel_id)?.messages.includes(message) ?? false;
  }

  private async updated(message: APIMessage): Promise<void> {
    this.waiters.notify();
    const state = this.channels.get(message.channel_id);
    if (state && this.isStored(message)) await this.dispatch(GatewayDispatchEvents.MessageUpdate, this.gatewayMessage(state, message));
  }

  private async deleted(message: APIMessage): Promise<void> {
    const state = this.channels.get(message.channel_id);
    if (!state || !this.isStored(message)) return;
    state.messages.splice(state.messages.indexOf(message), 1);
    this.waiters.notify();
    await this.dispatch(GatewayDispatchEvents.MessageDelete, { id: message.id, channel_id: message.channel_id, ...this.guildRef(state) });
  }

  // ---------------------------------------------------------------- threads

  private newThread(
    parent: ChannelState,
    id: string,
    body: Json,
    type: ChannelType.PublicThread | ChannelType.PrivateThread,
  ): APIThreadChannel {
    const issues = lengthIssue('name', body.name as string | undefined, 100, 1);
    const duration = (body.auto_archive_duration as number | undefined) ?? ThreadAutoArchiveDuration.ThreeDays;
    if (!AUTO_ARCHIVE_DURATIONS.includes(duration)) {
      issues.push(['auto_archive_duration', 'BASE_TYPE_CHOICES', `Value must be one of (${AUTO_ARCHIVE_DURATIONS.join(', ')}).`]);
    }
    if (issues.length > 0) throw invalidFormBody(issues);
    const now = new Date().toISOString();
    return {
      id,
      type,
      guild_id: this.guildId,
      parent_id: parent.channel.id,
      owner_id: this.botUserId,
      name: body.name as string,
      last_message_id: null,
      rate_limit_per_user: (body.rate_limit_per_user as number | undefined) ?? 0,
      flags: 0 as ChannelFlags,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      applied_tags: [],
      thread_metadata: {
        archived: false,
        auto_archive_duration: duration,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(type === ChannelType.PrivateThread ? { invitable: (body.invitable as boolean | undefined) ?? true } : {}),
      },
      // The creator joins the thread it creates.
      member: { id, user_id: this.botUserId, join_timestamp: now, flags: 0 as ThreadMemberFlags },
    };
  }

  private threadParent(channelId: string): ChannelState {
    if (this.refuseThreads) throw missingPermissions();
    const parent = this.channelState(channelId);
    if (parent.channel.type !== ChannelType.GuildText) {
      throw new ApiError(400, { message: 'Cannot execute action on this channel type', code: 50024 });
    }
    return parent;
  }

  private async addThread(thread: APIThreadChannel): Promise<void> {
    this.channels.set(thread.id, { channel: thread, messages: [] });
    this.createdThreads.push(thread);
    this.waiters.notify();
    await this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...clone(thread), newly_created: true });
  }

  // ---------------------------------------------------------------- REST

  private buildRoutes(): Route[] {
    const routes: Route[] = [];
    const add = (method: string, path: string, handler: RouteHandler, auth = true) =>
      routes.push({ method, segments: path.split('/').filter(Boolean), auth, handler });
    const json = (body: unknown, status = 200): Reply => ({ status, body });
    const noContent: Reply = { status: 204 };

    add('GET', '/gateway/bot', () =>
      json({
        url: this.announcedGatewayUrl ?? this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
    );
    add('GET', '/users/@me', () => json({ ...this.botUser, verified: true, mfa_enabled: false, email: null }));
    add('GET', '/applications/@me', () => json(this.application()));

    for (const guildScoped of [false, true]) {
      const path = guildScoped ? '/applications/:app/guilds/:guild/commands' : '/applications/:app/commands';
      const scopeOf = (params: Record<string, string>) => {
        if (params.app !== this.applicationId) throw unknownError('Application', 10002);
        if (guildScoped && params.guild !== this.guildId) throw unknownError('Guild', 10004);
        return guildScoped ? this.guildId : 'global';
      };
      const strip = ({ scope: _scope, ...command }: RegisteredCommand) => command;
      add('GET', path, ({ params }) => {
        const scope = scopeOf(params);
        return json(this.registered.filter((c) => c.scope === scope).map(strip));
      });
      add('PUT', path, ({ params, request }) => json(this.overwriteCommands(scopeOf(params), request.body).map(strip)));
    }

    add('POST', '/interactions/:id/:token/callback', (ctx) => this.interactionCallback(ctx), false);

    add('POST', '/webhooks/:app/:token', (ctx) => this.followUp(ctx), false);
    add('GET', '/webhooks/:app/:token/messages/:message', ({ params }) => json(clone(this.webhookMessage(params).message)), false);
    add(
      'PATCH',
      '/webhooks/:app/:token/messages/:message',
      async ({ params, body, request }) => {
        const { interaction, message } = this.webhookMessage(params);
        const completesDefer = interaction.loading && message === interaction.original;
        this.edit(message, body as MessageBody, request.files, completesDefer);
        if (completesDefer) interaction.loading = false;
        if (message === interaction.original) interaction.updatePending = false;
        await this.updated(message);
        return json(clone(message));
      },
      false,
    );
    add(
      'DELETE',
      '/webhooks/:app/:token/messages/:message',
      async ({ params }) => {
        const { interaction, message } = this.webhookMessage(params);
        if (message === interaction.original) {
          interaction.original = null;
          interaction.loading = false;
        }
        interaction.followUps = interaction.followUps.filter((m) => m !== message);
        await this.deleted(message);
        return noContent;
      },
      false,
    );

    add('GET', '/channels/:channel', ({ params }) => json(clone(this.channelState(params.channel as string).channel)));
    add('POST', '/channels/:channel/typing', ({ params }) => (this.channelState(params.channel as string), noContent));
    add('GET', '/channels/:channel/messages', ({ params, request }) =>
      json(this.history(this.channelState(params.channel as string), request.query)),
    );
    add('GET', '/channels/:channel/messages/:message', ({ params }) => {
      const state = this.channelState(params.channel as string);
      return json(this.restView(state, this.findMessage(state, params.message as string)));
    });
    add('POST', '/channels/:channel/messages', async ({ params, body, request }) => {
      const state = this.channelState(params.channel as string);
      const message = this.botMessage(state.channel.id, body as MessageBody, request.files, this.replyFields(state, body as MessageBody));
      await this.post(state, message);
      return json(clone(message));
    });
    add('PATCH', '/channels/:channel/messages/:message', async ({ params, body, request }) => {
      const message = this.findMessage(this.channelState(params.channel as string), params.message as string);
      if (message.author.id !== this.botUserId)
        throw new ApiError(403, { message: 'Cannot edit a message authored by another user', code: 50005 });
      this.edit(message, body as MessageBody, request.files, false);
      await this.updated(message);
      return json(clone(message));
    });
    add('DELETE', '/channels/:channel/messages/:message', async ({ params }) => {
      await this.deleted(this.findMessage(this.channelState(params.channel as string), params.message as string));
      return noContent;
    });
    add('POST', '/channels/:channel/messages/:message/threads', async ({ params, body }) => {
      const parent = this.threadParent(params.channel as string);
      const source = this.findMessage(parent, params.message as string);
      if ((source.flags ?? 0) & MessageFlags.HasThread) {
        throw new ApiError(400, { message: 'A thread has already been created for this message', code: 160004 });
      }
      // A thread started from a message takes the message's id.
      const thread = this.newThread(parent, source.id, body, ChannelType.PublicThread);
      await this.addThread(thread);
      const threadState = this.channelState(thread.id);
      await this.post(threadState, {
        ...this.baseMessage(thread.id, source.author),
        type: MessageType.ThreadStarterMessage,
        message_reference: { type: 0, channel_id: parent.channel.id, guild_id: this.guildId, message_id: source.id },
        referenced_message: clone(source),
      });
      source.flags = (source.flags ?? 0) | MessageFlags.HasThread;
      source.thread = clone(thread);
      await this.updated(source);
      return json(clone(thread), 201);
    });
    add('POST', '/channels/:channel/threads', async ({ params, body }) => {
      const parent = this.threadParent(params.channel as string);
      // API v10 made `type` required here (v9 defaulted to a private thread).
      if (body.type !== ChannelType.PublicThread && body.type !== ChannelType.PrivateThread) {
        throw invalidFormBody([['type', 'BASE_TYPE_CHOICES', 'Value must be one of (11, 12).']]);
      }
      const type = body.type;
      const thread = this.newThread(parent, this.ids.next(), body, type);
      await this.addThread(thread);
      await this.post(parent, {
        ...this.baseMessage(parent.channel.id, this.botUser),
        type: MessageType.ThreadCreated,
        content: thread.name,
        message_reference: { type: 0, channel_id: thread.id, guild_id: this.guildId },
      });
      return json(clone(thread), 201);
    });
    return routes;
  }

  private application(): APIApplication {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: '',
      summary: '',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: randomBytes(32).toString('hex'),
      team: null,
      flags: this.applicationFlags(),
      flags_new: String(this.applicationFlags()),
      bot: this.botUser,
      owner: { id: this.ownerId, username: 'owner', discriminator: '0', global_name: null, avatar: null, flags: 0 as UserFlags },
    };
  }

  private overwriteCommands(scope: string, body: unknown): RegisteredCommand[] {
    if (!Array.isArray(body)) throw invalidFormBody([['_', 'BASE_TYPE_ARRAY', 'Must be an array.']]);
    const issues = commandIssues(body as { name?: string }[], '');
    if (issues.length > 0) throw invalidFormBody(issues);
    const previous = this.registered.filter((c) => c.scope === scope);
    const next = (body as Json[]).map((raw): RegisteredCommand => {
      const type = (raw.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
      // Discord keeps a command's id when a bulk overwrite keeps its name and type.
      const kept = previous.find((c) => c.name === raw.name && c.type === type);
      return {
        id: kept?.id ?? this.ids.next(),
        application_id: this.applicationId,
        version: this.ids.next(),
        type,
        name: raw.name as string,
        name_localizations: (raw.name_localizations as Record<string, string> | undefined) ?? null,
        description: (raw.description as string | undefined) ?? '',
        description_localizations: (raw.description_localizations as Record<string, string> | undefined) ?? null,
        options: (raw.options as APIApplicationCommandOption[] | undefined) ?? [],
        default_member_permissions: (raw.default_member_permissions as string | null | undefined) ?? null,
        nsfw: (raw.nsfw as boolean | undefined) ?? false,
        integration_types: (raw.integration_types as APIApplicationCommand['integration_types']) ?? [0],
        contexts: (raw.contexts as APIApplicationCommand['contexts']) ?? null,
        ...(scope === 'global' ? {} : { guild_id: scope }),
        scope,
      };
    });
    this.registered.splice(0, this.registered.length, ...this.registered.filter((c) => c.scope !== scope), ...next);
    this.waiters.notify();
    return next;
  }

  private replyFields(state: ChannelState, body: MessageBody): Partial<APIMessage> {
    const reference = body.message_reference;
    if (!reference?.message_id) return {};
    const target = state.messages.find((m) => m.id === reference.message_id);
    if (!target) {
      if (reference.fail_if_not_exists === false) return {};
      throw invalidFormBody([['message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message']]);
    }
    return {
      type: MessageType.Reply,
      message_reference: { type: 0, message_id: target.id, channel_id: state.channel.id, ...this.guildRef(state) },
      referenced_message: clone(target),
    };
  }

  private history(state: ChannelState, query: Record<string, string>): APIMessage[] {
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalidFormBody([['limit', 'NUMBER_TYPE_MAX', 'int value should be between 1 and 100.']]);
    }
    if (query.around !== undefined) {
      this.problemList.push('GET channel messages with `around` is not emulated');
      throw new ApiError(400, { message: '`around` is not emulated by the Discord stand-in', code: 0 });
    }
    let list = state.messages;
    if (query.before !== undefined) {
      const before = BigInt(query.before);
      list = list.filter((m) => BigInt(m.id) < before).slice(-limit);
    } else if (query.after !== undefined) {
      const after = BigInt(query.after);
      list = list.filter((m) => BigInt(m.id) > after).slice(0, limit);
    } else {
      list = list.slice(-limit);
    }
    return list.map((m) => this.restView(state, m)).reverse();
  }

  private interactionState(appId: string | undefined, token: string | undefined): InteractionState {
    const state = token === undefined ? undefined : this.interactions.get(token);
    if (!state || appId !== this.applicationId) throw unknownError('Webhook', 10015);
    return state;
  }

  private webhookMessage(params: Record<string, string>): { interaction: InteractionState; message: APIMessage } {
    const interaction = this.interactionState(params.app, params.token);
    const message =
      params.message === '@original'
        ? interaction.original
        : ([interaction.original, ...interaction.followUps].find((m) => m?.id === params.message) ?? null);
    if (!message) throw unknownError('Message', 10008);
    return { interaction, message };
  }

  private async interactionCallback({ params, body, request }: RouteContext): Promise<Reply> {
    const state = params.token === undefined ? undefined : this.interactions.get(params.token);
    if (!state || state.payload.id !== params.id) throw new ApiError(404, { message: 'Unknown interaction', code: 10062 });
    if (state.callbacks.length > 0) throw new ApiError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    const type = body.type as InteractionResponseType;
    if (!ALLOWED_CALLBACKS[state.kind].includes(type)) {
      throw invalidFormBody([
        ['type', 'INTERACTION_RESPONSE_TYPE_INVALID', `Callback type ${String(type)} is not valid for this interaction`],
      ]);
    }
    const data = (body.data ?? {}) as CallbackData & MessageBody;
    const channel = this.channelState(state.channelId);
    const fromCommand = state.kind === 'command';
    const metadata = () => ({
      id: state.payload.id,
      type: state.payload.type,
      user: this.invoker(state),
      authorizing_integration_owners: state.payload.authorizing_integration_owners,
      ...(fromCommand ? { name: (state.payload.data as { name?: string }).name, command_type: ApplicationCommandType.ChatInput } : {}),
      ...(state.componentMessage ? { interacted_message_id: state.componentMessage.id } : {}),
    });
    let created: APIMessage | null = null;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const deferred = type === InteractionResponseType.DeferredChannelMessageWithSource;
        const extra: Partial<APIMessage> = {
          type: fromCommand ? MessageType.ChatInputCommand : MessageType.Default,
          webhook_id: this.applicationId,
          application_id: this.applicationId,
          interaction_metadata: metadata() as APIMessage['interaction_metadata'],
        };
        const message = deferred
          ? {
              ...this.baseMessage(channel.channel.id, this.botUser),
              ...extra,
              flags: ((data.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading,
            }
          : this.botMessage(channel.channel.id, data, request.files, extra);
        state.original = message;
        state.loading = deferred;
        created = message;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        state.original = state.componentMessage;
        state.updatePending = true;
        break;
      case InteractionResponseType.UpdateMessage: {
        const target = state.componentMessage as APIMessage;
        this.edit(target, data, request.files, false);
        state.original = target;
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const choices = data.choices ?? [];
        const issues: Issue[] = choices.length > 25 ? [['data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']] : [];
        choices.forEach((choice, i) => {
          issues.push(...lengthIssue(`data.choices.${i}.name`, choice.name, 100, 1));
          if (typeof choice.value === 'string') issues.push(...lengthIssue(`data.choices.${i}.value`, choice.value, 100));
        });
        if (issues.length > 0) throw invalidFormBody(issues);
        break;
      }
      default:
        break;
    }
    state.callbacks.push({ type, ...(body.data === undefined ? {} : { data: clone(body.data as CallbackData) }), files: request.files });
    if (created && ((created.flags ?? 0) & MessageFlags.Ephemeral) === 0) await this.post(channel, created);
    if (type === InteractionResponseType.UpdateMessage) await this.updated(state.original as APIMessage);
    this.waiters.notify();
    if (request.query.with_response !== 'true') return { status: 204 };
    const message = state.original;
    return {
      status: 200,
      body: {
        interaction: {
          id: state.payload.id,
          type: state.payload.type,
          activity_instance_id: null,
          ...(message && type !== InteractionResponseType.DeferredMessageUpdate
            ? {
                response_message_id: message.id,
                response_message_loading: state.loading,
                response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
              }
            : {}),
        },
        resource: {
          type,
          ...(message && (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage)
            ? { message: clone(message) }
            : {}),
        },
      },
    };
  }

  private invoker(state: InteractionState): APIUser {
    const payload = state.payload as { user?: APIUser; member?: { user: APIUser } };
    return (payload.user ?? payload.member?.user) as APIUser;
  }

  private async followUp({ params, body, request }: RouteContext): Promise<Reply> {
    const interaction = this.interactionState(params.app, params.token);
    if (interaction.callbacks.length === 0) throw unknownError('Webhook', 10015);
    const channel = this.channelState(interaction.channelId);
    const data = body as MessageBody;
    let message: APIMessage;
    if (interaction.loading && interaction.original) {
      // Discord's backwards compatibility: a follow-up to a pending defer edits the loading message,
      // keeping the defer's ephemerality.
      message = interaction.original;
      this.edit(message, { ...data, flags: null }, request.files, true);
      interaction.loading = false;
      await this.updated(message);
    } else {
      message = this.botMessage(channel.channel.id, data, request.files, {
        webhook_id: this.applicationId,
        application_id: this.applicationId,
        interaction_metadata: {
          id: interaction.payload.id,
          type: interaction.payload.type,
          user: this.invoker(interaction),
          authorizing_integration_owners: interaction.payload.authorizing_integration_owners,
          ...(interaction.original ? { original_response_message_id: interaction.original.id } : {}),
        } as APIMessage['interaction_metadata'],
      });
      interaction.followUps.push(message);
      if (((message.flags ?? 0) & MessageFlags.Ephemeral) === 0) await this.post(channel, message);
      this.waiters.notify();
    }
    return request.query.wait === 'false' ? { status: 204 } : { status: 200, body: clone(message) };
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const prefix = '/api/v10';
    // Recorded decoded: discord.js encodes `@original` as `%40original`.
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      body: null,
      files: [],
      status: 0,
      response: undefined,
    };
    let reply: Reply;
    let matched = false;
    try {
      Object.assign(request, await parseBody(req.headers['content-type'], await readBody(req)));
      const reset = this.resets.find((r) => r.left > 0 && r.predicate(request));
      if (reset) {
        reset.left--;
        this.recorded.push(request);
        this.waiters.notify();
        req.socket.resetAndDestroy();
        return;
      }
      const route = pathname.startsWith(`${prefix}/`) ? this.match(request.method, path) : undefined;
      const upload = request.method === 'GET' ? this.uploadAt(pathname) : undefined;
      matched = route !== undefined || upload !== undefined;
      if (upload) {
        reply = { status: 200, file: { contentType: upload.attachment.content_type ?? 'application/octet-stream', data: upload.data } };
      } else if (!route) {
        reply = { status: 404, body: { message: 'Unknown route', code: 0 } };
      } else if (route.route.auth && (this.tokenRevoked || req.headers.authorization !== `Bot ${this.token}`)) {
        reply = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      } else {
        const body = (request.body ?? {}) as Json;
        reply = await route.route.handler({ params: route.params, request, body });
      }
    } catch (error) {
      if (error instanceof ApiError) {
        reply = { status: error.status, body: error.body };
      } else {
        this.problemList.push(`internal error on ${request.method} ${path}: ${error instanceof Error ? error.stack : String(error)}`);
        reply = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
      }
    }
    request.status = reply.status;
    request.response = reply.body;
    this.recorded.push(request);
    if (!matched) this.recordedUnhandled.push(request);
    this.waiters.notify();
    if (reply.file) {
      const { contentType, data } = reply.file;
      res.writeHead(reply.status, { 'content-type': contentType, 'content-length': data.length }).end(data);
    } else if (reply.body === undefined) {
      res.writeHead(reply.status).end();
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    }
  }

  /** The upload whose url has this path (`/attachments/<channel>/<id>/<filename>`, decoded), if any. */
  private uploadAt(pathname: string): { attachment: APIAttachment; data: Buffer } | undefined {
    // The file name is not checked (it may hold anything a test wants to send, e.g. `../` parts).
    const id = /^\/attachments\/\d+\/(\d+)\/.+$/.exec(pathname)?.[1];
    return id === undefined ? undefined : this.uploads.get(id);
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    const segments = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = route.segments.every((segment, i) => {
        const actual = segments[i] as string;
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = actual;
          return true;
        }
        return segment === actual;
      });
      if (fits) return { route, params };
    }
    return undefined;
  }
}

/** Starts a stand-in on a random port of 127.0.0.1. */
export function startDiscordStandin(options?: StandinOptions): Promise<DiscordStandin> {
  return new DiscordStandin(options).listen();
}
