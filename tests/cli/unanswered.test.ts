import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { openFeedbackLog } from '../../src/feedback/feedback-log.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-cli-feedback-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { STORYBOT_DATA_DIR: dataDir };
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTerminal: false, env, cwd: process.cwd() });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Records what the Discord bot would, `daysAgo` days back: two wordings of one unanswered question, and a 👎. */
async function recordFeedback(daysAgo = 0): Promise<void> {
  let at = Date.now() - daysAgo * 86_400_000;
  // A second between records, so the later wording is the later one.
  const log = await openFeedbackLog({ dataDir, keepDays: 90, now: () => new Date((at += 1000)) });
  await log.recordNoAnswer('What is the recipe for banana bread?', '111111111111111111');
  await log.recordNoAnswer('what is the recipe for  banana bread?', '222222222222222222');
  await log.vote('answer-1', '111111111111111111', 'down', 'who warned Iran?').saved;
  await log.close();
}

describe('storybot unanswered', () => {
  it('prints exactly { questions: [{ question, count, lastAsked, reason }] } with --json, most frequent first', async () => {
    await recordFeedback();
    const { code, out } = await cli('unanswered', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { questions: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['questions']);
    expect(json.questions.map((q) => Object.keys(q).sort())).toEqual([
      ['count', 'lastAsked', 'question', 'reason'],
      ['count', 'lastAsked', 'question', 'reason'],
    ]);
    expect(json.questions).toMatchObject([
      { question: 'what is the recipe for banana bread?', count: 2, reason: 'no-answer' },
      { question: 'who warned Iran?', count: 1, reason: 'disliked' },
    ]);
    expect(Math.abs(Date.parse(String(json.questions[0]?.lastAsked)) - Date.now())).toBeLessThan(60_000);
  });

  it('looks back only --days days, and lists them as text by default', async () => {
    await recordFeedback(10);
    expect(JSON.parse((await cli('unanswered', '--days', '5', '--json')).out)).toEqual({ questions: [] });
    const { code, out } = await cli('unanswered', '--days', '30');
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'Unanswered questions in the last 30 days: 2, most frequent first',
      expect.stringMatching(/^2× {2}what is the recipe for banana bread\? {2}\(no answer, last \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/),
      expect.stringMatching(/^1× {2}who warned Iran\? {2}\(answer voted down, last /),
    ]);
  });

  it('says so when nothing is recorded, and refuses a bad --days', async () => {
    expect((await cli('unanswered')).out).toBe('No question went unanswered or had its answer voted down in the last 90 days.');
    const bad = await cli('unanswered', '--days', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--days must be a whole number from 1 to 3650 (got 'soon')");
  });

  it('shows control characters of a question escaped, never raw to the terminal', async () => {
    const log = await openFeedbackLog({ dataDir, keepDays: 90 });
    await log.recordNoAnswer('who \u001b[2Jcleared the screen?', '111111111111111111');
    await log.close();
    expect((await cli('unanswered')).out).toContain('who \\u001b[2Jcleared the screen?');
  });
});
