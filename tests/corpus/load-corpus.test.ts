import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';

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
});
