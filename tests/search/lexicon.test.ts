import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../../src/search/lexicon/lexicon-format.js';
import { loadLexicon, type Lexicon, type Relation } from '../../src/search/lexicon/lexicon.js';

const MINI_DICT = fileURLToPath(new URL('../fixtures/wordnet-mini', import.meta.url));

describe('loadLexicon (WordNet 3.1)', () => {
  let lexicon: Lexicon;
  beforeAll(() => {
    lexicon = loadLexicon();
  });
  const relation = (word: string, other: string): Relation | undefined => lexicon.related(word).find((r) => r.word === other)?.relation;

  it('finds the dictionary form of irregular and regular inflections', () => {
    expect(lexicon.baseForms('bought')).toEqual(['buy']);
    expect(lexicon.baseForms('began')).toEqual(['begin']);
    expect(lexicon.baseForms('took')).toEqual(['take']);
    expect(lexicon.baseForms('mice')).toEqual(['mouse']);
    expect(lexicon.baseForms('getting')[0]).toBe('get');
    expect(lexicon.baseForms('citizens')).toEqual(['citizen']);
    expect(lexicon.baseForms('stopped')).toContain('stop');
  });

  it('keeps a base form as it is, in lower case, and knows nothing of unknown words', () => {
    expect(lexicon.baseForms('traditionally')).toEqual(['traditionally']);
    expect(lexicon.baseForms('Paris')).toEqual(['paris']);
    expect(lexicon.baseForms('qwzxv')).toEqual([]);
    expect(lexicon.related('qwzxv')).toEqual([]);
    expect(lexicon.isWord('qwzxv')).toBe(false);
    expect(lexicon.isWord('bought')).toBe(true);
    expect(lexicon.isWord('purchase')).toBe(true);
  });

  it('knows the words it writes only capitalised as names, and not those also common', () => {
    for (const name of ['putin', 'Tehran', 'parisian', 'einstein']) expect(lexicon.isName(name)).toBe(true);
    for (const word of ['march', 'trump', 'china', 'president', 'qwzxv']) expect(lexicon.isName(word)).toBe(false);
  });

  it('does not let a suffix rule turn a common word into a rare one', () => {
    expect(lexicon.baseForms('was')).toEqual(['be']);
    expect(lexicon.baseForms('gas')).toEqual(['gas']);
  });

  it('relates synonyms of frequent senses first: buy ~ purchase, begin ~ start', () => {
    expect(lexicon.related('buy')[0]).toMatchObject({ word: 'purchase', relation: 'synonym' });
    expect(relation('purchase', 'buy')).toBe('synonym');
    expect(relation('begin', 'start')).toBe('synonym');
    const buy = lexicon.related('buy').map((r) => r.word);
    expect(buy.indexOf('purchase')).toBeLessThan(buy.indexOf('bribe'));
  });

  it('relates derivations both ways: citizen ↔ citizenship, purchase ↔ purchaser', () => {
    expect(relation('citizen', 'citizenship')).toBe('derivation');
    expect(relation('citizenship', 'citizen')).toBe('derivation');
    expect(relation('purchase', 'purchaser')).toBe('derivation');
  });

  it('relates pertainyms: parisian → paris, traditionally → traditional, and back', () => {
    expect(relation('parisian', 'paris')).toBe('pertainym');
    expect(relation('traditionally', 'traditional')).toBe('pertainym');
    expect(lexicon.related('traditional').map((r) => r.word)).toContain('traditionally');
    expect(lexicon.related('paris').map((r) => r.word)).toContain('parisian');
  });

  it('relates a capital to its country as a holonym: paris → france', () => {
    expect(relation('paris', 'france')).toBe('holonym');
  });

  it('reaches a general word through a noun hypernym: boss → leader', () => {
    expect(relation('boss', 'leader')).toBe('hypernym');
    expect(relation('boss', 'chief')).toBe('synonym');
  });

  it('looks up phrases: took out → take out (WordNet 3.1 gives it no sense "kill"; bump off has one)', () => {
    expect(lexicon.baseForms('took out')).toEqual(['take out']);
    expect(lexicon.baseForms('prime ministers')).toEqual(['prime minister']);
    expect(relation('take out', 'remove')).toBe('synonym');
    expect(relation('bump off', 'murder')).toBe('synonym');
  });

  it('keeps each list short, best first, with weights in (0, 1]', () => {
    for (const word of ['paris', 'france', 'take', 'run', 'good']) {
      const related = lexicon.related(word);
      expect(related.length).toBeGreaterThan(0);
      expect(related.length).toBeLessThanOrEqual(24);
      const weights = related.map((r) => r.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      expect(weights.every((w) => w > 0 && w <= 1)).toBe(true);
      expect(related.some((r) => r.word === word)).toBe(false);
    }
  });

  it('is loaded once', () => {
    expect(loadLexicon()).toBe(lexicon);
  });
});

describe('the lexicon cache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'storybot-lexicon-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is converted from WordNet when the file is missing', () => {
    const cacheFile = path.join(dir, 'missing', 'lexicon.bin');
    const lexicon = loadLexicon({ cacheFile, dictDir: MINI_DICT });
    expect(existsSync(cacheFile)).toBe(true);
    expect(lexicon.related('buy').map((r) => r.word)).toEqual(['purchase']);
    expect(lexicon.baseForms('bought')).toEqual(['buy']);
    expect(lexicon.baseForms('purchased')).toEqual(['purchase']);
  });

  it('is converted again when its format version is stale, or it is no lexicon at all', () => {
    const built = path.join(dir, 'built.bin');
    loadLexicon({ cacheFile: built, dictDir: MINI_DICT });
    const stale = path.join(dir, 'stale.bin');
    copyFileSync(built, stale);
    const bytes = readFileSync(stale);
    bytes.writeUInt32LE(FORMAT_VERSION - 1, 4);
    writeFileSync(stale, bytes);
    expect(loadLexicon({ cacheFile: stale, dictDir: MINI_DICT }).isWord('purchase')).toBe(true);
    expect(readFileSync(stale).readUInt32LE(4)).toBe(FORMAT_VERSION);

    const garbage = path.join(dir, 'garbage.bin');
    writeFileSync(garbage, 'not a lexicon');
    expect(
      loadLexicon({ cacheFile: garbage, dictDir: MINI_DICT })
        .related('purchase')
        .map((r) => r.word),
    ).toEqual(['buy']);
  });
});
