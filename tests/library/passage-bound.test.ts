import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReindexText } from '../../src/console/render-text.js';
import { renderReindex } from '../../src/discord/render-sources.js';
import { createLibrary } from '../../src/library/library.js';
import { MAX_PASSAGES_PER_ARTICLE } from '../../src/passages/split-article.js';
import { memoryLogger, tempCorpus, type TempCorpus } from './helpers.js';

let corpus: TempCorpus;

beforeEach(async () => {
  corpus = await tempCorpus();
});

afterEach(async () => {
  await corpus.cleanup();
});

/** ~850 KB of one-word lines: well over 100,000 passages without the bound. */
function hugeArticle(): string {
  const lines = Array.from({ length: 120_000 }, (_, i) => `Word${i % 7}.`);
  return `---\ntitle: One word a line\nsource: Test Wire\npublished: 2024-11-13\n---\n${lines.join('\n')}\n`;
}

describe('the passage bound', () => {
  it('indexes a huge article up to the bound, and says so in the log and in the reindex report', async () => {
    const { logger, entries } = memoryLogger();
    const library = await createLibrary({ corpusDir: corpus.corpusDir, logger });
    await writeFile(path.join(corpus.corpusDir, 'huge.md'), hugeArticle());
    const report = await library.reindex();
    await library.close();

    expect(library.sources().find((s) => s.file === 'huge.md')?.passages).toBe(MAX_PASSAGES_PER_ARTICLE);
    const change = report.changes.find((c) => c.file === 'huge.md');
    expect(change).toMatchObject({ change: 'added', note: expect.stringContaining('reached the bound of 2,000 passages per article') });
    // The articles under the bound are reported as before.
    expect(report.changes.filter((c) => c.note)).toHaveLength(1);
    expect(entries).toContainEqual(expect.objectContaining({ file: 'huge.md', level: 40, msg: expect.stringContaining('split the file') }));
    expect(renderReindexText(report)).toContain('huge.md: added (reached the bound');
    expect(renderReindex(report).content).toContain('1 file is indexed only in part');
  });
});
