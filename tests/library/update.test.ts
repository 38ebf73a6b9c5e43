import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleNotFound, ArticleRejected } from '../../src/library/library-errors.js';
import { libraryPerTest, zebraArticle } from './helpers.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const ZEBRA_TEXT = zebraArticle().replace(/^---[\s\S]*?---\n/, '');

describe('updating an article and refusing a second copy of a URL', () => {
  const current = libraryPerTest();

  const zebra = { fileName: 'page.md', bytes: encode(ZEBRA_TEXT), title: 'Zebra parade', url: 'https://wire.example/zebra' };

  it('replaces the text and metadata in the same file, so the id stays, and answers follow', async () => {
    const added = await current.library.addArticle(zebra);
    const version = current.library.version;
    const updated = await current.library.updateArticle(added.article.id, {
      ...zebra,
      bytes: encode(ZEBRA_TEXT.replace('4,000', '5,500')),
      published: '2024-11-21',
    });
    expect(updated).toMatchObject({ changed: true, file: added.file, article: { id: added.article.id, published: '2024-11-21' } });
    expect(current.library.version).toBe(version + 1);
    expect(await readFile(path.join(current.corpus.corpusDir, added.file), 'utf8')).toContain('5,500 people');
    expect(current.library.answer('How many people attended the zebra parade?').passages[0]?.text).toContain('5,500');
  });

  it('writes nothing when the article is already as given', async () => {
    const added = await current.library.addArticle(zebra);
    const before = await stat(path.join(current.corpus.corpusDir, added.file));
    const version = current.library.version;
    expect((await current.library.updateArticle(added.article.id, zebra)).changed).toBe(false);
    expect((await stat(path.join(current.corpus.corpusDir, added.file))).mtimeMs).toBe(before.mtimeMs);
    expect(current.library.version).toBe(version);
  });

  it('refuses an unknown id, and an update that would copy another article', async () => {
    await expect(current.library.updateArticle('no-such-article', zebra)).rejects.toThrow(ArticleNotFound);
    const added = await current.library.addArticle(zebra);
    const other = await current.library.addArticle({
      fileName: 'other.md',
      bytes: encode('The ferry ran late on Monday because of fog on the river, the operator said.\n'),
    });
    const copy = await current.library.updateArticle(other.article.id, zebra).catch((e: unknown) => e);
    expect(copy).toBeInstanceOf(ArticleRejected);
    expect((copy as Error).message).toBe(
      `An article from https://wire.example/zebra is already in the library as “Zebra parade” (${added.file}, id ${added.article.id}).`,
    );
  });

  it('refuses an upload whose URL an indexed article already has, naming it', async () => {
    const added = await current.library.addArticle(zebra);
    const error = await current.library
      .addArticle({
        fileName: 'b.md',
        bytes: encode('A different text about the parade, written the next day by another wire.\n'),
        url: zebra.url,
      })
      .catch((e: unknown) => e);
    expect((error as ArticleRejected).reason).toBe('duplicate');
    expect((error as Error).message).toBe(
      `An article from https://wire.example/zebra is already in the library as “Zebra parade” (${added.file}, id ${added.article.id}).`,
    );
  });
});
