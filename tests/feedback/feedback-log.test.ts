import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FEEDBACK_DIR, openFeedbackLog, readUnanswered, type FeedbackLogOptions } from '../../src/feedback/feedback-log.js';

let dataDir: string;
let clock: Date;
const now = (): Date => clock;
const options = (extra: Partial<FeedbackLogOptions> = {}): FeedbackLogOptions => ({ dataDir, keepDays: 90, now, ...extra });
const DAY = 86_400_000;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-feedback-'));
  clock = new Date('2026-12-02T10:00:00Z');
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function dayFileText(day = '2026-12-02'): Promise<string> {
  return readFile(path.join(dataDir, FEEDBACK_DIR, `${day}.jsonl`), 'utf8');
}

describe('FeedbackLog', () => {
  it('lets a user change a vote but refuses the same vote twice, and a changed 👎 leaves the list', async () => {
    const log = await openFeedbackLog(options());
    expect(log.vote('answer-1', 'user-a', 'down', 'who warned Iran?').outcome).toBe('recorded');
    expect(log.vote('answer-1', 'user-a', 'down', 'who warned Iran?').outcome).toBe('unchanged');
    expect(log.vote('answer-1', 'user-b', 'down', 'who warned Iran?').outcome).toBe('recorded');
    expect(log.unanswered()).toEqual([{ question: 'who warned Iran?', count: 2, lastAsked: clock.toISOString(), reason: 'disliked' }]);
    const { outcome, saved } = log.vote('answer-1', 'user-a', 'up', 'who warned Iran?');
    await saved;
    expect(outcome).toBe('changed');
    expect(log.unanswered()).toEqual([expect.objectContaining({ count: 1, reason: 'disliked' })]);
    await log.close();
    // Three votes written; the refused one was not.
    expect((await dayFileText()).trim().split('\n')).toHaveLength(3);
  });

  it('keeps votes and unanswered questions across a restart, so a vote cast before it is still not cast twice', async () => {
    const first = await openFeedbackLog(options());
    await first.recordNoAnswer('What is the weather in Paris?', 'user-a');
    await first.vote('answer-1', 'user-a', 'up', 'who warned Iran?').saved;
    await first.close();
    const second = await openFeedbackLog(options());
    expect(second.vote('answer-1', 'user-a', 'up', 'who warned Iran?').outcome).toBe('unchanged');
    expect(second.unanswered()).toEqual([
      { question: 'What is the weather in Paris?', count: 1, lastAsked: clock.toISOString(), reason: 'no-answer' },
    ]);
    await second.close();
  });

  it('keeps user ids only as salted hashes, the same across restarts and different in another data directory', async () => {
    const log = await openFeedbackLog(options());
    await log.recordNoAnswer('a question', '123456789012345678');
    await log.close();
    const text = await dayFileText();
    expect(text).not.toContain('123456789012345678');
    const hash = (JSON.parse(text) as { user: string }).user;
    expect(hash).toMatch(/^[0-9a-f]{32}$/);

    const again = await openFeedbackLog(options());
    await again.recordNoAnswer('a question', '123456789012345678');
    await again.close();
    expect((await dayFileText()).match(new RegExp(hash, 'g'))).toHaveLength(2);

    const otherDir = await mkdtemp(path.join(tmpdir(), 'storybot-feedback-'));
    const other = await openFeedbackLog({ ...options(), dataDir: otherDir });
    await other.recordNoAnswer('a question', '123456789012345678');
    await other.close();
    const otherText = await readFile(path.join(otherDir, FEEDBACK_DIR, '2026-12-02.jsonl'), 'utf8');
    await rm(otherDir, { recursive: true, force: true });
    expect(otherText).not.toContain(hash);
  });

  it('skips a line torn by a crash, and the next record starts on a line of its own', async () => {
    const log = await openFeedbackLog(options());
    await log.recordNoAnswer('Who killed Soleimani?', 'user-a');
    await log.close();
    const file = path.join(dataDir, FEEDBACK_DIR, '2026-12-02.jsonl');
    await appendFile(file, '{"type":"no-answer","at":"2026-12-02T10:00:00.000Z","question":"torn in the mid');

    const reopened = await openFeedbackLog(options());
    expect(reopened.unanswered().map((q) => q.question)).toEqual(['Who killed Soleimani?']);
    await reopened.recordNoAnswer('When was the message sent?', 'user-b');
    await reopened.close();
    expect((await readUnanswered(dataDir, 90, clock)).map((q) => q.question).sort()).toEqual([
      'When was the message sent?',
      'Who killed Soleimani?',
    ]);
  });

  it('loses no record written before a process is killed in the middle of its writes', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/feedback/append-until-killed.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await once(child.stdout, 'data');
    // Let it write a while, then kill it without warning, most likely inside a write.
    const file = path.join(
      dataDir,
      FEEDBACK_DIR,
      (await readdir(path.join(dataDir, FEEDBACK_DIR))).find((f) => f.endsWith('.jsonl'))!,
    );
    while ((await stat(file)).size < 1_000_000) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGKILL');
    await once(child, 'exit');

    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
    const whole = lines.filter((line) => line.endsWith('}'));
    // Every line but perhaps a torn last one is a whole record.
    expect(lines.length - whole.length).toBeLessThanOrEqual(1);
    const listed = await readUnanswered(dataDir, 90);
    expect(listed.reduce((sum, q) => sum + q.count, 0)).toBe(whole.length);
    expect(whole.length).toBeGreaterThan(10);
  });

  it('forgets what is older than the kept days, deleting whole day files', async () => {
    const log = await openFeedbackLog(options({ keepDays: 30 }));
    await log.recordNoAnswer('an old question', 'user-a');
    await log.close();
    clock = new Date(clock.getTime() + 10 * DAY);
    const later = await openFeedbackLog(options({ keepDays: 30 }));
    await later.recordNoAnswer('a newer question', 'user-a');
    expect(later.unanswered(5).map((q) => q.question)).toEqual(['a newer question']);
    expect(later.unanswered().map((q) => q.question)).toEqual(['a newer question', 'an old question']);
    await later.close();

    clock = new Date(clock.getTime() + 25 * DAY);
    const muchLater = await openFeedbackLog(options({ keepDays: 30 }));
    expect(muchLater.unanswered().map((q) => q.question)).toEqual(['a newer question']);
    await muchLater.close();
    expect(await readdir(path.join(dataDir, FEEDBACK_DIR))).toEqual(['2026-12-12.jsonl', 'salt']);
  });

  it('makes a new salt when the salt file was torn', async () => {
    await openFeedbackLog(options());
    await writeFile(path.join(dataDir, FEEDBACK_DIR, 'salt'), '12ab');
    const log = await openFeedbackLog(options());
    await log.recordNoAnswer('a question', 'user-a');
    await log.close();
    expect((await readFile(path.join(dataDir, FEEDBACK_DIR, 'salt'), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});
