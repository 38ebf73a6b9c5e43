import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryEvent } from '../../src/library/library-events.js';
import { createLibrary, type LoadedLibrary } from '../../src/library/library.js';
import { answeringArticles, tempCorpus, waitFor, zebraArticle, type TempCorpus } from './helpers.js';

const ZEBRA = 'How many people attended the zebra parade in Lisbon?';

describe('the corpus rules, the same at start, on reindex and while watching', () => {
  let corpus: TempCorpus;
  let library: LoadedLibrary | undefined;
  let events: LibraryEvent[];

  beforeEach(async () => {
    corpus = await tempCorpus();
    events = [];
  });

  afterEach(async () => {
    await library?.close();
    library = undefined;
    await corpus.cleanup();
  });

  const open = async (): Promise<LoadedLibrary> => {
    await library?.close();
    library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, watch: true, onEvent: (e) => events.push(e) });
    return library;
  };
  /** The failures told, each once (a file written in two steps may be told twice). */
  const failed = (): { file: string; reason?: string }[] => [
    ...new Map(
      events.flatMap((e) =>
        e.type === 'file' && e.change.change === 'failed' ? [[e.change.file, { file: e.change.file, reason: e.change.reason }]] : [],
      ),
    ).values(),
  ];

  it('keeps the original when a copy lands, on the watch, a reindex and a fresh start, and names both files', async () => {
    const original = path.join(corpus.corpusDir, 'zebra.md');
    await writeFile(original, zebraArticle());
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(original, hourAgo, hourAgo);
    const lib = await open();
    // A copy whose name sorts first: the rule must not depend on names.
    await copyFile(original, path.join(corpus.corpusDir, 'a-copy.md'));
    const copyReason = 'same text as zebra.md, which was indexed first; remove one of them';
    await waitFor(() => failed().some((f) => f.file === 'a-copy.md'), 'the copy to be reported');
    expect(failed()).toEqual([{ file: 'a-copy.md', reason: copyReason }]);
    expect(answeringArticles(lib, ZEBRA)).toEqual(['zebra']);
    const version = lib.version;

    const report = await lib.reindex();
    expect(lib.version).toBe(version);
    expect(report.changes.filter((c) => c.file === 'zebra.md' || c.file === 'a-copy.md')).toEqual([
      { file: 'a-copy.md', change: 'failed', reason: copyReason },
      { file: 'zebra.md', change: 'unchanged' },
    ]);
    expect(answeringArticles(lib, ZEBRA)).toEqual(['zebra']);

    await rm(corpus.dataDir, { recursive: true });
    const fresh = await open();
    expect(fresh.loadReport.failures).toEqual([{ file: 'a-copy.md', reason: copyReason }]);
    expect(answeringArticles(fresh, ZEBRA)).toEqual(['zebra']);
  });

  it('indexes an article added to a sub-folder, and drops it when the folder goes', async () => {
    const lib = await open();
    await mkdir(path.join(corpus.corpusDir, '2024-11'));
    await writeFile(path.join(corpus.corpusDir, '2024-11', 'zebra.md'), zebraArticle());
    await waitFor(() => answeringArticles(lib, ZEBRA).includes('zebra'), 'the article in the sub-folder to answer');
    expect(lib.sources().map((s) => s.file)).toContain(path.join('2024-11', 'zebra.md'));
    await rm(path.join(corpus.corpusDir, '2024-11'), { recursive: true });
    await waitFor(() => answeringArticles(lib, ZEBRA).length === 0, 'the removed folder’s article to stop answering');
  });

  it('moves a removed article of a sub-folder to the same folder in the trash', async () => {
    await mkdir(path.join(corpus.corpusDir, '2024-11'));
    await writeFile(path.join(corpus.corpusDir, '2024-11', 'zebra.md'), zebraArticle());
    const lib = await open();
    const removed = await lib.removeArticle('zebra');
    expect(removed.trashFile).toBe(path.join('.trash', '2024-11', 'zebra.md'));
    expect(await readFile(path.join(corpus.corpusDir, removed.trashFile), 'utf8')).toBe(zebraArticle());
    await expect(readFile(path.join(corpus.corpusDir, '2024-11', 'zebra.md'))).rejects.toThrow('ENOENT');
  });

  it('reports a named pipe without waiting on it, keeps following changes, and closes', async () => {
    const lib = await open();
    await promisify(execFile)('mkfifo', [path.join(corpus.corpusDir, 'pipe.md')]);
    await waitFor(() => failed().some((f) => f.file === 'pipe.md'), 'the pipe to be reported');
    expect(failed()).toEqual([{ file: 'pipe.md', reason: 'not a regular file (a named pipe): only regular files are read' }]);
    await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle());
    await waitFor(() => answeringArticles(lib, ZEBRA).includes('zebra'), 'a later article to be indexed');
    await lib.close();
    library = undefined;
    const restarted = await open();
    expect(restarted.loadReport.failures.map((f) => f.file)).toEqual(['pipe.md']);
  });

  it('never quotes a link that leaves the corpus, on the watch or at the next start, and says so', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'storybot-outside-'));
    await writeFile(path.join(outside, 'zebra.md'), zebraArticle());
    const lib = await open();
    await symlink(path.join(outside, 'zebra.md'), path.join(corpus.corpusDir, 'zebra.md'));
    await waitFor(() => failed().some((f) => f.file === 'zebra.md'), 'the link to be reported');
    expect(failed()[0]?.reason).toMatch(/^a link to .*zebra\.md, outside the corpus directory: links are followed only within it$/);
    expect(answeringArticles(lib, ZEBRA)).toEqual([]);
    const restarted = await open();
    expect(restarted.loadReport.failures.map((f) => f.file)).toEqual(['zebra.md']);
    expect(answeringArticles(restarted, ZEBRA)).toEqual([]);
    await rm(outside, { recursive: true });
  });

  it('watches a corpus directory reached through a link as the directory itself', async () => {
    const link = path.join(corpus.root, 'corpus-link');
    await symlink(corpus.corpusDir, link);
    library = await createLibrary({ corpusDir: link, watch: true });
    await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle());
    const lib = library;
    await waitFor(() => answeringArticles(lib, ZEBRA).includes('zebra'), 'the article added behind the link to answer');
  });

  it('warns once about ignored front-matter keys, not at every change of the file', async () => {
    const lib = await open();
    const file = path.join(corpus.corpusDir, 'zebra.md');
    await writeFile(file, zebraArticle().replace('source: Test Wire', 'source: Test Wire\ntags: [zebras]'));
    await waitFor(() => answeringArticles(lib, ZEBRA).includes('zebra'), 'the article to be indexed');
    await writeFile(file, zebraArticle('7,500').replace('source: Test Wire', 'source: Test Wire\ntags: [zebras]'));
    await waitFor(() => lib.answer(ZEBRA).passages[0]?.text.includes('7,500'), 'the change to be indexed');
    const notices = events.filter((e) => e.type === 'notice');
    expect(notices).toEqual([
      {
        type: 'notice',
        cause: 'watch',
        notice: {
          file: 'zebra.md',
          kind: 'ignored-keys',
          message: "front matter key 'tags' ignored (storybot reads title, source, url, published, author)",
        },
      },
    ]);
  });

  it('keeps the index version and when it last changed across restarts, and moves them only on a change', async () => {
    const first = await open();
    const { version, updatedAt } = first;
    await first.close();
    library = undefined;
    const second = await open();
    expect([second.version, second.updatedAt.toISOString()]).toEqual([version, updatedAt.toISOString()]);
    await second.reindex();
    expect(second.version).toBe(version);
    await writeFile(path.join(corpus.corpusDir, 'zebra.md'), zebraArticle());
    await second.close();
    library = undefined;
    const third = await open();
    expect(third.version).toBe(version + 1);
    expect(third.updatedAt.getTime()).toBeGreaterThan(updatedAt.getTime());
  });
});
