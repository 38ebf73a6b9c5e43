import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { runEvalSuite, type EvalRow } from '../../src/eval/eval-suite.js';
import { ReferenceCache } from '../../src/eval/reference-cache.js';
import { ROOT } from '../helpers.js';

// A SQuAD-format package of two articles, in the layout of eval/squad-dev.
const LANE =
  'The city council approved a bike lane on Main Street on Monday after a long debate.\n' +
  'Construction of the lane will take six weeks and will cost 2 million dollars, the council said.\n';
const LIBRARY =
  'The mayor opened the new public library on Elm Street in the spring of that year.\n' +
  'The library holds forty thousand books and a large collection of old maps of the region.\n';
const QUESTIONS = {
  questions: [
    {
      id: 'a1',
      q: 'How long will construction of the lane take?',
      article: 'bike-lane',
      paragraph: 1,
      answers: ['six weeks'],
      gold: [LANE.split('\n')[1]],
      kind: 'answerable',
    },
    {
      id: 'a2',
      q: 'When did the council approve the bike lane?',
      article: 'bike-lane',
      paragraph: 0,
      answers: ['Monday'],
      gold: [LANE.split('\n')[0]],
      kind: 'answerable',
    },
    {
      id: 'i1',
      q: 'How long will the demolition of the lane take?',
      article: 'bike-lane',
      paragraph: 1,
      answers: [],
      gold: [],
      kind: 'impossible',
    },
    {
      id: 'b1',
      q: 'How many books does the library hold?',
      article: 'library',
      paragraph: 1,
      answers: ['forty thousand'],
      gold: [LIBRARY.split('\n')[1]],
      kind: 'answerable',
    },
    {
      id: 'x1',
      q: 'How many books does the library hold?',
      article: 'bike-lane',
      answers: [],
      gold: [],
      kind: 'cross-article',
      from: 'library',
    },
  ],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-squad-'));
  await mkdir(path.join(dir, 'corpus'));
  await writeFile(path.join(dir, 'corpus', 'bike-lane.md'), `---\ntitle: "Bike lane"\nsource: "Wikipedia"\n---\n${LANE}`);
  await writeFile(path.join(dir, 'corpus', 'library.md'), `---\ntitle: "Library"\nsource: "Wikipedia"\n---\n${LIBRARY}`);
  await writeFile(path.join(dir, 'questions.json'), JSON.stringify(QUESTIONS));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const rowOf = (rows: readonly EvalRow[], way: string, engine: string): EvalRow | undefined =>
  rows.find((r) => r.way === way && r.engine === engine);

describe('runEvalSuite on a SQuAD-format package', () => {
  it('asks way 1 without the cross-article questions and way 2 with them, for storybot and both references', async () => {
    const { rows } = await runEvalSuite({ squad: { dir, ways: ['all', 'alone'] } });
    expect(rows.map((r) => `${r.set} ${r.way} ${r.engine}`)).toEqual([
      'squad-dev all storybot',
      'squad-dev all bm25',
      'squad-dev all minisearch',
      'squad-dev alone storybot',
      'squad-dev alone bm25',
      'squad-dev alone minisearch',
    ]);
    expect(rowOf(rows, 'all', 'bm25')?.figures).toMatchObject({ questions: 4, answerable: 3, hitAt1: 1, crossArticle: null });
    // Asked of the bike-lane article alone, the library question's terms (book, doe, librari, hold) are all
    // absent, so BM25 gives no answer; MiniSearch keeps stop words and matches "the".
    expect(rowOf(rows, 'alone', 'bm25')?.figures).toMatchObject({ questions: 5, answerable: 3, crossArticle: { abstained: 1, total: 1 } });
    expect(rowOf(rows, 'alone', 'minisearch')?.figures.crossArticle).toEqual({ abstained: 0, total: 1 });
    for (const row of rows) {
      expect(row.hitAt1VsBm25).toBeCloseTo(row.figures.hitAt1 / (rowOf(rows, row.way, 'bm25')?.figures.hitAt1 ?? NaN), 12);
      expect(row.msPerQuestion).toBeGreaterThanOrEqual(0);
    }
  });

  it('reuses the reference answers of an earlier run over the same passages and questions, with the same figures', async () => {
    const file = path.join(dir, 'cache', 'references.json');
    const cache = await ReferenceCache.open(file);
    expect(cache.lookup('no such key')).toBeUndefined();
    const first = await runEvalSuite({ squad: { dir, ways: ['alone'] }, cache });
    await cache.save();
    const again = await runEvalSuite({ squad: { dir, ways: ['alone'] }, cache: await ReferenceCache.open(file) });
    expect(again.rows.map((r) => r.figures)).toEqual(first.rows.map((r) => r.figures));
    expect(again.rows.map((r) => [r.engine, r.msPerQuestion === null])).toEqual([
      ['storybot', false],
      ['bm25', true],
      ['minisearch', true],
    ]);
    // Another engine version (e.g. a new lock file) is a miss: the references are asked again.
    const other = await runEvalSuite({
      squad: { dir, ways: ['alone'] },
      cache: await ReferenceCache.open(file),
      referenceVersion: 'other',
    });
    expect(other.rows.every((r) => r.msPerQuestion !== null)).toBe(true);
  });
});

describe('storybot eval --json', () => {
  it('prints one JSON object with every row’s figures under stable names', async () => {
    const out: string[] = [];
    const code = await runCli(['eval', '--set', 'public', '--json'], {
      out: (t) => out.push(t),
      err: () => undefined,
      isTerminal: false,
      env: {},
      cwd: ROOT,
    });
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const run = JSON.parse(out[0] ?? '') as { rows: Record<string, unknown>[]; grouping: unknown; seconds: number };
    expect(run.rows.map((r) => r.engine)).toEqual(['storybot', 'bm25', 'minisearch']);
    expect(Object.keys(run.rows[0] ?? {}).sort()).toEqual(
      [
        'answerable',
        'answered',
        'crossArticle',
        'engine',
        'hitAt1',
        'hitAt1VsBm25',
        'hitAt3',
        'msPerQuestion',
        'mrrAt5',
        'questions',
        'set',
        'unanswerable',
        'way',
      ].sort(),
    );
    expect(run.rows[0]).toMatchObject({
      set: 'public',
      questions: 18,
      answerable: 16,
      unanswerable: { abstained: 2, total: 2 },
      crossArticle: null,
    });
    expect(run.grouping).toMatchObject({ samePairs: 26, differentPairs: 196, heldOut: { samePairs: 13, differentPairs: 98 } });
  });

  it('refuses an unknown --set or --mode, naming the choices (exit 2)', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t), isTerminal: false, env: {}, cwd: ROOT };
    expect(await runCli(['eval', '--mode', 'both'], io)).toBe(2);
    expect(err.join('\n')).toContain("--mode must be one of all, alone, typed (got 'both')");
    expect(await runCli(['eval', 'my-set.json', '--set', 'squad'], io)).toBe(2);
    expect(err.join('\n')).toContain('a question FILE is in the public format');
  });
});
