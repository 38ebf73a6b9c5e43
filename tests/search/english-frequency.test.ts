import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCommonWord, isSlipOfCommonWord } from '../../src/search/english-frequency.js';
import { openCachedSections, WordTable } from '../../src/search/lexicon/cached-sections.js';
import { commonWordsIdentity, convertCommonWords } from '../../src/search/lexicon/convert-common-words.js';

const dir = await mkdtemp(path.join(tmpdir(), 'storybot-common-words-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('common English words', () => {
  it('tells everyday words from rare ones and from slips of everyday words', () => {
    expect(isCommonWord('invent')).toBe(true);
    expect(isCommonWord('indited')).toBe(false);
    expect(isSlipOfCommonWord('newsaper')).toBe(true);
    expect(isSlipOfCommonWord('pezeshkian')).toBe(false);
  });

  it('converts the frequency list into a word table that a fresh file reads the same', () => {
    const file = path.join(dir, 'common.bin');
    const stats = convertCommonWords(file);
    expect(stats.words).toBeGreaterThan(20_000);
    const table = new WordTable(openCachedSections(file, commonWordsIdentity(), () => convertCommonWords(file)));
    expect(table.idOf('invent')).toBeDefined();
    expect(table.idOf('indited')).toBeUndefined();
  });
});
