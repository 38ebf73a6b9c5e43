import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { spawnBot } from '../tests/e2e/bot-process.js';
import { startDiscordStandin, type DiscordStandin } from '../tests/e2e/discord-standin.js';
import { quantile } from './measure.js';

/*
 * The bot under load, as Discord users would see it: the real bot process (`npm start`) against the
 * local Discord stand-in on 127.0.0.1, a public `/ask` (with its thread) every 1/rate s for a bounded
 * time. Each question comes from another user, so the per-user cooldown never refuses one.
 */

/** Discord's window for acknowledging an interaction. */
const ACK_WINDOW_MS = 3000;
/** A question still unanswered this long after it was asked counts as answered this late. */
const ANSWER_GIVE_UP_MS = 60_000;
/** How long threads may lag behind the last question before the rest count as not opened. */
const THREAD_GRACE_MS = 60_000;
// Linux's USER_HZ, the unit of /proc/<pid>/stat times.
const CLOCK_TICKS_PER_SECOND = 100;
const QUESTIONS = [
  'When did Biden meet Trump in the Oval Office?',
  'What did Iran tell the Biden administration?',
  'Who carried the message from Iran?',
  'What does de-escalatory mean here?',
  'Why did Iran send a message?',
];

/** One load run: how many questions a second, for how long, on which corpus. */
export interface AskLoadOptions {
  readonly perSecond: number;
  readonly seconds: number;
  readonly corpusDir: string;
}

/** The figures of one run (`--json`: the askLoad… fields; times in ms). */
export interface AskLoadFigures {
  corpus: 'ask-load';
  questions: number;
  askLoad50PerSecAckedShare: number;
  askLoad50PerSecAckP99Ms: number;
  askLoad50PerSecAnswerP50Ms: number;
  askLoad50PerSecAnswerP99Ms: number;
  /** Share of the public answers whose thread opened within THREAD_GRACE_MS after the last question. */
  askLoad50PerSecThreadsOpenedShare: number;
  /** From the first question to the last thread opened. */
  askLoad50PerSecThreadsDoneMs: number;
  /** REST requests the bot made per question, on average (login and registration excluded). */
  askLoad50PerSecRestCallsPerQuestion: number;
  /** CPU time per question of the bot process and of the stand-in (this process): on a busy machine, what the latencies cost. */
  askLoad50PerSecBotCpuMsPerQuestion: number;
  askLoad50PerSecStandinCpuMsPerQuestion: number;
}

/** Runs the load and returns its figures; `log` gets progress lines. */
export async function measureAskLoad(options: AskLoadOptions, log: (line: string) => void): Promise<AskLoadFigures> {
  const standin = await startDiscordStandin();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-ask-load-'));
  const bot = spawnBot(standin, dataDir, { CORPUS_DIR: options.corpusDir, LOG_LEVEL: 'error' });
  bot.stdout.resume();
  let errors = '';
  bot.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    await standin.identified(60_000);
    await standin.waitFor((r) => r.method === 'PUT' && r.path.includes('/commands'), 60_000);
    // A bot that has been running: its first answer loads the language models (compromise, chrono).
    await (await standin.slashCommand({ name: 'ask', options: { question: QUESTIONS[0] as string } })).original(60_000);
    await standin.waitFor((r) => r.method === 'POST' && r.path.endsWith('/threads'), 60_000);
    const botCpuBefore = await processCpuMs(bot.pid);
    const standinCpuBefore = process.cpuUsage();
    const figures = await drive(standin, options, log);
    const standinCpu = process.cpuUsage(standinCpuBefore);
    return {
      ...figures,
      askLoad50PerSecBotCpuMsPerQuestion: ((await processCpuMs(bot.pid)) - botCpuBefore) / figures.questions,
      askLoad50PerSecStandinCpuMsPerQuestion: (standinCpu.user + standinCpu.system) / 1000 / figures.questions,
    };
  } finally {
    bot.kill('SIGTERM');
    await new Promise((resolve) => bot.once('exit', resolve));
    if (errors.trim()) log(`bot errors during the load:\n${errors.split('\n').slice(0, 10).join('\n')}`);
    await standin.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Outcome {
  readonly ackMs: number;
  readonly answerMs: number;
}

/** User + system CPU time of a process so far (Linux /proc), 0 when unknown. */
async function processCpuMs(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND || 0;
}

async function drive(
  standin: DiscordStandin,
  { perSecond, seconds }: AskLoadOptions,
  log: (line: string) => void,
): Promise<Omit<AskLoadFigures, 'askLoad50PerSecBotCpuMsPerQuestion' | 'askLoad50PerSecStandinCpuMsPerQuestion'>> {
  const total = Math.round(perSecond * seconds);
  const requestsBefore = standin.requests.length;
  const threadsBefore = standin.threads.length;
  const started = performance.now();
  const outcomes: Promise<Outcome>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await delay(wait);
    outcomes.push(ask(standin, QUESTIONS[i % QUESTIONS.length] as string, i));
    if ((i + 1) % (perSecond * 10) === 0) log(`ask load: ${i + 1}/${total} questions asked`);
  }
  const results = await Promise.all(outcomes);
  const lastAsked = performance.now();
  let threadsDone = lastAsked;
  while (standin.threads.length - threadsBefore < total && performance.now() - lastAsked < THREAD_GRACE_MS) {
    await delay(100);
    threadsDone = performance.now();
  }
  const threads = standin.threads.length - threadsBefore;
  // The bot may still edit answers to note a missing thread; those calls count too.
  const calls = standin.requests.length - requestsBefore;
  const acks = results.map((r) => r.ackMs);
  const answers = results.map((r) => r.answerMs);
  return {
    corpus: 'ask-load',
    questions: total,
    askLoad50PerSecAckedShare: acks.filter((ms) => ms <= ACK_WINDOW_MS).length / total,
    askLoad50PerSecAckP99Ms: quantile(acks, 0.99),
    askLoad50PerSecAnswerP50Ms: quantile(answers, 0.5),
    askLoad50PerSecAnswerP99Ms: quantile(answers, 0.99),
    askLoad50PerSecThreadsOpenedShare: threads / total,
    askLoad50PerSecThreadsDoneMs: threadsDone - started,
    askLoad50PerSecRestCallsPerQuestion: calls / total,
  };
}

