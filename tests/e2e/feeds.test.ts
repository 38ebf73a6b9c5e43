import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InteractionResponseType, MessageFlags, type APIMessage } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDiscordBot, type DiscordBot } from '../../src/discord/index.js';
import type { Library } from '../../src/library/library-types.js';
import { createLibrary } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { CORPUS_DIR } from '../helpers.js';
import { startLocalSite, type LocalSite } from '../links/local-site.js';
import { startDiscordStandin, type DiscordStandin, type InteractionHandle } from './discord-standin.js';

/*
 * /add-article url:, /follow, /unfollow, /feeds and the channel notices, with the bot's real discord.js client
 * against the local Discord stand-in and the pages and feeds of a local news site on 127.0.0.1.
 */

const NO_PINGS = { parse: [], replied_user: false };

let standin: DiscordStandin;
let site: LocalSite;
let root: string;
let corpus: string;
let library: Library;
let bot: DiscordBot | undefined;

beforeEach(async () => {
  [standin, site] = await Promise.all([startDiscordStandin(), startLocalSite()]);
  root = await mkdtemp(path.join(tmpdir(), 'storybot-feeds-e2e-'));
  corpus = path.join(root, 'corpus');
  await cp(CORPUS_DIR, corpus, { recursive: true });
  library = await createLibrary(corpus);
});

afterEach(async () => {
  // Every message the bot sent pinged no one.
  for (const request of standin.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH')) {
    const data = (request.path.endsWith('/callback') ? request.body?.data : request.body) as
      { content?: string; allowed_mentions?: unknown } | undefined;
    if (data && 'content' in data) expect.soft(data.allowed_mentions, request.path).toEqual(NO_PINGS);
  }
  expect(standin.problems).toEqual([]);
  await bot?.stop();
  bot = undefined;
  await library.close();
  await Promise.all([standin.close(), site.close()]);
  await rm(root, { recursive: true, force: true });
});

async function startBot(env: NodeJS.ProcessEnv = { STORYBOT_ALLOW_PRIVATE_URLS: 'true' }): Promise<void> {
  const config = loadConfig({
    ...env,
    DISCORD_TOKEN: standin.token,
    DISCORD_API_URL: standin.apiUrl,
    DISCORD_GUILD_ID: standin.guildId,
    STORYBOT_DATA_DIR: path.join(root, 'data'),
    LOG_LEVEL: 'silent',
  });
  bot = await startDiscordBot({ config, library, logger: createLogger('silent') });
}

/** The ephemeral message a deferred admin command ended with (its edit, or the follow-up of a refusal). */
async function privateReply(handle: InteractionHandle): Promise<string> {
  const response = await handle.response();
  if (response.type === InteractionResponseType.ChannelMessageWithSource) {
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    return response.data?.content ?? '';
  }
  expect(response).toMatchObject({
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    data: { flags: MessageFlags.Ephemeral },
  });
  // A success edits the deferred reply; a refusal deletes it and follows up privately.
  // Up to 20 s: the page reader thread may be starting on a busy machine.
  const settled = await Promise.race([handle.original(20_000), handle.waitForFollowUps(1, 20_000).then(([m]) => m)]);
  return settled?.content ?? '';
}

/** Waits (up to 20 s: the page reader thread may be starting on a busy machine) until the channel holds `count` messages by the bot starting with `prefix`. */
async function botMessages(prefix: string, count: number): Promise<APIMessage[]> {
  const ofBot = (): APIMessage[] => standin.messagesIn().filter((m) => m.author.id === standin.botUserId && m.content.startsWith(prefix));
  await vi.waitFor(() => expect(ofBot().length).toBeGreaterThanOrEqual(count), { timeout: 20_000, interval: 50 });
  return ofBot();
}

