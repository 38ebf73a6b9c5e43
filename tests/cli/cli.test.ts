import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { ROOT } from '../helpers.js';

/** Runs the CLI in-process with an environment and returns what it printed and its exit code. */
async function cliIn(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTerminal: false, env, cwd: ROOT });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const cli = (...argv: string[]) => cliIn({}, ...argv);

describe('storybot ask --json', () => {
  it('prints exactly one JSON object with the question and the passages, best first', async () => {
    const { code, out } = await cli('ask', 'When did Biden meet Trump in the Oval Office?', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.question).toBe('When did Biden meet Trump in the Oval Office?');
    expect(json.passages.length).toBeGreaterThan(0);
    for (const p of json.passages) {
      expect(typeof p.text).toBe('string');
      expect(typeof p.paragraph).toBe('number');
      expect(typeof p.score).toBe('number');
      expect(typeof p.article.id).toBe('string');
      expect(typeof p.article.title).toBe('string');
      expect(typeof p.article.source).toBe('string');
      expect(p.article.url === null || typeof p.article.url === 'string').toBe(true);
    }
    expect(json.passages[0].text).toContain('on November 13, 2024');
    expect(json.passages[0].article).toMatchObject({
      id: 'iran-message-to-biden-administration',
      source: 'Daily Caller News Foundation',
      url: null,
    });
  });

  it('prints passages: [] and exits 0 when nothing answers', async () => {
    const { code, out } = await cli('ask', 'What is the weather in Paris today?', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ question: 'What is the weather in Paris today?', passages: [] });
  });

  it('says so in plain text when nothing answers', async () => {
    expect((await cli('ask', 'Who invented the telephone?')).out).toBe('Nothing in the articles answers that.');
  });

  it('respects --limit', async () => {
    const { out } = await cli('ask', 'Trump Iran', '--limit', '1', '--json');
    expect(JSON.parse(out).passages).toHaveLength(1);
  });
});

describe('storybot bad input', () => {
  it.each([
    [['ask', ''], 'storybot: The question is empty: type a question about the story.'],
    [['ask', 'x'.repeat(501)], 'storybot: The question is too long (501 characters; at most 500). Ask it more briefly.'],
    [['ask', 'who?', '--bogus'], "storybot: unknown option '--bogus' for storybot ask"],
    [
      ['sources', '--limit', '3'],
      "storybot: unknown option '--limit' for storybot sources\n\nUsage: storybot sources [--corpus DIR] [--json]",
    ],
    [['sources', '--about', 'x'], "storybot: unknown option '--about' for storybot sources"],
    [
      ['ask', 'who?', '--source', 'y'],
      'storybot: unknown option \'--source\' for storybot ask\n\nUsage: storybot ask "QUESTION" [--limit N]',
    ],
    [['reindex', '--limit', '2'], "storybot: unknown option '--limit' for storybot reindex"],
    [['timeline', '--limit', '2'], "storybot: unknown option '--limit' for storybot timeline"],
    [['ask', 'who?', '--limit'], "storybot: option '--limit' needs a value (--limit N)"],
    [['sources', '--json=yes'], "storybot: option '--json' takes no value (--json)"],
    [['sources', 'extra'], "storybot: unexpected argument 'extra' for storybot sources (it takes none)"],
    [['ask', 'who', 'warned'], 'storybot: put the question in quotes: storybot ask "who warned whom?"'],
    [['--json', 'ask', 'who?'], "storybot: unknown option '--json' before the command"],
    [['help', 'frobnicate'], "storybot: unknown command 'frobnicate'"],
    [['ask', 'who?', '--limit', 'many'], "storybot: --limit must be a whole number from 1 to 10 (got 'many')"],
    [['ask', 'who?', '--corpus', '/nonexistent/dir'], 'storybot: cannot read the corpus directory /nonexistent/dir: ENOENT'],
    [['frobnicate'], "storybot: unknown command 'frobnicate'"],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const { code, err, out } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
  });
});

describe('storybot help and --version', () => {
  it('lists every command with --help, and exits 2 with the same list when no command is given', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of ['ask', 'sources', 'reindex', 'timeline', 'eval']) expect(help.out).toMatch(new RegExp(`^  ${command} `, 'm'));
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.err).toBe(help.out);
  });

  it('shows one command’s own usage and options with `help <command>` and `<command> --help`', async () => {
    const help = await cli('help', 'timeline');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: storybot timeline \[--about WORDS\] \[--source S\] \[--corpus DIR\] \[--json\]\n/);
    expect(help.out).toMatch(/^ {2}--about WORDS +only statements about these words$/m);
    expect(help.out).not.toContain('--limit');
    expect(await cli('timeline', '--help')).toEqual(help);
    expect((await cli('ask', '-h')).out).toContain('--limit N');
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, out: `storybot ${pkg.version}`, err: '' });
  });
});

