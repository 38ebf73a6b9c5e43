import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { summariseUnanswered, type UnansweredEntry, type UnansweredQuestion } from './unanswered.js';

/*
 * The record of questions nobody could answer and of the votes on answers, in STORYBOT_DATA_DIR/feedback/:
 * one JSON Lines file per day (UTC), only ever appended to. A line is written with one write call and
 * flushed (fdatasync) before the next; a process killed mid-write leaves at most a torn last line,
 * which readers skip and the next append starts after on a line of its own. Retention needs no rewrite:
 * whole day files older than the kept days are deleted, and older records in the oldest kept file are
 * not read. User ids are kept only as HMACs under a random salt kept beside them (`salt`), so the record
 * can tell one user's second vote from another's first without saying who anyone is.
 */

/** A vote on an answer. */
export type Vote = 'up' | 'down';

/** What a vote did: a first vote on that answer, a change of one's vote, or the same vote again (refused, not recorded). */
export type VoteOutcome = 'recorded' | 'changed' | 'unchanged';

/** One line of the record. `user` is the salted hash of the user id. */
export type FeedbackRecord =
  | { readonly type: 'no-answer'; readonly at: string; readonly question: string; readonly user: string }
  | {
      readonly type: 'vote';
      readonly at: string;
      /** The message id of the answer voted on. */
      readonly answer: string;
      readonly vote: Vote;
      readonly question: string;
      readonly user: string;
    };

/** Where the record is kept and for how long. */
export interface FeedbackLogOptions {
  readonly dataDir: string;
  readonly keepDays: number;
  /** The clock; tests move it. */
  readonly now?: () => Date;
}

/** Folder of the record inside the data directory. */
export const FEEDBACK_DIR = 'feedback';
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;
const SALT_FILE = 'salt';
const DAY_MS = 86_400_000;

/** Opens (creating when needed) the record in `dataDir`, dropping the days older than `keepDays`. */
export async function openFeedbackLog(options: FeedbackLogOptions): Promise<FeedbackLog> {
  const dir = path.join(options.dataDir, FEEDBACK_DIR);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`storybot: cannot create the feedback record in ${dir} (${code}); make STORYBOT_DATA_DIR a writable directory`, {
      cause: error,
    });
  }
  const now = options.now ?? (() => new Date());
  await pruneDays(dir, cutoff(now(), options.keepDays));
  const records = await readFeedbackRecords(options.dataDir, cutoff(now(), options.keepDays));
  return new FeedbackLog(dir, await readOrCreateSalt(dir), options.keepDays, now, records);
}

/**
 * The unanswered and disliked questions of the last `days` days, grouped (see `summariseUnanswered`),
 * read from the record in `dataDir` without writing anything (for `storybot unanswered`).
 */
export async function readUnanswered(dataDir: string, days: number, now: Date = new Date()): Promise<UnansweredQuestion[]> {
  return summariseUnanswered(unansweredEntries(await readFeedbackRecords(dataDir, cutoff(now, days))));
}

/** The record of unanswered questions and votes, open for appending. */
export class FeedbackLog {
  private readonly votes = new Map<string, Vote>();
  private queue: Promise<void> = Promise.resolve();
  private file: { day: string; handle: FileHandle } | null = null;

  /** Use `openFeedbackLog`. */
  constructor(
    private readonly dir: string,
    private readonly salt: string,
    private readonly keepDays: number,
    private readonly now: () => Date,
    private readonly records: FeedbackRecord[],
  ) {
    for (const record of records) if (record.type === 'vote') this.votes.set(voteKey(record.answer, record.user), record.vote);
  }

  /** Records a question that got no answer; resolves once it is on disk. */
  recordNoAnswer(question: string, userId: string): Promise<void> {
    return this.append({ type: 'no-answer', at: this.now().toISOString(), question, user: this.hash(userId) });
  }

  /**
   * Records a user's vote on an answer. Decided at once, in memory, so the user can be told before the
   * write is done (`saved`); the same vote twice is refused (`unchanged`, nothing written).
   */
  vote(answerId: string, userId: string, vote: Vote, question: string): { outcome: VoteOutcome; saved: Promise<void> } {
    const user = this.hash(userId);
    const key = voteKey(answerId, user);
    const previous = this.votes.get(key);
    if (previous === vote) return { outcome: 'unchanged', saved: Promise.resolve() };
    this.votes.set(key, vote);
    const saved = this.append({ type: 'vote', at: this.now().toISOString(), answer: answerId, vote, question, user });
    return { outcome: previous === undefined ? 'recorded' : 'changed', saved };
  }

