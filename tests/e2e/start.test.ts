import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus-generator.js';
import { writeCorpus } from '../../bench/corpus-files.js';
import { loadVocabulary } from '../../bench/vocabulary.js';
import { CORPUS_DIR } from '../helpers.js';
import { spawnBot } from './bot-process.js';
import { startDiscordStandin, type DiscordStandin, type StandinOptions } from './discord-standin.js';

let standin: DiscordStandin | undefined;
let bot: ChildProcess | undefined;

afterEach(async () => {
  if (bot && bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
  await standin?.close();
  standin = undefined;
});

/** What the bot promises about a stop: it ends within this long after SIGTERM or SIGINT. */
const STOP_WITHIN_MS = 5000;

/** The real bot process (`npm start`) against a stand-in, with its output collected. */
interface BotProcess {
  readonly child: ChildProcess;
  readonly standin: DiscordStandin;
  /** Everything written to stdout and stderr so far. */
  logs(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process ends. */
  readonly exited: Promise<number | null>;
}

async function startBot(
  env: NodeJS.ProcessEnv = {},
  options: StandinOptions = {},
  setUp?: (s: DiscordStandin) => void,
): Promise<BotProcess> {
  const local = await startDiscordStandin(options);
  standin = local;
  setUp?.(local);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
  const child = spawnBot(local, dataDir, { CORPUS_DIR: CORPUS_DIR, LOG_LEVEL: 'debug', ...env });
  bot = child;
  let logs = '';
  child.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, standin: local, logs: () => logs, exited };
}

/** Resolves with the exit code, or rejects when the process is still running after `ms`. */
function exitWithin(process: BotProcess, ms: number): Promise<number | null> {
  return Promise.race([
    process.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running ${ms} ms later; logs:\n${process.logs()}`)), ms)),
  ]);
}

/** Resolves once `check` holds (polled). */
async function until(check: () => boolean, ms = 25_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves once the logs hold `text`. */
async function logged(process: BotProcess, text: string, ms = 25_000): Promise<void> {
  const until = Date.now() + ms;
  while (!process.logs().includes(text)) {
    if (Date.now() > until) throw new Error(`no "${text}" in the logs:\n${process.logs()}`);
    if (process.child.exitCode !== null) throw new Error(`exited ${process.child.exitCode} without "${text}":\n${process.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start with DISCORD_TOKEN and DISCORD_API_URL', () => {
  it('starts the real bot process, registers the commands, answers /ask, never logs the token, and stops on SIGTERM', async () => {
    const started = await startBot();
    const local = started.standin;
    await local.identified(25_000);
    await local.waitFor((r) => r.method === 'PUT' && r.path.endsWith(`/guilds/${local.guildId}/commands`), 25_000);
    expect(local.commands.map((c) => c.name)).toContain('ask');

    const ask = await local.slashCommand({ name: 'ask', options: { question: 'When did Biden meet Trump in the Oval Office?' } });
    const reply = await ask.original(15_000);
    const shown = JSON.stringify([reply.content, reply.embeds]);
    expect(shown).toContain('November 13, 2024');
    expect(shown).toContain('Daily Caller News Foundation');

    started.child.kill('SIGTERM');
    expect(await exitWithin(started, STOP_WITHIN_MS)).toBe(0);
    expect(started.logs()).not.toContain(local.token);
    expect(local.unhandled).toEqual([]);
  });
});

describe('the bot stays up, or stops and says why', () => {
  it('exits non-zero naming 4014 and its fix when the Message Content intent is not enabled for the app', async () => {
    const started = await startBot({ STORYBOT_FOLLOW_ALL_THREAD_MESSAGES: 'true' }, { privilegedIntents: 0 });
    expect(await started.exited).toBe(1);
    expect(started.logs()).toContain('code 4014');
    expect(started.logs()).toContain('enable the Message Content intent in the Discord developer portal');
    expect(started.logs()).toContain('STORYBOT_FOLLOW_ALL_THREAD_MESSAGES=false');
  });

  it('exits non-zero with the 4004 fix when the token is revoked while running (reconnect refused)', async () => {
    const started = await startBot();
    const local = started.standin;
    await local.identified(25_000);
    local.tokenRevoked = true;
    local.closeGateway(4000);
    expect(await exitWithin(started, 20_000)).toBe(1);
    expect(started.logs()).toContain('code 4004, authentication failed');
    expect(started.logs()).toContain('Reset Token');
    expect(started.logs()).not.toContain(local.token);
  });

  it('times out a login against a silent gateway with a clear message and exits non-zero', async () => {
    const started = await startBot({ STORYBOT_LOGIN_TIMEOUT_SECONDS: '1' }, {}, (s) => (s.silentGateway = true));
    expect(await started.exited).toBe(1);
    expect(started.logs()).toContain('could not log in to Discord within 1 s');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops on %s within 5 s while logging in to a silent gateway', async (signal) => {
    const started = await startBot({}, {}, (s) => (s.silentGateway = true));
    await until(() => started.standin.gatewayConnections > 0);
    started.child.kill(signal);
    expect(await exitWithin(started, STOP_WITHIN_MS)).toBe(0);
  });

  it('stops on SIGTERM within 5 s while waiting on a corpus file that never finishes (a FIFO)', async () => {
    const corpus = await mkdtemp(path.join(tmpdir(), 'storybot-fifo-'));
    await writeFile(path.join(corpus, 'plain.md'), '# Plain\n\nA sentence that is long enough to be a passage of its own.\n');
    expect(spawnSync('mkfifo', [path.join(corpus, 'stuck.md')]).status).toBe(0);
    const started = await startBot({ CORPUS_DIR: corpus });
    await logged(started, '"msg":"', 25_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    started.child.kill('SIGTERM');
    expect(await exitWithin(started, STOP_WITHIN_MS)).not.toBeNull();
  });

  it('stops on SIGTERM within 5 s while a /timeline is being answered', async () => {
    const started = await startBot();
    await started.standin.identified(25_000);
    await started.standin.slashCommand({ name: 'timeline' });
    started.child.kill('SIGTERM');
    expect(await exitWithin(started, STOP_WITHIN_MS)).toBe(0);
  });

  it('stops on SIGTERM within 5 s in the middle of a /reindex', async () => {
    const corpus = await mkdtemp(path.join(tmpdir(), 'storybot-big-'));
    await writeCorpus(corpus, generateCorpus(loadVocabulary(), 5000, 1).articles);
    const started = await startBot({ CORPUS_DIR: corpus });
    await started.standin.identified(60_000);
    const reindex = await started.standin.slashCommand({ name: 'reindex', memberPermissions: 'admin' });
    await reindex.response(15_000);
    started.child.kill('SIGTERM');
    // The rebuild gives up at its next slice: a clean stop, not the deadline's.
    expect(await exitWithin(started, STOP_WITHIN_MS)).toBe(0);
    expect(started.logs()).not.toContain('did not stop in time');
  }, 90_000);
});