describe('storybot sources', () => {
  it('lists the articles with publisher, date and passage count', async () => {
    const { code, out } = await cli('sources');
    expect(code).toBe(0);
    expect(out).toMatch(/^2 articles:/);
    expect(out).toMatch(
      /- Iran message to biden administration — Daily Caller News Foundation, date unknown, \d+ passages \[iran-message-to-biden-administration\.md\]/,
    );
    expect(out).toMatch(/publisher unknown, date unknown, \d+ passages \[iran-de-escalatory-message\.md\]/);
  });

  it('says “1 passage” for an article of one sentence', async () => {
    const corpus = await mkdtemp(path.join(tmpdir(), 'storybot-cli-'));
    await writeFile(path.join(corpus, 'short.txt'), 'Iran sent a message to the United States.\n');
    expect((await cli('sources', '--corpus', corpus)).out).toContain('date unknown, 1 passage [short.txt]');
  });

  it('prints the articles, index version and failed files as one JSON object with --json', async () => {
    const corpus = await mkdtemp(path.join(tmpdir(), 'storybot-cli-'));
    await writeFile(
      path.join(corpus, 'short.md'),
      '---\ntitle: A short one\nsource: Wire\npublished: 2024-11\n---\nIran sent a message.\n',
    );
    await writeFile(path.join(corpus, 'empty.md'), '');
    const { code, out } = await cli('sources', '--corpus', corpus, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['articles', 'version', 'updatedAt', 'failed']);
    expect(json.articles).toEqual([
      { id: 'short', title: 'A short one', source: 'Wire', url: null, published: '2024-11', passages: 1, file: 'short.md' },
    ]);
    expect(json.version).toBeTypeOf('number');
    expect(new Date(json.updatedAt).toISOString()).toBe(json.updatedAt);
    expect(json.failed).toEqual([{ file: 'empty.md', reason: 'the article has no text' }]);
  });
});

describe('the index version across CLI runs', () => {
  it('is the one kept in the snapshot, not 1 at every run, and moves when the corpus changes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'storybot-cli-'));
    const env = { CORPUS_DIR: path.join(root, 'corpus'), STORYBOT_DATA_DIR: path.join(root, 'data') };
    await mkdir(env.CORPUS_DIR);
    await writeFile(path.join(env.CORPUS_DIR, 'a.txt'), 'Iran sent a message to the United States.\n');
    const sources = async () => JSON.parse((await cliIn(env, 'sources', '--json')).out) as { version: number; updatedAt: string };
    const first = await sources();
    expect(await sources()).toMatchObject(first);
    await writeFile(path.join(env.CORPUS_DIR, 'b.txt'), 'The United States answered through Swiss diplomats.\n');
    const third = await sources();
    expect(third.version).toBe(first.version + 1);
    expect(third.updatedAt > first.updatedAt).toBe(true);
  });

  it('still answers when the data directory cannot be used, and says so', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'storybot-cli-'));
    await writeFile(path.join(root, 'a-file'), '');
    const { code, out, err } = await cliIn({ STORYBOT_DATA_DIR: path.join(root, 'a-file', 'data') }, 'ask', 'Who is Massoud Pezeshkian?');
    expect(code).toBe(0);
    expect(out).toContain('Massoud Pezeshkian');
    expect(err).toContain(`storybot: cannot use the data directory ${path.join(root, 'a-file', 'data')} (STORYBOT_DATA_DIR)`);
  });
});

describe('storybot reindex --json', () => {
  it('prints the per-file report as one JSON object, and exits 1 when a file failed', async () => {
    const corpus = await mkdtemp(path.join(tmpdir(), 'storybot-cli-'));
    await writeFile(path.join(corpus, 'short.txt'), 'Iran sent a message to the United States.\n');
    await writeFile(path.join(corpus, 'empty.md'), '');
    const { code, out } = await cli('reindex', '--corpus', corpus, '--json');
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(json.after).toEqual({ articles: 1, passages: 1 });
    expect(json.files).toEqual([
      { file: 'empty.md', change: 'failed', reason: 'the article has no text' },
      { file: 'short.txt', change: 'added' },
    ]);
  });
});

describe('the storybot executable', () => {
  it('runs from the package bin, prints JSON on stdout only, and exits 2 on bad input', async () => {
    const run = promisify(execFile);
    const bin = path.join(ROOT, 'bin/storybot.js');
    const ok = await run(process.execPath, [bin, 'ask', 'Who is Massoud Pezeshkian?', '--json'], { cwd: ROOT });
    expect(JSON.parse(ok.stdout).passages[0].text).toContain('Massoud Pezeshkian');
    await expect(run(process.execPath, [bin, 'ask', ''], { cwd: ROOT })).rejects.toMatchObject({ code: 2, stdout: '' });
  });
});