/** Asks one question; times (from the dispatch) its acknowledgement and its answer. */
async function ask(standin: DiscordStandin, question: string, i: number): Promise<Outcome> {
  const sent = performance.now();
  const handle = await standin.slashCommand({ name: 'ask', options: { question }, user: { id: String(10n ** 18n + BigInt(i)) } });
  const since = (): number => performance.now() - sent;
  const [ackMs, answerMs] = await Promise.all([
    handle.response(ANSWER_GIVE_UP_MS).then(since, () => ANSWER_GIVE_UP_MS),
    handle.original(ANSWER_GIVE_UP_MS).then(since, () => ANSWER_GIVE_UP_MS),
  ]);
  return { ackMs, answerMs };
}

/** The run as Markdown: its figures and the targets (50 a second for 60 s: all acknowledged within 3 s, answer p99 ≤ 3 s). */
export function renderAskLoad(f: AskLoadFigures, perSecond: number, seconds: number): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const full = perSecond === 50 && seconds >= 60;
  return [
    `Ask load: ${f.questions} public /ask, ${perSecond} a second for ${seconds} s, real bot process against the Discord stand-in (127.0.0.1)`,
    '',
    '| | |',
    '|---|---:|',
    `| acknowledged within 3 s | ${percent(f.askLoad50PerSecAckedShare)} |`,
    `| acknowledgement p99 | ${s(f.askLoad50PerSecAckP99Ms)} |`,
    `| answer p50 / p99 | ${s(f.askLoad50PerSecAnswerP50Ms)} / ${s(f.askLoad50PerSecAnswerP99Ms)} |`,
    `| threads opened (within 60 s of the last question) | ${percent(f.askLoad50PerSecThreadsOpenedShare)} |`,
    `| first question → last thread | ${s(f.askLoad50PerSecThreadsDoneMs)} |`,
    `| REST calls per question | ${f.askLoad50PerSecRestCallsPerQuestion.toFixed(2)} |`,
    `| CPU per question: bot / stand-in | ${f.askLoad50PerSecBotCpuMsPerQuestion.toFixed(1)} / ${f.askLoad50PerSecStandinCpuMsPerQuestion.toFixed(1)} ms |`,
    '',
    `Targets${full ? '' : ' — NOTE: stated for 50 a second during 60 s'}:`,
    `- ${f.askLoad50PerSecAckedShare === 1 ? 'MET   ' : 'MISSED'} every /ask acknowledged within 3 s: ${percent(f.askLoad50PerSecAckedShare)}`,
    `- ${f.askLoad50PerSecAnswerP99Ms <= 3000 ? 'MET   ' : 'MISSED'} answer p99 ≤ 3 s: ${s(f.askLoad50PerSecAnswerP99Ms)}`,
  ].join('\n');
}
