import { execFile } from 'node:child_process';
import { access, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import {
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  type APIMessage,
  type APIThreadChannel,
} from 'discord.js';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Cooldown } from '../../src/discord/cooldown.js';
import { startDiscordBot, type DiscordBot } from '../../src/discord/index.js';
import type { Library } from '../../src/library/library-types.js';
import { createLibrary } from '../../src/library/library.js';
import { createLogger, type Logger } from '../../src/log.js';
import { FakeLibrary, FIXTURE_ARTICLES } from '../discord/fake-library.js';
import { startDiscordStandin, type DiscordStandin, type InteractionHandle, type RecordedRequest } from './discord-standin.js';

/*
 * The real discord.js Client of the bot logs into the local stand-in (DISCORD_API_URL); every
 * assertion is about what Discord would have received: callbacks, messages, REST bodies.
 */

const CORPUS = path.resolve('corpus');
const execFileAsync = promisify(execFile);
const NO_PINGS = { parse: [], replied_user: false };

let standin: DiscordStandin;
let dataDir: string;
let bots: DiscordBot[] = [];
let corpusLibrary: Library;

beforeAll(async () => {
  corpusLibrary = await createLibrary(CORPUS);
  // Scenarios below show names and dates; the cold-start scenario has its own library.
  await corpusLibrary.factsReady();
});

beforeEach(async () => {
  standin = await startDiscordStandin();
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-e2e-'));
});

afterEach(async () => {
  // Checked after every scenario: each message the bot sent pinged no one.
  const sent = messageRequests(standin.requests);
  for (const request of sent) expect.soft(allowedMentionsOf(request), `${request.method} ${request.path}`).toEqual(NO_PINGS);
  expect(standin.problems).toEqual([]);
  for (const bot of bots) await bot.stop();
  bots = [];
  await standin.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts the bot (a new discord.js Client) against the stand-in. */
async function startBot(
  library: Library = corpusLibrary,
  cooldown?: Cooldown,
  env: NodeJS.ProcessEnv = {},
  logger: Logger = createLogger('silent'),
): Promise<DiscordBot> {
  const config = loadConfig({
    ...env,
    DISCORD_TOKEN: standin.token,
    DISCORD_API_URL: standin.apiUrl,
    DISCORD_GUILD_ID: standin.guildId,
    STORYBOT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });
  const bot = await startDiscordBot({ config, library, logger, ...(cooldown ? { cooldown } : {}) });
  bots.push(bot);
  return bot;
}

async function stopBot(bot: DiscordBot): Promise<void> {
  await bot.stop();
  bots = bots.filter((b) => b !== bot);
}

/** Requests that create or edit a message (interaction callbacks with message data included). */
function messageRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => {
    const data = r.path.endsWith('/callback') ? r.body?.data : r.body;
    const isMessage =
      /\/messages(\/\d+|\/(@|%40)original)?$|\/webhooks\/\d+\/[^/]+$|\/callback$/.test(r.path) &&
      (r.method === 'POST' || r.method === 'PATCH');
    return isMessage && data && ('content' in data || 'embeds' in data);
  });
}

/** The intents the bot's client identified with. */
function identifyIntents(): number {
  const identify = standin.gatewayReceived.find((p) => p.op === GatewayOpcodes.Identify);
  return (identify?.d as { intents: number }).intents;
}

function allowedMentionsOf(request: RecordedRequest): unknown {
  return (request.path.endsWith('/callback') ? request.body?.data : request.body)?.allowed_mentions;
}

/** The text of a message as a reader sees it, markdown removed: content and embed descriptions. */
function plain(message: Pick<APIMessage, 'content' | 'embeds'>): string {
  const text = [message.content, ...message.embeds.map((e) => e.description ?? '')].join('\n');
  return text.replace(/(?<!\\)\*+/g, '').replace(/\\(.)/g, '$1');
}

function buttons(message: Pick<APIMessage, 'components'>): { label: string; customId: string }[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) => ('custom_id' in c && 'label' in c ? [{ label: c.label ?? '', customId: c.custom_id }] : []))
      : [],
  );
}

