import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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
    expect(failures).toEqual([{ file: 'b.md', reason: 'same text as a.txt, which was indexed first; remove one of them' }]);
  });

  it('keeps the older of two files with the same text, whatever their names, and the indexed one first of all', async () => {
    const dir = await corpusWith({ 'original.md': 'Same text.', 'a-copy.md': 'Same text.' });
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path.join(dir, 'original.md'), hourAgo, hourAgo);
    const fresh = await loadCorpus(dir);
    expect(fresh.articles.map((a) => a.file)).toEqual(['original.md']);
    expect(fresh.failures).toEqual([{ file: 'a-copy.md', reason: 'same text as original.md, which was indexed first; remove one of them' }]);
    const indexed = await loadCorpus(dir, { indexed: new Set(['a-copy.md']) });
    expect(indexed.articles.map((a) => a.file)).toEqual(['a-copy.md']);
  });

  it('reads articles in sub-folders, skips hidden folders, and reports the entries it leaves out', async () => {
    const dir = await corpusWith({ 'top.md': 'Top text.', 'notes.pdf': '%PDF' });
    await mkdir(path.join(dir, '2024-11', 'week-2'), { recursive: true });
    await mkdir(path.join(dir, '.trash'));
    await writeFile(path.join(dir, '2024-11', 'x.md'), 'November text.');
    await writeFile(path.join(dir, '2024-11', 'week-2', 'y.txt'), 'Week two text.');
    await writeFile(path.join(dir, '.trash', 'old.md'), 'Removed text.');
    const { articles, failures, notices } = await loadCorpus(dir);
    expect(articles.map((a) => [a.file, a.id])).toEqual([
      [path.join('2024-11', 'week-2', 'y.txt'), 'y'],
      [path.join('2024-11', 'x.md'), 'x'],
      ['top.md', 'top'],
    ]);
    expect(failures).toEqual([]);
    expect(notices).toEqual([{ file: 'notes.pdf', kind: 'skipped', message: 'not an article: only .md and .txt files are read' }]);
  });

  it('keeps an article with unknown front-matter keys and says which keys were ignored', async () => {
    const dir = await corpusWith({ 'a.md': '---\ntitle: Zebras\ntags: [x]\n---\nText.' });
    const { articles, notices } = await loadCorpus(dir);
    expect(articles.map((a) => a.title)).toEqual(['Zebras']);
    expect(notices).toEqual([
      { file: 'a.md', kind: 'ignored-keys', message: "front matter key 'tags' ignored (storybot reads title, source, url, published, author)" },
    ]);
  });

  it('reads regular files only: a named pipe is reported without waiting for a writer', async () => {
    const dir = await corpusWith({ 'good.md': 'Good text.' });
    await promisify(execFile)('mkfifo', [path.join(dir, 'pipe.md')]);
    const { articles, failures } = await loadCorpus(dir);
    expect(articles.map((a) => a.file)).toEqual(['good.md']);
    expect(failures).toEqual([{ file: 'pipe.md', reason: 'not a regular file (a named pipe): only regular files are read' }]);
  });

  it('follows a link within the corpus, and reports one that leaves it instead of reading its target', async () => {
    const dir = await corpusWith({ 'good.md': 'Good text.' });
    const outside = await corpusWith({ 'secret.md': 'Text from elsewhere.' });
    // The target is hidden, so the link is the only way in (else the two would be duplicates).
    await writeFile(path.join(dir, '.inner.md'), 'Inner text.');
    await symlink(path.join(dir, '.inner.md'), path.join(dir, 'inner-link.md'));
    await symlink(path.join(outside, 'secret.md'), path.join(dir, 'escape.md'));
    const { articles, failures } = await loadCorpus(dir);
    expect(articles.map((a) => [a.file, a.body])).toEqual([
      ['good.md', 'Good text.'],
      ['inner-link.md', 'Inner text.'],
    ]);
    expect(failures).toEqual([
      {
        file: 'escape.md',
        reason: `a link to ${await realpath(path.join(outside, 'secret.md'))}, outside the corpus directory: links are followed only within it`,
      },
    ]);
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
