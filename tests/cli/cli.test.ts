import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { ROOT } from '../helpers.js';

/** Runs the CLI in-process and returns what it printed and its exit code. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTerminal: false, env: {}, cwd: ROOT });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

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
    [['ask', 'who?', '--bogus'], "storybot: Unknown option '--bogus'"],
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
