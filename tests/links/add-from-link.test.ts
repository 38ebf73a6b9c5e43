import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticleFromLink } from '../../src/links/add-from-link.js';
import { LinkRefused } from '../../src/links/link-errors.js';
import type { FetchPolicy } from '../../src/links/safe-fetch.js';
import { ArticleRejected } from '../../src/library/library-errors.js';
import { libraryPerTest } from '../library/helpers.js';
import { startLocalSite, type LocalSite } from './local-site.js';

const POLICY: FetchPolicy = { allowPrivate: true };

let site: LocalSite;
beforeAll(async () => {
  site = await startLocalSite();
});
afterAll(() => site.close());

describe('addArticleFromLink', () => {
  const current = libraryPerTest();

  const corpusFiles = async (): Promise<string[]> => (await readdir(current.corpus.corpusDir)).filter((f) => !f.startsWith('.')).sort();

  it('writes an ordinary Markdown file named from the headline, with front matter, and indexes it', async () => {
    const { added, page, missing } = await addArticleFromLink(current.library, `${site.base}/r3`, POLICY);
    expect(added.file).toMatch(/^harbor-crews-reopen-the-north-channel-after-the-[0-9a-f]{8}\.md$/);
    expect(added.article).toMatchObject({
      title: 'Harbor crews reopen the north channel after the storm',
      source: 'The Coastal Ledger',
      url: 'https://ledger.example/2024/03/harbor-reopens-north-channel',
      published: '2024-03-01',
    });
    expect(page.paragraphs).toBe(5);
    expect(missing).toEqual([]);
    const file = await readFile(path.join(current.corpus.corpusDir, added.file), 'utf8');
    expect(file).toMatch(/^---\ntitle: Harbor crews reopen the north channel after the storm\nsource: The Coastal Ledger\n/);
    expect(file).toContain('\n## Barges refloated overnight\n');
    const answer = current.library.answer('Who refloated the second barge?');
    expect(answer.passages[0]?.article.id).toBe(added.article.id);
    expect(answer.passages[0]?.heading).toBe('Barges refloated overnight');
  });

  it('lets the admin override what the page says, and reports what neither said', async () => {
    const { added, missing } = await addArticleFromLink(current.library, `${site.base}/news/library`, POLICY, {
      source: 'Town Crier',
      published: '2024-02',
    });
    expect(added.article).toMatchObject({
      title: 'Library extends weekend hours',
      source: 'Town Crier',
      published: '2024-02',
      url: `${site.base}/news/library`,
    });
    expect(missing).toEqual(['author']);
  });

  it('refuses the same canonical URL twice, naming the article, and writes nothing', async () => {
    const first = await addArticleFromLink(current.library, `${site.base}/news/harbor`, POLICY);
    const before = await corpusFiles();
    const error = await addArticleFromLink(current.library, `${site.base}/r1`, POLICY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArticleRejected);
    expect((error as Error).message).toBe(
      `An article from https://ledger.example/2024/03/harbor-reopens-north-channel is already in the library as “Harbor crews reopen the north channel after the storm” (${first.added.file}, id ${first.added.article.id}).`,
    );
    expect(await corpusFiles()).toEqual(before);
  });

  it('refuses the same text under another URL', async () => {
    const first = await addArticleFromLink(current.library, `${site.base}/news/ferry`, POLICY);
    site.pages.set('/copy/ferry', site.pages.get('/news/ferry') ?? '');
    const error = await addArticleFromLink(current.library, `${site.base}/copy/ferry`, POLICY).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `This text is already in the library as “Council votes to keep the ferry running through winter” (${first.added.file}, id ${first.added.article.id}).`,
    );
  });

  it('refuses, writing nothing: no article, not HTML, too large, HTTP error', async () => {
    const before = await corpusFiles();
    for (const [route, reason] of [
      ['/login', 'no-article'],
      ['/report.pdf', 'wrong-type'],
      ['/huge', 'too-large'],
      ['/missing', 'http'],
    ] as const) {
      const error = await addArticleFromLink(current.library, `${site.base}${route}`, POLICY).catch((e: unknown) => e);
      expect(error, route).toBeInstanceOf(LinkRefused);
      expect((error as LinkRefused).reason, route).toBe(reason);
    }
    expect(await corpusFiles()).toEqual(before);
  });

  it('updates an article in its own file when asked, so its id stays', async () => {
    const first = await addArticleFromLink(current.library, `${site.base}/news/ferry`, POLICY);
    const original = site.pages.get('/news/ferry') ?? '';
    site.pages.set('/news/ferry', original.replace('six to one', 'five to two'));
    try {
      const updated = await addArticleFromLink(
        current.library,
        `${site.base}/news/ferry`,
        POLICY,
        {},
        { articleId: first.added.article.id },
      );
      expect(updated.added.file).toBe(first.added.file);
      expect(current.library.answer('How did the council vote on the ferry?').passages[0]?.text).toContain('five to two');
      expect(current.library.sources().filter((s) => s.article.url === first.added.article.url)).toHaveLength(1);
    } finally {
      site.pages.set('/news/ferry', original);
    }
  });
});
