import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InteractionResponseType, MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDiscordBot, type DiscordBot } from '../../src/discord/index.js';
import type { ArticleFacts, FactJob } from '../../src/facts/article-facts.js';
import { createFactPool, type FactPool } from '../../src/facts/fact-pool.js';
import type { LoadedLibrary } from '../../src/library/library.js';
import { createLibrary } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { startDiscordStandin, type DiscordStandin, type InteractionHandle } from './discord-standin.js';

/*
 * A bot just started on a corpus of 2,080 passages (the story's two articles, 40 times each), with no
 * snapshot: its names and dates are still being read. A cold /timeline on this corpus used to hold
 * the event loop for 6–9 s and got interactions refused. Extraction is held back here (only the
 * first copies are released), so every interaction below meets a library that is still reading.
 */

const COPIES = 40;
const RELEASED = new Set(['copy-00-iran-message-to-biden-administration', 'copy-00-iran-de-escalatory-message']);

/** A pool that keeps jobs waiting until their article is released. */
class HeldFactPool implements FactPool {
  private readonly inner = createFactPool(1);
  private readonly waiting: { job: FactJob; go: () => void }[] = [];
  private releasedIds: (id: string) => boolean = (id) => RELEASED.has(id);
  readonly workers = 1;

  extract(job: FactJob, options?: Parameters<FactPool['extract']>[1]): Promise<ArticleFacts | null> {
    return new Promise<void>((go) => {
      if (this.releasedIds(job.articleId)) go();
      else this.waiting.push({ job, go });
    }).then(() => this.inner.extract(job, options));
  }

  hurry(articleIds: ReadonlySet<string>): void {
    this.inner.hurry(articleIds);
  }

  /** Lets every job through, now and later. */
  releaseAll(): void {
    this.releasedIds = () => true;
    for (const { go } of this.waiting.splice(0)) go();
  }

  close(): Promise<void> {
    this.releaseAll();
    return this.inner.close();
  }
}

let standin: DiscordStandin;
let work: string;
let library: LoadedLibrary;
let pool: HeldFactPool;
let bot: DiscordBot;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'storybot-cold-'));
  const corpus = path.join(work, 'corpus');
  await writeCopies(corpus);
  pool = new HeldFactPool();
  library = await createLibrary({ corpusDir: corpus, factPool: () => pool });
  standin = await startDiscordStandin();
  const config = loadConfig({
    DISCORD_TOKEN: standin.token,
    DISCORD_API_URL: standin.apiUrl,
    DISCORD_GUILD_ID: standin.guildId,
    STORYBOT_DATA_DIR: path.join(work, 'data'),
    LOG_LEVEL: 'silent',
  });
  bot = await startDiscordBot({ config, library, logger: createLogger('silent') });
});

afterAll(async () => {
  await bot.stop();
  expect(standin.problems).toEqual([]);
  await standin.close();
  await library.close();
  await rm(work, { recursive: true, force: true });
});

/** The story's articles, each copied COPIES times with a line of its own (the same text twice would be refused). */
async function writeCopies(corpus: string): Promise<void> {
  await mkdir(corpus, { recursive: true });
  const source = path.resolve('corpus');
  for (const name of (await readdir(source)).filter((n) => /\.(md|txt)$/.test(n))) {
    const text = await readFile(path.join(source, name), 'utf8');
    for (let copy = 0; copy < COPIES; copy++) {
      const id = `copy-${String(copy).padStart(2, '0')}`;
      await writeFile(path.join(corpus, `${id}-${name}`), `${text.trimEnd()}\n\nThis is copy ${copy} of the article.\n`);
    }
  }
}

function buttonId(message: Pick<APIMessage, 'components'>, label: string): string {
  for (const row of message.components ?? [])
    if ('components' in row) for (const c of row.components) if ('custom_id' in c && 'label' in c && c.label === label) return c.custom_id;
  throw new Error(`no "${label}" button`);
}