describe('/add-article url:', () => {
  it("reads an admin's link, says what the page said and what it did not, and /ask then quotes it", async () => {
    await startBot();
    const handle = await standin.slashCommand({ name: 'add-article', options: { url: `${site.base}/r2` }, memberPermissions: 'admin' });
    const reply = (await privateReply(handle)).split('\n');
    const saved = /saved as `([^`]+)`/.exec(reply[0] ?? '')?.[1] ?? '';
    expect(reply).toEqual([
      `Added *Harbor crews reopen the north channel after the storm* (The Coastal Ledger · 2024-03-01): 9 passages, saved as \`${saved}\`. /ask can quote it now.`,
      'Read 5 paragraphs from <https://ledger.example/2024/03/harbor-reopens-north-channel>. Found on the page: title, publisher, date, author.',
      'First passage (paragraph 1):',
      '> Harbor crews reopened the north shipping channel on Friday afternoon, three days after a winter storm pushed two barges aground and scattered debris across the approach.',
    ]);
    expect(await readFile(path.join(corpus, saved), 'utf8')).toMatch(
      /^---\ntitle: Harbor crews reopen the north channel after the storm\n/,
    );
    const answer = await (await standin.slashCommand({ name: 'ask', options: { question: 'Who refloated the second barge?' } })).original();
    const quoted = answer.embeds
      .map((e) => e.description ?? '')
      .join('\n')
      .replaceAll('**', '');
    expect(quoted).toContain('Salvage teams refloated the second barge shortly after midnight');
    expect(quoted).toContain('— *Harbor crews reopen the north channel after the storm*, The Coastal Ledger · 2024-03-01');
  });

  it('says what neither the page nor the admin gave, and refuses a page without an article, writing nothing', async () => {
    await startBot();
    const plain = await standin.slashCommand({
      name: 'add-article',
      options: { url: `${site.base}/news/library`, source: 'Town Crier' },
      memberPermissions: 'admin',
    });
    expect((await privateReply(plain)).split('\n')[1]).toBe(
      `Read 3 paragraphs from <${site.base}/news/library>. Found on the page: title. Given by you: publisher. Not found, left unset: date, author.`,
    );
    const files = await readdir(corpus);
    const login = await standin.slashCommand({ name: 'add-article', options: { url: `${site.base}/login` }, memberPermissions: 'admin' });
    expect(await privateReply(login)).toMatch(new RegExp(`^No article text was found at ${site.base}/login \\(`));
    expect(await readdir(corpus)).toEqual(files);
  });

  it('refuses a private address while STORYBOT_ALLOW_PRIVATE_URLS is off, and a member without Manage Server', async () => {
    await startBot({});
    const handle = await standin.slashCommand({
      name: 'add-article',
      options: { url: `${site.base}/news/harbor` },
      memberPermissions: 'admin',
    });
    expect(await privateReply(handle)).toBe(
      '127.0.0.1 resolves to 127.0.0.1, a loopback address, not a public one: storybot fetches only public web pages. To allow intranet addresses on a self-hosted bot, set STORYBOT_ALLOW_PRIVATE_URLS=true.',
    );
    const member = await standin.slashCommand({
      name: 'add-article',
      options: { url: `${site.base}/news/harbor` },
      memberPermissions: 'member',
    });
    expect(await privateReply(member)).toBe(
      'Only members with the Manage Server permission can run /add-article. Ask a server admin to run it.',
    );
    expect(site.requests).toEqual([]);
  });
});