  /** The unanswered and disliked questions of the last `days` days (at most the kept days), grouped. */
  unanswered(days: number = this.keepDays): UnansweredQuestion[] {
    const since = cutoff(this.now(), Math.min(days, this.keepDays)).toISOString();
    return summariseUnanswered(unansweredEntries(this.records.filter((r) => r.at >= since)));
  }

  /** Waits for pending writes and closes the day file. */
  async close(): Promise<void> {
    await this.queue;
    await this.file?.handle.close();
    this.file = null;
  }

  private hash(userId: string): string {
    return createHmac('sha256', this.salt).update(userId).digest('hex').slice(0, 32);
  }

  /** Appends one record, after the writes before it (one writer at a time, so lines never interleave). */
  private append(record: FeedbackRecord): Promise<void> {
    this.records.push(record);
    const written = this.queue.then(() => this.write(record));
    // A failed write is reported to its caller; the next one still runs.
    this.queue = written.catch(() => undefined);
    return written;
  }

  private async write(record: FeedbackRecord): Promise<void> {
    const day = record.at.slice(0, 10);
    if (this.file?.day !== day) {
      await this.file?.handle.close();
      this.file = null;
      const handle = await openDayFile(path.join(this.dir, `${day}.jsonl`));
      this.file = { day, handle };
      // A new day: the oldest day file may have passed the retention.
      await pruneDays(this.dir, cutoff(this.now(), this.keepDays));
    }
    await this.file.handle.write(`${JSON.stringify(record)}\n`);
    await this.file.handle.datasync();
  }
}

/** Opens a day file for appending; if a killed writer left a torn last line, the next record starts on a new line. */
async function openDayFile(file: string): Promise<FileHandle> {
  const handle = await open(file, 'a+', 0o600);
  const { size } = await handle.stat();
  if (size > 0) {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await handle.write('\n');
  }
  return handle;
}

/** The records kept in `dataDir` from `since` on, oldest first; torn or damaged lines are skipped. */
async function readFeedbackRecords(dataDir: string, since: Date): Promise<FeedbackRecord[]> {
  const dir = path.join(dataDir, FEEDBACK_DIR);
  const sinceIso = since.toISOString();
  const records: FeedbackRecord[] = [];
  for (const { name, day } of await dayFiles(dir)) {
    if (day < sinceIso.slice(0, 10)) continue;
    const text = await readFile(path.join(dir, name), 'utf8');
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (record && record.at >= sinceIso) records.push(record);
    }
  }
  return records.sort((a, b) => a.at.localeCompare(b.at));
}

/** Unanswered questions, and the questions of answers whose voter's latest vote is 👎. */
function unansweredEntries(records: readonly FeedbackRecord[]): UnansweredEntry[] {
  const latestVotes = new Map<string, FeedbackRecord & { type: 'vote' }>();
  const entries: UnansweredEntry[] = [];
  for (const record of records) {
    if (record.type === 'vote') latestVotes.set(voteKey(record.answer, record.user), record);
    else entries.push({ question: record.question, at: record.at, reason: 'no-answer' });
  }
  for (const vote of latestVotes.values()) {
    if (vote.vote === 'down') entries.push({ question: vote.question, at: vote.at, reason: 'disliked' });
  }
  return entries;
}

function parseRecord(line: string): FeedbackRecord | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const text = (key: string): boolean => typeof r[key] === 'string' && r[key] !== '';
  if (!text('at') || !text('question') || !text('user') || Number.isNaN(Date.parse(String(r.at)))) return null;
  if (r.type === 'no-answer') return value as FeedbackRecord;
  if (r.type === 'vote' && text('answer') && (r.vote === 'up' || r.vote === 'down')) return value as FeedbackRecord;
  return null;
}

async function dayFiles(dir: string): Promise<{ name: string; day: string }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.flatMap((name) => {
    const day = DAY_FILE.exec(name)?.[1];
    return day ? [{ name, day }] : [];
  });
}

/** Deletes the day files wholly before `since`. */
async function pruneDays(dir: string, since: Date): Promise<void> {
  const first = since.toISOString().slice(0, 10);
  for (const { name, day } of await dayFiles(dir)) if (day < first) await rm(path.join(dir, name), { force: true });
}

/** The salt of the user hashes; a missing or torn one (a crash while it was first written) is made anew. */
async function readOrCreateSalt(dir: string): Promise<string> {
  const file = path.join(dir, SALT_FILE);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (/^[0-9a-f]{64}$/.test(existing.trim())) return existing.trim();
  const salt = randomBytes(32).toString('hex');
  await writeFile(file, `${salt}\n`, { mode: 0o600 });
  return salt;
}

function cutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

function voteKey(answerId: string, user: string): string {
  return `${answerId} ${user}`;
}