/** Asserts that the bot's first REST call for an interaction was its acknowledgement, of the given type. */
async function acknowledgedFirst(handle: InteractionHandle, type: InteractionResponseType, from: number): Promise<void> {
  expect((await handle.response()).type).toBe(type);
  // Requests are recorded once answered: wait for the callback's record.
  const recorded = await standin.waitFor((r) => r.path === `/interactions/${handle.id}/${handle.token}/callback`);
  const callback = standin.requests.indexOf(recorded);
  expect(callback).toBeGreaterThanOrEqual(from);
  // Nothing the bot asked of Discord in between (a thread's history, a channel) came before it.
  expect(standin.requests.slice(from, callback).filter((r) => r.method === 'GET')).toEqual([]);
}

describe('a cold bot on 2,080 passages, names and dates still being read', () => {
  it('answers at once, saying that names and dates are still being read, and pages and shows context after acknowledging', async () => {
    expect(library.factsProgress().passages).toBeGreaterThan(2000);
    const handle = await standin.slashCommand({ name: 'ask', options: { question: 'who warned whom and when?', results: 1 } });
    const answer = await handle.original();
    const glance = answer.embeds.at(-1)?.fields?.find((f) => f.name === 'Who · When')?.value ?? '';
    expect(glance).toContain('still being read');

    for (const label of ['More', 'Show in context']) {
      const from = standin.requests.length;
      const press = await standin.button({ customId: buttonId(answer, label), message: answer.id });
      await acknowledgedFirst(
        press,
        label === 'More' ? InteractionResponseType.DeferredMessageUpdate : InteractionResponseType.DeferredChannelMessageWithSource,
        from,
      );
      const shown = await press.original();
      if (label === 'More') expect(shown.content).toContain('-# passages 2–2');
      else expect((shown.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    }
  });

  it('acknowledges a paging button in a thread before reading the thread', async () => {
    const first = await (await standin.slashCommand({ name: 'ask', options: { question: 'who warned Iran?' } })).original();
    await standin.waitFor((r) => r.method === 'POST' && r.path.endsWith(`/messages/${first.id}/threads`));
    const before = standin.requests.length;
    await standin.userMessage({ channelId: first.id, content: 'when was that?', mentionsBot: true });
    const posted = await standin.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${first.id}/messages` && standin.requests.indexOf(r) >= before,
    );
    const reply = standin.messagesIn(first.id).find((m) => m.content === posted.body.content);
    if (!reply) throw new Error('the follow-up answer is not in the thread');
    const from = standin.requests.length;
    const press = await standin.button({ customId: buttonId(reply, 'More'), message: reply.id });
    await acknowledgedFirst(press, InteractionResponseType.DeferredMessageUpdate, from);
    expect((await press.original()).content.split('\n')[1]).toMatch(/^-# passages 4–/);
  });

  it('shows the timeline of what is read so far, says how far reading is, and pages it', async () => {
    await library.factsReady([...RELEASED]);
    const handle = await standin.slashCommand({ name: 'timeline' });
    expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const page = await handle.original();
    const { passages, passagesRead } = library.factsProgress();
    expect(passagesRead).toBeLessThan(passages);
    expect(page.content).toMatch(/^-# 1–5 of \d+ dated statements · names and dates read in \d+% of the passages so far/m);
    for (const label of ['More', 'Back']) {
      const target =
        label === 'More' ? page : await (await standin.button({ customId: buttonId(page, 'More'), message: page.id })).original();
      const from = standin.requests.length;
      const press = await standin.button({ customId: buttonId(target, label), message: target.id });
      await acknowledgedFirst(press, InteractionResponseType.DeferredMessageUpdate, from);
      expect((await press.original()).content).toMatch(label === 'More' ? /-# 6–10 of/ : /-# 1–5 of/);
    }
    const sources = await standin.slashCommand({ name: 'sources' });
    expect((await sources.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((await sources.original()).embeds[0]?.title).toBe(`${COPIES * 2} articles`);
  });

  it('shows every name and date once reading is done, and says nothing more about it', async () => {
    pool.releaseAll();
    await library.factsReady();
    const answer = await (await standin.slashCommand({ name: 'ask', options: { question: 'who warned whom and when?' } })).original();
    expect(answer.embeds.at(-1)?.fields?.find((f) => f.name === 'Who · When')?.value).not.toContain('still being read');
    const timeline = await (await standin.slashCommand({ name: 'timeline' })).original();
    expect(timeline.content).not.toContain('names and dates read');
    expect(timeline.content).toMatch(/^-# 1–5 of \d+ dated statements$/m);
  });
});
