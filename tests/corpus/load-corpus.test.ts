import { mkdtemp, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RACY_WINDOW_MS, stampOf, type FileStamp } from '../../src/corpus/file-stamp.js';
import { loadCorpus, type StampedArticle } from '../../src/corpus/load-corpus.js';

async function corpusWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-corpus-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('loadCorpus', () => {
  it('reports each broken file with its name and reason and still loads the others', async () => {
    const dir = await corpusWith({
      'good.md': '---\nsource: Wire\n---\nA good article.',
      'bad-front-matter.md': '---\ntitle: [oops\n---\nText.',
      'latin1.txt': Uint8Array.from([0x63, 0x61, 0x66, 0xe9]),
      'empty.txt': '',
      'notes.json': '{}',
      '.hidden.md': 'Hidden.',
    });
    const { articles, failures } = await loadCorpus(dir);
    expect(articles.map((a) => a.file)).toEqual(['good.md']);
    expect(failures.map((f) => f.file)).toEqual(['bad-front-matter.md', 'empty.txt', 'latin1.txt']);
    expect(failures.find((f) => f.file === 'latin1.txt')?.reason).toBe('not UTF-8 text: save the file as UTF-8');
    expect(failures.find((f) => f.file === 'empty.txt')?.reason).toBe('the article has no text');
  });

  it('keeps one article when two files hold the same text, and names the first', async () => {
    const dir = await corpusWith({ 'a.txt': 'Same text.', 'b.md': '---\nsource: Other\n---\nSame text.' });
    const { articles, failures } = await loadCorpus(dir);
    expect(articles.map((a) => a.file)).toEqual(['a.txt']);
    expect(failures).toEqual([{ file: 'b.md', reason: 'same text as a.txt; remove one of them' }]);
  });

  it('fails with the directory name when the corpus directory cannot be read', async () => {
    await expect(loadCorpus('/nonexistent/storybot')).rejects.toThrow('storybot: cannot read the corpus directory /nonexistent/storybot: ENOENT');
  });

  describe('known articles (from a snapshot)', () => {
    /** The article loadCorpus read from a file, known with a stamp taken `readLater` ms after the file was last written. */
    async function known(dir: string, file: string, readLater: number): Promise<Map<string, StampedArticle>> {
      const { articles, stamps } = await loadCorpus(dir);
      const article = articles.find((a) => a.file === file)!;
      const written = stamps.get(file)!;
      const stamp: FileStamp = { ...written, readAtMs: Math.max(written.mtimeMs, written.ctimeMs) + readLater };
      // Marked, to tell the known article from one read again.
      return new Map([[file, { article: { ...article, title: 'FROM THE SNAPSHOT' }, stamp }]]);
    }

    it('takes a file unchanged since its stamp from what is known, without reading it', async () => {
      const dir = await corpusWith({ 'a.md': 'Alpha text.', 'b.md': 'Beta text.' });
      const { articles, stamps } = await loadCorpus(dir, { known: await known(dir, 'a.md', RACY_WINDOW_MS + 1000) });
      expect(articles.map((a) => a.title)).toEqual(['FROM THE SNAPSHOT', 'B']);
      expect(stamps.get('b.md')).toEqual(stampOf(await stat(path.join(dir, 'b.md')), stamps.get('b.md')!.readAtMs));
    });

    it('reads a file again when it was rewritten, even with the same size and modification time', async () => {
      const dir = await corpusWith({ 'a.md': 'Alpha text.' });
      const knownA = await known(dir, 'a.md', RACY_WINDOW_MS + 1000);
      const before = await stat(path.join(dir, 'a.md'));
      await writeFile(path.join(dir, 'a.md'), 'Gamma text.');
      await utimes(path.join(dir, 'a.md'), before.atime, before.mtime);
      const { articles } = await loadCorpus(dir, { known: knownA });
      expect(articles.map((a) => [a.title, a.body])).toEqual([['A', 'Gamma text.']]);
    });

    it('reads a file again when its stamp was taken too soon after it was written to prove anything', async () => {
      const dir = await corpusWith({ 'a.md': 'Alpha text.' });
      const { articles } = await loadCorpus(dir, { known: await known(dir, 'a.md', RACY_WINDOW_MS - 1) });
      expect(articles.map((a) => a.title)).toEqual(['A']);
    });
  });
});