describe('/follow, /feeds, /unfollow', () => {
  it('follows a feed, posts a notice in the channel for each article added, lists it, and unfollows it by autocomplete', async () => {
    await startBot();
    const follow = await standin.slashCommand({
      name: 'follow',
      options: { feed: `${site.base}/feed.rss`, channel: standin.channelId },
      memberPermissions: 'admin',
    });
    expect(await privateReply(follow)).toBe(
      `Now following *The Coastal Ledger — Harbor* (<${site.base}/feed.rss>): 3 items in it now. Their articles are being added now, then new ones every 30 minutes. A notice is posted in <#${standin.channelId}> for each article added.`,
    );
    const notices = await botMessages('New article indexed:', 3);
    expect(notices.map((m) => m.content)).toEqual([
      'New article indexed: *Harbor crews reopen the north channel after the storm* — The Coastal Ledger, 2024-03-01\n<https://ledger.example/2024/03/harbor-reopens-north-channel>',
      `New article indexed: *Council votes to keep the ferry running through winter* — Valley Post, 2024-02-14\n<${site.base}/news/ferry>`,
      `New article indexed: *Library extends weekend hours* — publisher unknown\n<${site.base}/news/library>`,
    ]);

    const list = await (await standin.slashCommand({ name: 'feeds' })).response();
    expect(list.data?.embeds?.[0]?.title).toBe('1 followed feed');
    expect(list.data?.embeds?.[0]?.description).toMatch(
      new RegExp(
        `^- \\*\\*The Coastal Ledger — Harbor\\*\\* <${site.base}/feed\\.rss> · every item · notices in <#${standin.channelId}> · 3 articles · polled <t:\\d+:R>$`,
      ),
    );

    const choices = await (
      await standin.autocomplete({ name: 'unfollow', options: { feed: 'ledger' }, focused: 'feed', memberPermissions: 'admin' })
    ).response();
    expect(choices.data?.choices).toEqual([
      { name: `The Coastal Ledger — Harbor — ${site.base}/feed.rss`, value: `${site.base}/feed.rss` },
    ]);
    const unfollow = await standin.slashCommand({
      name: 'unfollow',
      options: { feed: `${site.base}/feed.rss` },
      memberPermissions: 'admin',
    });
    expect(await privateReply(unfollow)).toBe(
      `No longer following <${site.base}/feed.rss>. The 3 articles it added stay in the library (/remove-article removes one).`,
    );
  });

  it('polls the feeds followed before it started, posting their notices, and does not add them again after a restart', async () => {
    const { FeedStore } = await import('../../src/feeds/feed-store.js');
    const { Feeds } = await import('../../src/feeds/feeds.js');
    const store = new FeedStore(path.join(root, 'data'));
    await new Feeds({ store, library, policy: { allowPrivate: true }, maxArticlesPerPoll: 20 }).follow({
      url: `${site.base}/feed.atom`,
      channelId: standin.channelId,
    });
    await startBot();
    const [notice] = await botMessages('New article indexed:', 1);
    expect(notice?.content).toMatch(
      /^New article indexed: \*Council votes to keep the ferry running through winter\* — Valley Post, 2024-02-14/,
    );
    const articles = library.sources().length;
    await bot?.stop();
    bot = undefined;
    await startBot();
    // The restarted bot polls again (the Atom feed has no TTL): a 304, nothing added, no second notice.
    await vi.waitFor(() => expect(site.requests.filter((r) => r.path === '/feed.atom')).toHaveLength(3), { timeout: 20_000 });
    expect(site.requests.filter((r) => r.path === '/feed.atom').at(-1)?.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/);
    expect(library.sources()).toHaveLength(articles);
    expect(standin.messagesIn().filter((m) => m.content.startsWith('New article indexed:'))).toHaveLength(1);
  });

  it('refuses a link that is not a feed, and a member without Manage Server', async () => {
    await startBot();
    const page = await standin.slashCommand({ name: 'follow', options: { feed: `${site.base}/news/ferry` }, memberPermissions: 'admin' });
    expect(await privateReply(page)).toBe(
      `${site.base}/news/ferry is text/html, not an RSS or Atom feed: only an RSS or Atom feed can be read here.`,
    );
    const member = await standin.slashCommand({ name: 'follow', options: { feed: `${site.base}/feed.rss` }, memberPermissions: 'member' });
    expect(await privateReply(member)).toBe(
      'Only members with the Manage Server permission can run /follow. Ask a server admin to run it.',
    );
    const none = await (await standin.slashCommand({ name: 'feeds' })).response();
    expect(none.data?.content).toBe('No feeds are followed. A server admin can follow one with /follow feed:<url>.');
  });
});
