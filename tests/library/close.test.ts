import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus-files.js';
import { generateCorpus } from '../../bench/corpus-generator.js';
import { loadVocabulary } from '../../bench/vocabulary.js';
import { LibraryClosing } from '../../src/library/library-errors.js';
import { createLibrary } from '../../src/library/library.js';

let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('closing the library', () => {
  it('gives up a full reindex in progress instead of holding up the stop, keeping the index in use', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'storybot-close-'));
    await writeCorpus(dir, generateCorpus(loadVocabulary(), 5000, 3).articles);
    const library = await createLibrary({ corpusDir: dir, dataDir: path.join(dir, '.data') });
    const before = library.version;
    const reindexing = library.reindex();
    await library.close();
    await expect(reindexing).rejects.toThrow(LibraryClosing);
    expect(library.version).toBe(before);
    expect(library.sources().length).toBeGreaterThan(100);
  });
});
