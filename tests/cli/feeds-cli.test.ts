import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { tempCorpus, type TempCorpus } from '../library/helpers.js';
import { startLocalSite, type LocalSite } from '../links/local-site.js';

let site: LocalSite;
let corpus: TempCorpus;
beforeAll(async () => {
  site = await startLocalSite();
});
afterAll(() => site.close());
beforeEach(async () => {
  corpus = await tempCorpus();
});
afterEach(() => corpus.cleanup());

/** Runs the CLI in-process over the temporary corpus and data directory. */
async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const fullEnv = { CORPUS_DIR: corpus.corpusDir, STORYBOT_DATA_DIR: corpus.dataDir, ...env };
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTerminal: false, env: fullEnv, cwd: corpus.root });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const open = { STORYBOT_ALLOW_PRIVATE_URLS: 'true' };

describe('storybot add', () => {
  it('adds the article at a link and prints it as JSON', async () => {
    const { code, out, err } = await cli(open, 'add', `${site.base}/news/ferry`, '--published', '2024-02-15', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      article: {
        id: expect.stringMatching(/^council-votes-to-keep-the-ferry-running-through-[0-9a-f]{8}$/),
        title: 'Council votes to keep the ferry running through winter',
        source: 'Valley Post',
        url: `${site.base}/news/ferry`,
        published: '2024-02-15',
      },
      file: expect.stringMatching(/\.md$/),
      passages: expect.any(Number),
      paragraphs: 3,
      missing: ['author'],
    });
    const sources = JSON.parse((await cli(open, 'sources', '--json')).out) as { articles: { title: string }[] };
    expect(sources.articles.map((a) => a.title)).toContain('Council votes to keep the ferry running through winter');
  });

  it('adds an article file, with the title given', async () => {
    const file = path.join(corpus.root, 'notes.txt');
    await writeFile(file, 'The lighthouse keeper retired on Sunday after forty years, the harbor board said in a statement.\n');
    const { code, out } = await cli({}, 'add', file, '--title', 'Lighthouse keeper retires');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^Added Lighthouse keeper retires, publisher unknown: 1 passage, saved as lighthouse-keeper-retires-[0-9a-f]{8}\.md\.$/,
    );
  });

  it('refuses with the reason and exit code 1, writing nothing', async () => {
    const before = await readdir(corpus.corpusDir);
    const privateUrl = await cli({}, 'add', `${site.base}/news/ferry`);
    expect(privateUrl.code).toBe(1);
    expect(privateUrl.err).toBe(
      'storybot: 127.0.0.1 resolves to 127.0.0.1, a loopback address, not a public one: storybot fetches only public web pages. To allow intranet addresses on a self-hosted bot, set STORYBOT_ALLOW_PRIVATE_URLS=true.',
    );
    const pdf = await cli(open, 'add', `${site.base}/report.pdf`, '--json');
    expect(pdf.code).toBe(1);
    expect(JSON.parse(pdf.out)).toEqual({
      error: {
        reason: 'wrong-type',
        message: `${site.base}/report.pdf is application/pdf, not an HTML page: only an HTML page can be read here.`,
      },
    });
    expect((await cli(open, 'add', 'missing.md')).code).toBe(2);
    expect(await readdir(corpus.corpusDir)).toEqual(before);
  });
});

describe('storybot follow, feeds, poll, unfollow', () => {
  it('follows a feed, polls it once, lists it, and unfollows it', async () => {
    const followed = await cli(open, 'follow', `${site.base}/feed.atom`, '--match', 'ferry');
    expect(followed).toMatchObject({ code: 0, err: '' });
    expect(followed.out).toBe(
      `Now following Valley Post <${site.base}/feed.atom>: 1 of its 2 items match "ferry". Run storybot poll (or let the bot poll) to add their articles.`,
    );
    const poll = await cli(open, 'poll', '--json');
    expect(poll.code).toBe(0);
    const [result] = (JSON.parse(poll.out) as { feeds: { status: string; added: { article: { title: string } }[]; skipped: unknown[] }[] })
      .feeds;
    expect(result).toMatchObject({ status: 'polled', skipped: [], deferred: 0 });
    expect(result?.added.map((a) => a.article.title)).toEqual(['Council votes to keep the ferry running through winter']);

    const again = await cli(open, 'poll');
    expect(again.out).toBe(`Valley Post <${site.base}/feed.atom>: not modified since the last poll`);

    const list = JSON.parse((await cli({}, 'feeds', '--json')).out) as { feeds: { url: string; match: string; articles: string[] }[] };
    expect(list.feeds).toEqual([
      expect.objectContaining({ url: `${site.base}/feed.atom`, match: 'ferry', articles: [expect.any(String)] }),
    ]);

    expect((await cli({}, 'unfollow', `${site.base}/feed.atom`)).out).toBe(
      `No longer following ${site.base}/feed.atom; the articles it added stay.`,
    );
    const gone = await cli({}, 'unfollow', `${site.base}/feed.atom`);
    expect(gone).toMatchObject({ code: 1, err: `storybot: ${site.base}/feed.atom is not followed: no feed is.` });
    expect((await cli({}, 'feeds')).out).toBe('No feeds are followed. Follow one with: storybot follow <url>');
  });
});
