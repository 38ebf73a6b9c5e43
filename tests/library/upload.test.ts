import { readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleNotFound, ArticleRejected } from '../../src/library/library-errors.js';
import { createLibrary, type LoadedLibrary } from '../../src/library/library.js';
import { answeringArticles, tempCorpus, zebraArticle, type TempCorpus } from './helpers.js';

const ZEBRA = 'How many people attended the zebra parade in Lisbon?';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const ZEBRA_TEXT = zebraArticle().replace(/^---[\s\S]*?---\n/, '');

describe('adding and removing articles', () => {
  let corpus: TempCorpus;
  let library: LoadedLibrary;

  beforeEach(async () => {
    corpus = await tempCorpus();
    library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir });
  });
  afterEach(async () => {
    await library.close();
    await corpus.cleanup();
  });

  const corpusFiles = async (): Promise<string[]> => (await readdir(corpus.corpusDir)).filter((f) => !f.startsWith('.')).sort();

  it('saves an upload under a generated name with its metadata as front matter, indexes it and reports its passages', async () => {
    const version = library.version;
    const added = await library.addArticle({
      fileName: 'notes.txt',
      bytes: encode(ZEBRA_TEXT),
      title: 'Zebras: "striped" march — Lisbon\'s #1 parade',
      source: 'Test Wire',
      url: 'https://example.org/zebras?a=1#b',
      published: '2024-11-20',
    });
    expect(added.file).toMatch(/^zebras-striped-march-lisbon-s-1-parade-[0-9a-f]{8}\.md$/);
    expect(added.article).toEqual({
      id: added.file.replace(/\.md$/, ''),
      title: 'Zebras: "striped" march — Lisbon\'s #1 parade',
      source: 'Test Wire',
      url: 'https://example.org/zebras?a=1#b',
      published: '2024-11-20',
    });
    expect(added.passages).toBe(2);
    expect(added.firstPassage.text).toBe(
      'The annual zebra parade in Lisbon was attended by 4,000 people on Saturday, the organisers said.',
    );
    expect(library.version).toBeGreaterThan(version);
    expect(answeringArticles(library, ZEBRA)).toEqual([added.article.id]);
    const saved = await readFile(path.join(corpus.corpusDir, added.file), 'utf8');
    expect(saved).toMatch(/^---\n[\s\S]*\n---\nThe annual zebra parade/);
    expect(library.sources().map((s) => s.file)).toContain(added.file);
  });

  it('keeps the front matter of an uploaded Markdown file, the options overriding it', async () => {
    const added = await library.addArticle({ fileName: 'zebra.MD', bytes: encode(zebraArticle()), source: 'Other Wire' });
    expect(added.article).toMatchObject({ title: "Zebra parade: Lisbon's strangest march", source: 'Other Wire' });
  });

  it('names an untitled plain-text upload after its first words and keeps its title unset', async () => {
    const added = await library.addArticle({ fileName: 'x.txt', bytes: encode(ZEBRA_TEXT) });
    expect(added.file).toMatch(/^the-annual-zebra-parade-in-lisbon-was-attended-[0-9a-f]{8}\.txt$/);
    expect(await readFile(path.join(corpus.corpusDir, added.file), 'utf8')).toBe(ZEBRA_TEXT);
  });

  it('never takes a path from the upload', async () => {
    const added = await library.addArticle({ fileName: '../../etc/passwd.md', bytes: encode(ZEBRA_TEXT) });
    expect(path.dirname(path.join(corpus.corpusDir, added.file))).toBe(corpus.corpusDir);
    expect(added.file).not.toContain('passwd');
    expect(await readdir(corpus.root)).toEqual(expect.not.arrayContaining(['etc']));
  });

  const refusals: [string, () => Parameters<LoadedLibrary['addArticle']>[0], string, RegExp][] = [
    ['a wrong file type', () => ({ fileName: 'story.pdf', bytes: encode(ZEBRA_TEXT) }), 'type', /Only \.md and \.txt/],
    ['a file without extension', () => ({ fileName: 'story', bytes: encode(ZEBRA_TEXT) }), 'type', /without extension/],
    [
      'a 2 MB file',
      () => ({ fileName: 'big.txt', bytes: encode(`${'Zebras walk. '.repeat(160_000)}`) }),
      'size',
      /too big \(2\.1 MB; at most 1\.0 MB\)/,
    ],
    [
      'binary data',
      () => ({ fileName: 'a.txt', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14]) }),
      'encoding',
      /not a text file/,
    ],
    [
      'text that is not UTF-8',
      () => ({ fileName: 'a.txt', bytes: Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6c, 0xe9]) }),
      'encoding',
      /not UTF-8/,
    ],
    ['an empty file', () => ({ fileName: 'a.md', bytes: new Uint8Array() }), 'empty', /empty/],
    ['white space only', () => ({ fileName: 'a.md', bytes: encode('  \n\n ') }), 'empty', /no article text/],
    ['front matter only', () => ({ fileName: 'a.md', bytes: encode('---\ntitle: Zebras\n---\n') }), 'empty', /no article text/],
    ['headings only', () => ({ fileName: 'a.md', bytes: encode('# Zebras\n\n## Lisbon\n') }), 'empty', /no sentences/],
    [
      'bad front matter',
      () => ({ fileName: 'a.md', bytes: encode(`---\ntitle: [unclosed\n---\n${ZEBRA_TEXT}`) }),
      'front-matter',
      /^Bad front matter/,
    ],
    [
      'a bad url option',
      () => ({ fileName: 'a.txt', bytes: encode(ZEBRA_TEXT), url: 'javascript:alert(1)' }),
      'front-matter',
      /'url' must be an http\(s\) address/,
    ],
    [
      'a bad date option',
      () => ({ fileName: 'a.txt', bytes: encode(ZEBRA_TEXT), published: 'last Tuesday' }),
      'front-matter',
      /'published' must be a date/,
    ],
  ];
  for (const [name, upload, reason, message] of refusals) {
    it(`refuses ${name}`, async () => {
      const before = await corpusFiles();
      const version = library.version;
      const refused = await library.addArticle(upload()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ArticleRejected);
      expect(refused).toMatchObject({ reason, message: expect.stringMatching(message) });
      expect(await corpusFiles()).toEqual(before);
      expect(library.version).toBe(version);
    });
  }

  it('accepts an upload whose front matter has keys storybot does not read, and leaves them out of the saved file', async () => {
    const added = await library.addArticle({ fileName: 'a.md', bytes: encode(`---\ntitle: Zebras\nmood: happy\n---\n${ZEBRA_TEXT}`) });
    expect(added.article.title).toBe('Zebras');
    expect(await readFile(path.join(corpus.corpusDir, added.file), 'utf8')).not.toContain('mood');
  });

  it('refuses text that is already there, naming the article', async () => {
    const existing = await readFile(path.join(corpus.corpusDir, 'iran-message-to-biden-administration.md'));
    const refused = await library.addArticle({ fileName: 'copy.md', bytes: existing, title: 'A copy' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ArticleRejected);
    expect(refused).toMatchObject({ reason: 'duplicate', message: expect.stringContaining('iran-message-to-biden-administration.md') });
  });

  it('makes one article of two concurrent uploads of the same text', async () => {
    const outcomes = await Promise.allSettled([
      library.addArticle({ fileName: 'a.txt', bytes: encode(ZEBRA_TEXT), title: 'First' }),
      library.addArticle({ fileName: 'b.txt', bytes: encode(ZEBRA_TEXT), title: 'Second' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(outcomes[1]).toMatchObject({ reason: { reason: 'duplicate', message: expect.stringContaining('First') } });
    expect(library.sources()).toHaveLength(3);
    expect(await corpusFiles()).toHaveLength(3);
  });

  it('moves a removed article to .trash, drops it from answers, and restores it once moved back', async () => {
    const added = await library.addArticle({ fileName: 'z.md', bytes: encode(zebraArticle()) });
    const removed = await library.removeArticle(added.article.id);
    expect(removed).toMatchObject({ file: added.file, trashFile: path.join('.trash', added.file), passages: 2 });
    expect(answeringArticles(library, ZEBRA)).toEqual([]);
    expect(await corpusFiles()).not.toContain(added.file);
    expect(await readdir(path.join(corpus.corpusDir, '.trash'))).toEqual([added.file]);

    await rename(path.join(corpus.corpusDir, removed.trashFile), path.join(corpus.corpusDir, added.file));
    const report = await library.reindex();
    expect(report.changes).toContainEqual({ file: added.file, change: 'added' });
    expect(answeringArticles(library, ZEBRA)).toEqual([added.article.id]);
  });

  it('refuses to remove an unknown article', async () => {
    await expect(library.removeArticle('no-such-article')).rejects.toThrow(ArticleNotFound);
  });

  it('reports a full reindex per file: added, changed, unchanged, removed, failed', async () => {
    const { writeFile, rm } = await import('node:fs/promises');
    await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle());
    await writeFile(path.join(corpus.corpusDir, 'broken.md'), '---\ntitle: [odd\n---\nSome text here.\n');
    const changedFile = path.join(corpus.corpusDir, 'iran-message-to-biden-administration.md');
    await writeFile(changedFile, `${await readFile(changedFile, 'utf8')}\nOne more sentence was added to the end of this article.\n`);
    await rm(path.join(corpus.corpusDir, 'iran-de-escalatory-message.md'));
    const report = await library.reindex();
    expect(report.changes).toEqual([
      { file: 'broken.md', change: 'failed', reason: expect.stringMatching(/^bad front matter/) },
      { file: 'iran-de-escalatory-message.md', change: 'removed' },
      { file: 'iran-message-to-biden-administration.md', change: 'changed' },
      { file: 'zebra.md', change: 'added' },
    ]);
    const added = 'Which sentence was added to the end of this article?';
    expect(library.answer(added).passages[0]?.text).toContain('One more sentence was added');
    const again = await library.reindex();
    expect(again.changes.filter((c) => c.change === 'unchanged').map((c) => c.file)).toEqual([
      'iran-message-to-biden-administration.md',
      'zebra.md',
    ]);
    // Unchanged articles keep the passages made of them, and answer as before.
    expect(library.answer(added).passages[0]?.text).toContain('One more sentence was added');
    expect(answeringArticles(library, ZEBRA)).toEqual(['zebra']);
  });
});