function buttonId(message: Pick<APIMessage, 'components'>, label: string): string {
  const found = buttons(message).find((b) => b.label === label);
  if (!found) throw new Error(`no "${label}" button; buttons: ${JSON.stringify(buttons(message))}`);
  return found.customId;
}

async function ask(options: Record<string, string | number | boolean>, extra: { channelId?: string } = {}) {
  return standin.slashCommand({ name: 'ask', options, ...extra });
}

/** Waits for the bot's next message posted in a channel (not through an interaction). */
async function botMessageIn(channelId: string, after = 0): Promise<RecordedRequest> {
  return standin.waitFor(
    (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && standin.requests.indexOf(r) >= after,
  );
}

/** Starts the bot on the real library over a temporary copy of corpus/ (so the repo's corpus is never changed). */
async function startBotOnCorpusCopy(): Promise<{ corpus: string; library: Library }> {
  const corpus = path.join(dataDir, 'corpus');
  await cp(CORPUS, corpus, { recursive: true });
  const library = await createLibrary(corpus);
  await startBot(library);
  return { corpus, library };
}

/** What the user was told ephemerally when a command was refused: its reply, or the follow-up after a defer. */
async function refusal(handle: InteractionHandle): Promise<string> {
  const response = await handle.response();
  if (response.type === InteractionResponseType.ChannelMessageWithSource) {
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    return response.data?.content ?? '';
  }
  const [notice] = await handle.waitForFollowUps(1);
  expect((notice?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  return notice?.content ?? '';
}

/** Sends /add-article with a file uploaded to the stand-in. */
async function addArticle(
  filename: string,
  data: string | Uint8Array,
  options: Record<string, string> = {},
  invoker: { memberPermissions?: 'admin' | 'member'; dm?: boolean } = { memberPermissions: 'admin' },
): Promise<InteractionHandle> {
  const file = standin.attachment(filename, data);
  return standin.slashCommand({ name: 'add-article', options: { file: file.id, ...options }, ...invoker });
}

/** Whether the bot downloaded any uploaded file. */
function downloaded(): boolean {
  return standin.requests.some((r) => r.method === 'GET' && r.path.startsWith('/attachments/'));
}

/** Opens a thread with a public /ask and returns it with the answer it was opened on. */
async function askInNewThread(question: string): Promise<{ thread: APIThreadChannel; answer: APIMessage }> {
  const handle = await ask({ question });
  const answer = await handle.original();
  await standin.waitFor((r) => r.method === 'POST' && r.path.endsWith(`/messages/${answer.id}/threads`));
  const thread = standin.threads.find((t) => t.id === answer.id);
  if (!thread) throw new Error('no thread was opened on the answer');
  return { thread, answer };
}

describe('start-up', () => {
  it('registers the slash commands on the guild with one bulk overwrite, and not again on a restart with the same definitions', async () => {
    const first = await startBot();
    const puts = (): RecordedRequest[] => standin.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
    expect(puts()).toHaveLength(1);
    expect(puts()[0]?.path).toBe(`/applications/${standin.applicationId}/guilds/${standin.guildId}/commands`);
    expect(standin.commands.map((c) => [c.name, c.scope])).toEqual([
      ['ask', standin.guildId],
      ['timeline', standin.guildId],
      ['sources', standin.guildId],
      ['reindex', standin.guildId],
      ['add-article', standin.guildId],
      ['remove-article', standin.guildId],
    ]);
    await stopBot(first);
    await startBot();
    await standin.identified();
    expect(puts()).toHaveLength(1);
  });

  it('never writes the token to its logs, even at trace level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    await startBot(corpusLibrary, undefined, {}, pino({ level: 'trace' }, sink));
    await (await ask({ question: 'who warned Iran?' })).original();
    expect(lines.join('')).toContain('registered slash commands');
    expect(lines.join('')).not.toContain(standin.token);
  });

  it('registers the commands again with npm run deploy-commands, even when unchanged', async () => {
    await startBot();
    const env = {
      ...process.env,
      DISCORD_TOKEN: standin.token,
      DISCORD_API_URL: standin.apiUrl,
      DISCORD_GUILD_ID: standin.guildId,
      STORYBOT_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    };
    await execFileAsync(process.execPath, ['--import', 'tsx', 'src/deploy-commands.ts'], { env });
    expect(
      standin.requests.filter(
        (r) => r.method === 'PUT' && r.path === `/applications/${standin.applicationId}/guilds/${standin.guildId}/commands`,
      ),
    ).toHaveLength(2);
  });

  it('asks only for the Guilds and GuildMessages intents by default', async () => {
    await startBot();
    expect(identifyIntents()).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
  });
});

describe('/ask', () => {
  beforeEach(async () => {
    await startBot();
  });

  it('quotes both articles\' warnings with their sources for "who warned whom and when?", publicly, and opens a thread', async () => {
    const handle = await ask({ question: 'who warned whom and when?' });
    expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((await handle.response()).data?.flags ?? 0).toBe(0);
    const answer = await handle.original();
    const text = plain(answer);
    expect(answer.content.split('\n')[0]).toBe('**Q:** who warned whom and when\\?');
    expect(text).toContain('U.S. officials had warned Iran through back channels');
    expect(text).toContain('Iran message to biden administration, Daily Caller News Foundation');
    expect(text).toContain('strong warning in September');
    expect(text).toContain('Iran de escalatory message, publisher unknown');
    expect(answer.embeds.some((e) => e.description?.includes('**warned**'))).toBe(true);
    expect(buttons(answer).map((b) => b.label)).toContain('Show #1 in context');

    await standin.waitFor((r) => r.path.endsWith(`/messages/${answer.id}/threads`));
    expect(standin.threads).toMatchObject([
      { id: answer.id, name: 'Q: who warned whom and when?', thread_metadata: { auto_archive_duration: 60 } },
    ]);
  });

  it('shows who and when of the quotes, and that two sources report the same warning, under the answer', async () => {
    const answer = await (await ask({ question: 'who warned whom and when?' })).original();
    const glance = answer.embeds.at(-1);
    expect(glance?.description).toBeUndefined();
    const field = (name: string): string => glance?.fields?.find((f) => f.name === name)?.value ?? '';
    expect(field('Who · When')).toMatch(/^\*\*Who:\*\* .*Donald Trump.*\n\*\*When:\*\* .*Months before the election · in September/);
    expect(field('Same event')).toBe('Reported by 2 sources: #1 (Months before the election) · #2 (in September)');
    // One embed per quote, then the glance.
    expect(answer.embeds).toHaveLength(4);
  });

  it('answers privately (ephemeral flag 64) and opens no thread when private is true', async () => {
    const handle = await ask({ question: 'who warned whom and when?', private: true });
    expect((await handle.response()).data?.flags).toBe(MessageFlags.Ephemeral);
    const answer = await handle.original();
    expect((answer.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(plain(answer)).toContain('warned Iran');
    expect(standin.threads).toEqual([]);
    expect(standin.messagesIn().map((m) => m.id)).not.toContain(answer.id);
  });

  it('says nothing answers when the articles do not', async () => {
    const answer = await (await ask({ question: 'what is the recipe for banana bread?' })).original();
    expect(answer.content).toContain('Nothing in the articles answers that.');
    expect(answer.embeds).toEqual([]);
  });

  it('refuses an overlong question ephemerally, saying the limit', async () => {
    // Discord enforces max_length itself; the bot checks again for clients that do not.
    const handle = await ask({ question: 'why '.repeat(130) });
    const response = await handle.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data?.content).toBe('The question is too long (519 characters; at most 500). Ask it more briefly.');
  });

  it('pages with More and Back, reading a long question back from the message', async () => {
    // Over 100 characters: too long for the custom_id, so the buttons read it from the message.
    const question = 'who warned whom and when? '.repeat(4).trim();
    const answer = await (await ask({ question, results: 1 })).original();
    // One quote, then the who / when of that quote only.
    expect(answer.embeds).toHaveLength(2);
    expect(answer.embeds[1]?.fields?.map((f) => f.name)).toEqual(['Who · When']);
    expect(buttonId(answer, 'More').length).toBeLessThanOrEqual(100);

    const more = await standin.button({ customId: buttonId(answer, 'More'), message: answer.id });
    // Acknowledged first, then the message is edited in place.
    expect((await more.response()).type).toBe(InteractionResponseType.DeferredMessageUpdate);
    const pageTwoMessage = await more.original();
    expect(pageTwoMessage.id).toBe(answer.id);
    expect(pageTwoMessage.content.split('\n')).toEqual([answer.content.split('\n')[0], '-# passages 2–2']);
    expect(pageTwoMessage.embeds[0]?.description).not.toBe(answer.embeds[0]?.description);

    const back = await standin.button({ customId: buttonId(pageTwoMessage, 'Back'), message: pageTwoMessage.id });
    expect((await back.original()).embeds[0]?.description).toBe(answer.embeds[0]?.description);
  });

  it('shows a passage in its paragraph, ephemerally and in bold, with Show in context', async () => {
    const answer = await (await ask({ question: 'who warned whom and when?' })).original();
    const handle = await standin.button({ customId: buttonId(answer, 'Show #1 in context'), message: answer.id });
    const response = await handle.response();
    expect(response.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    const description = (await handle.original()).embeds[0]?.description ?? '';
    expect(description).toContain('**Months before the election, U.S. officials had warned Iran');
    // The rest of the paragraph, outside the passage, is shown too, not in bold.
    expect(description).toContain('> For years, U.S. intelligence agencies');
  });

  it('restricts answers to the chosen source', async () => {
    const answer = await (
      await ask({ question: 'who warned whom and when?', source: 'iran-de-escalatory-message', results: 5 })
    ).original();
    expect(answer.content).toContain('only from *Iran de escalatory message*');
    expect(answer.embeds.length).toBeGreaterThan(0);
    // Every quote's embed (the last embed is the who / when glance).
    for (const e of answer.embeds.slice(0, -1)) expect(e.description).toContain('Iran de escalatory message*, publisher unknown');
  });

  it('offers matching sources as autocomplete choices', async () => {
    const handle = await standin.autocomplete({ name: 'ask', options: { question: 'who', source: 'DAILY' }, focused: 'source' });
    const response = await handle.response();
    expect(response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(response.data?.choices).toEqual([
      { name: 'Iran message to biden administration — Daily Caller News Foundation', value: 'iran-message-to-biden-administration' },
    ]);
  });
});

describe('threads', () => {
  it("answers a mention in the thread with the thread's earlier question as context", async () => {
    await startBot();
    const { thread } = await askInNewThread('who warned Iran?');
    const before = standin.requests.length;
    await standin.userMessage({ channelId: thread.id, content: 'when was that?', mentionsBot: true });
    const reply = (await botMessageIn(thread.id, before)).body;
    expect(reply.content.split('\n')[0]).toBe('**Q:** when was that\\?');
    // Without context "when was that?" finds nothing; with it, the warning.
    expect(plain(reply)).toContain('U.S. officials had warned Iran');
    expect(reply.message_reference?.message_id).toBeDefined();
  });

  it('ignores thread messages that do not mention the bot', async () => {
    await startBot();
    const { thread } = await askInNewThread('who warned Iran?');
    await standin.userMessage({ channelId: thread.id, content: 'interesting', mentionsBot: false });
    // A later mention is answered, and it is the only message the bot posted in the thread.
    await standin.userMessage({ channelId: thread.id, content: 'when was that?', mentionsBot: true });
    await botMessageIn(thread.id);
    expect(standin.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${thread.id}/messages`)).toHaveLength(1);
  });

  it('answers every thread message, with the Message Content intent, when followAllThreadMessages is on', async () => {
    await startBot(corpusLibrary, undefined, { STORYBOT_FOLLOW_ALL_THREAD_MESSAGES: 'true' });
    expect(identifyIntents() & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
    const { thread } = await askInNewThread('who warned Iran?');
    const before = standin.requests.length;
    await standin.userMessage({ channelId: thread.id, content: 'when was that?', mentionsBot: false });
    expect(plain((await botMessageIn(thread.id, before)).body)).toContain('U.S. officials had warned Iran');
  });

  it("answers /ask used inside the thread with the thread's context and opens no new thread", async () => {
    await startBot();
    const { thread } = await askInNewThread('who warned Iran?');
    const answer = await (await ask({ question: 'when was that?' }, { channelId: thread.id })).original();
    expect(plain(answer)).toContain('U.S. officials had warned Iran');
    expect(answer.content).not.toContain('No thread');
    expect(standin.threads).toHaveLength(1);
  });

  it('rebuilds the context from the thread history after a restart of the bot', async () => {
    const first = await startBot();
    const { thread } = await askInNewThread('who warned Iran?');
    await stopBot(first);

    await startBot();
    const before = standin.requests.length;
    await standin.userMessage({ channelId: thread.id, content: 'when was that?', mentionsBot: true });
    const reply = (await botMessageIn(thread.id, before)).body;
    expect(plain(reply)).toContain('U.S. officials had warned Iran');
    expect(standin.requests.slice(before).some((r) => r.method === 'GET' && r.path === `/channels/${thread.id}/messages`)).toBe(true);
  });

  it('still answers, saying why, when Discord refuses to create the thread', async () => {
    standin.refuseThreads = true;
    await startBot();
    const handle = await ask({ question: 'who warned whom and when?' });
    await standin.waitFor((r) => r.path.endsWith('/threads') && r.status === 403);
    const edit = await standin.waitFor((r) => r.method === 'PATCH' && r.body?.content?.includes('No thread'));
    expect(edit.body.content).toContain('No thread: I lack the Create Public Threads permission');
    const answer = await handle.original();
    expect(plain(answer)).toContain('warned Iran');
    expect(standin.threads).toEqual([]);
  });

  it('says there is no thread in DMs, with the answer', async () => {
    await startBot();
    const answer = await (
      await standin.slashCommand({ name: 'ask', options: { question: 'who warned whom and when?' }, dm: true })
    ).original();
    expect(answer.content).toContain('No thread: Discord has no threads in DMs');
    expect(plain(answer)).toContain('warned Iran');
  });
});

describe('/sources', () => {
  it('lists the articles with publisher, date and passage count', async () => {
    await startBot();
    const message = await (await standin.slashCommand({ name: 'sources' })).original();
    const description = message.embeds[0]?.description ?? '';
    expect(message.embeds[0]?.title).toBe('2 articles');
    expect(description).toMatch(
      /\*\*Iran message to biden administration\*\* · Daily Caller News Foundation · date unknown · \d+ passages/,
    );
    expect(description).toMatch(/\*\*Iran de escalatory message\*\* · publisher unknown · date unknown · \d+ passages/);
    expect(description).toMatch(
      new RegExp(
        `\\n\\nIndex version ${corpusLibrary.version} · last changed <t:${Math.floor(corpusLibrary.updatedAt.getTime() / 1000)}:R>$`,
      ),
    );
  });

  it('shows a new index version after an article is added', async () => {
    const { library } = await startBotOnCorpusCopy();
    const before = library.version;
    await (await addArticle('zebra.md', 'Zebras crossed the road near the embassy on Tuesday, witnesses said.\n')).original();
    const message = await (await standin.slashCommand({ name: 'sources' })).original();
    expect(message.embeds[0]?.title).toBe('3 articles');
    expect(message.embeds[0]?.description).toContain(`Index version ${before + 1} · last changed <t:`);
  });
});

describe('/reindex', () => {
  it('rebuilds for an admin and reports the counts before and after and the file that failed, with its reason', async () => {
    const corpus = path.join(dataDir, 'corpus');
    await cp(CORPUS, corpus, { recursive: true });
    await startBot(await createLibrary(corpus));
    await writeFile(path.join(corpus, 'zebra.md'), 'Zebras crossed the road near the embassy on Tuesday, witnesses said.\n');
    await writeFile(path.join(corpus, 'broken.md'), '---\ntitle: [unclosed\n---\nText.\n');

    const handle = await standin.slashCommand({ name: 'reindex', memberPermissions: 'admin' });
    expect(await handle.response()).toMatchObject({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const report = (await handle.original()).content;
    expect(report).toMatch(/^Reindexed: 2 articles, \d+ passages → 3 articles, \d+ passages\.$/m);
    expect(report).toContain('1 added');
    expect(report).toMatch(/- `broken\.md`: bad front matter/);
  });

  it('refuses a member without Manage Server, ephemerally, even though Discord showed the command', async () => {
    await startBot();
    const response = await (await standin.slashCommand({ name: 'reindex', memberPermissions: 'member' })).response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data?.content).toBe('Only members with the Manage Server permission can run /reindex. Ask a server admin to run it.');
  });

  it('refuses in DMs', async () => {
    await startBot();
    const response = await (await standin.slashCommand({ name: 'reindex', dm: true })).response();
    expect(response.data?.content).toMatch(/only in a server/);
  });
});

describe('/add-article', () => {
  const ZEBRA = 'Zebras crossed the road near the embassy on Tuesday, witnesses said.\n\nThe zebras were later seen near the river.\n';

  it("adds an admin's file privately, saying how many passages, the file and the first passage; /ask then quotes it", async () => {
    const { corpus } = await startBotOnCorpusCopy();
    const handle = await addArticle('../../etc/zebra.md', ZEBRA, {
      title: 'Zebra crossing',
      source: 'Test Gazette',
      published: '2024-11-20',
    });
    expect(await handle.response()).toMatchObject({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const reply = (await handle.original()).content;
    const saved = /saved as `([^`]+)`/.exec(reply)?.[1] ?? '';
    expect(reply.split('\n')).toEqual([
      `Added *Zebra crossing* (Test Gazette · 2024-11-20): 2 passages, saved as \`${saved}\`. /ask can quote it now.`,
      'First passage (paragraph 1):',
      '> Zebras crossed the road near the embassy on Tuesday, witnesses said.',
    ]);
    // The library named the file; nothing of the upload's path was used.
    expect(saved).toMatch(/^zebra-crossing-[0-9a-f]{8}\.md$/);
    expect(await readFile(path.join(corpus, saved), 'utf8')).toContain('title: Zebra crossing');

    const answer = await (await ask({ question: 'where did the zebras cross?' })).original();
    expect(plain(answer)).toContain('Zebras crossed the road near the embassy on Tuesday');
    expect(plain(answer)).toContain('Zebra crossing, Test Gazette · 2024-11-20');
  });

  it('refuses a member without Manage Server, and in DMs, without downloading the file', async () => {
    await startBotOnCorpusCopy();
    expect(await refusal(await addArticle('zebra.md', ZEBRA, {}, { memberPermissions: 'member' }))).toBe(
      'Only members with the Manage Server permission can run /add-article. Ask a server admin to run it.',
    );
    expect(await refusal(await addArticle('zebra.md', ZEBRA, {}, { dm: true }))).toMatch(/^\/add-article works only in a server/);
    expect(downloaded()).toBe(false);
  });

  it('refuses a file of the wrong type or over 1 MB before downloading it', async () => {
    await startBotOnCorpusCopy();
    expect(await refusal(await addArticle('story.pdf', '%PDF-1.4'))).toBe(
      'Only .md and .txt files can be added (this one is .pdf). Save the article as text and send it again.',
    );
    expect(await refusal(await addArticle('big.txt', 'a'.repeat(2_000_000)))).toBe(
      'The file is too big (2.0 MB; at most 1.0 MB). Send the article text only.',
    );
    expect(downloaded()).toBe(false);
  });

  it('refuses text already in the library, naming the article it duplicates', async () => {
    const { corpus } = await startBotOnCorpusCopy();
    const twin = await readFile(path.join(CORPUS, 'iran-message-to-biden-administration.md'));
    const message = await refusal(await addArticle('copy.md', twin));
    expect(message).toBe(
      'This text is already in the library as “Iran message to biden administration” (iran-message-to-biden-administration.md, id iran-message-to-biden-administration).',
    );
    expect(downloaded()).toBe(true);
    expect((await readdir(corpus)).sort()).toEqual(['iran-de-escalatory-message.md', 'iran-message-to-biden-administration.md']);
  });

  it('refuses a file with bad front matter, saying so', async () => {
    await startBotOnCorpusCopy();
    expect(await refusal(await addArticle('broken.md', '---\ntitle: [unclosed\n---\nText.\n'))).toMatch(/^Bad front matter/);
  });
});

describe('/remove-article', () => {
  it("moves an admin's chosen article to the trash, says how to restore it, and answers stop quoting it", async () => {
    const { corpus } = await startBotOnCorpusCopy();
    const choices = await (
      await standin.autocomplete({
        name: 'remove-article',
        options: { source: 'escalatory' },
        focused: 'source',
        memberPermissions: 'admin',
      })
    ).response();
    const id = choices.data?.choices?.[0]?.value as string;
    expect(id).toBe('iran-de-escalatory-message');

    const handle = await standin.slashCommand({ name: 'remove-article', options: { source: id }, memberPermissions: 'admin' });
    expect((await handle.response()).data?.flags).toBe(MessageFlags.Ephemeral);
    expect((await handle.original()).content.split('\n')).toEqual([
      expect.stringMatching(/^Removed \*Iran de escalatory message\* \(\d+ passages\): answers no longer quote it\.$/),
      'Its file moved to `corpus/.trash/iran-de-escalatory-message.md`. To restore it, move it back to `corpus/iran-de-escalatory-message.md`, then run /reindex (or just wait a moment: the bot watches the corpus directory).',
    ]);
    await access(path.join(corpus, '.trash', 'iran-de-escalatory-message.md'));
    expect(await readdir(corpus)).not.toContain('iran-de-escalatory-message.md');

    const answer = await (await ask({ question: 'who warned whom and when?', results: 5 })).original();
    expect(answer.embeds.length).toBeGreaterThan(0);
    expect(plain(answer)).not.toContain('Iran de escalatory message');
  });

  it('says so when the article is not in the library', async () => {
    await startBotOnCorpusCopy();
    const handle = await standin.slashCommand({
      name: 'remove-article',
      options: { source: 'no-such-article' },
      memberPermissions: 'admin',
    });
    expect(await refusal(handle)).toMatch(/^There is no article with the id no-such-article/);
  });

  it('refuses a member without Manage Server and leaves the file in place', async () => {
    const { corpus } = await startBotOnCorpusCopy();
    const handle = await standin.slashCommand({
      name: 'remove-article',
      options: { source: 'iran-de-escalatory-message' },
      memberPermissions: 'member',
    });
    expect(await refusal(handle)).toBe(
      'Only members with the Manage Server permission can run /remove-article. Ask a server admin to run it.',
    );
    expect(await readdir(corpus)).toContain('iran-de-escalatory-message.md');
  });
});

describe('/timeline', () => {
  beforeEach(async () => {
    await startBot();
  });

  it('shows the story in chronological order, publicly, paged with More and Back', async () => {
    const handle = await standin.slashCommand({ name: 'timeline' });
    expect((await handle.response()).data?.flags ?? 0).toBe(0);
    const pages = [await handle.original()];
    for (let page = pages[0]; page && buttons(page).some((b) => b.label === 'More');) {
      const more = await standin.button({ customId: buttonId(page, 'More'), message: page.id });
      page = await more.original();
      pages.push(page);
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.content.split('\n')).toEqual(['**Timeline**', expect.stringMatching(/^-# 1–5 of \d+ dated statements$/)]);
    const story = pages.map(plain).join('\n');
    const order = [
      'a U.S. drone strike killed Maj. Gen. Qassim Suleimani',
      'U.S. officials had warned Iran through back channels',
      'Iran notified the Biden administration through similar channels on Oct. 14',
      'U.S. President Joe Biden meets with U.S. President-elect Donald Trump',
      'the Justice Department indicted three people',
    ].map((quote) => story.indexOf(quote));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Dates resolved, with how an inferred one was placed.
    expect(story).toContain('2024-10-14 (“Oct. 14”) · Iran message to biden administration, Daily Caller News Foundation');
    expect(story).toContain('2024-11-13 (“November 13, 2024”)');
    expect(story).toContain("≈ 2024-10-14, from 'Oct. 14'");

    const last = pages.at(-1)!;
    const back = await standin.button({ customId: buttonId(last, 'Back'), message: last.id });
    expect((await back.original()).embeds[0]?.description).toBe(pages.at(-2)?.embeds[0]?.description);
  });

  it('filters by source and about words, keeping them across pages', async () => {
    const handle = await standin.slashCommand({
      name: 'timeline',
      options: { source: 'iran-message-to-biden-administration', about: 'Trump' },
    });
    const first = await handle.original();
    expect(first.content.split('\n')[0]).toBe('**Timeline** about: Trump');
    expect(first.content).toContain('only from *Iran message to biden administration*');
    expect(first.embeds[0]?.description).toContain('*Iran message to biden administration*, Daily Caller News Foundation');
    expect(first.embeds[0]?.description).not.toContain('*Iran de escalatory message*,');
    expect(plain(first)).toContain('Trump');
  });

  it('reads long about words back from the message when they do not fit in the button', async () => {
    const about = 'Iran '.repeat(20).trim();
    const first = await (await standin.slashCommand({ name: 'timeline', options: { about } })).original();
    expect(first.content.split('\n')[0]).toBe(`**Timeline** about: ${about}`);
    const more = buttonId(first, 'More');
    expect(more).toBe('tlm:1:');
    const page2 = await (await standin.button({ customId: more, message: first.id })).original();
    expect(page2.content.split('\n')[0]).toBe(first.content.split('\n')[0]);
    expect(page2.content).toMatch(/-# 6–/);
  });

  it('says so when nothing is dated about the words', async () => {
    const shown = await (await standin.slashCommand({ name: 'timeline', options: { about: 'banana bread' } })).original();
    expect(shown.content).toBe(
      '**Timeline** about: banana bread\nNo dated statements about “banana bread”. Try other words, or leave out a filter.',
    );
    expect(shown.components).toEqual([]);
  });
});

describe('safety', () => {
  it('pings no one when a quote contains @everyone or a user mention, and escapes its markdown', async () => {
    await startBot(new FakeLibrary(FIXTURE_ARTICLES));
    const answer = await (await ask({ question: 'zebra prank' })).original();
    const description = answer.embeds[0]?.description ?? '';
    expect(description).toContain('@everyone <@123456789012345678>');
    expect(description).toContain('\\*\\*look\\*\\*');
    expect(description).toContain('\\[here](');
    const edit = await standin.waitFor((r) => r.method === 'PATCH' && JSON.stringify(r.body).includes('@everyone'));
    expect(allowedMentionsOf(edit)).toEqual(NO_PINGS);
    expect(answer.mention_everyone).toBe(false);
  });

  it('refuses a user over the cooldown ephemerally, saying when to retry', async () => {
    const now = Date.UTC(2024, 10, 15, 12, 0, 0);
    await startBot(corpusLibrary, new Cooldown({ limit: 2, windowMs: 30_000, now: () => now }));
    await (await ask({ question: 'who warned Iran?', private: true })).original();
    await (await ask({ question: 'who warned Iran?', private: true })).original();
    const response = await (await ask({ question: 'who warned Iran?', private: true })).response();
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data?.content).toContain(`Try again <t:${(now + 30_000) / 1000}:R>`);
  });

  it('tells the user about a failing handler ephemerally, with an error id, and keeps running', async () => {
    const failing: Library = Object.assign(Object.create(corpusLibrary) as Library, {
      answer(question: string): never {
        throw new Error(`engine exploded on ${question}`);
      },
    });
    await startBot(failing);
    const handle = await ask({ question: 'who warned Iran?' });
    const [notice] = await handle.waitForFollowUps(1);
    expect((notice?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(notice?.content).toMatch(/^Something went wrong \(error id `[0-9a-f]{8}`\)/);
    // The public "thinking…" message was removed rather than left loading.
    expect(standin.requests.some((r) => r.method === 'DELETE' && /\/messages\/(@|%40)original$/.test(r.path))).toBe(true);
    // Still alive: the next command is answered.
    expect((await (await standin.slashCommand({ name: 'sources' })).original()).embeds[0]?.title).toBe('2 articles');
  });
});
