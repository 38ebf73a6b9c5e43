import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT } from '../helpers.js';
import { startDiscordStandin, type DiscordStandin } from './discord-standin.js';

/*
 * The record of unanswered questions, through the real bot process: it is killed (SIGKILL) right after
 * answering, while it writes, and a new process started on the same data directory lists everything
 * that was on disk, and records on.
 */

let standin: DiscordStandin | undefined;
let dataDir: string | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.length = 0;
  await standin?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function startBotProcess(local: DiscordStandin, data: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/start.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: local.token,
      DISCORD_API_URL: local.apiUrl,
      DISCORD_GUILD_ID: local.guildId,
      STORYBOT_DATA_DIR: data,
      CORPUS_DIR: CORPUS_DIR,
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

/** Resolves once `condition` holds (bounded by the test's timeout). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The whole lines of the record's day files (a torn last line is not one). */
async function wholeRecordLines(data: string): Promise<string[]> {
  const dir = path.join(data, 'feedback');
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.jsonl'));
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
  return texts.flatMap((text) => text.split('\n').filter((line) => line.endsWith('}')));
}

describe('the record of unanswered questions', () => {
  it('keeps what was written when the bot process is killed mid-writing, and a restarted bot lists it and records on', async () => {
    const local = await startDiscordStandin();
    standin = local;
    const data = await mkdtemp(path.join(tmpdir(), 'storybot-feedback-crash-'));
    dataDir = data;

    const first = await startBotProcess(local, data);
    await local.identified(25_000);
    await local.waitFor((r) => r.method === 'PUT' && r.path.endsWith('/commands'), 25_000);
    // Different users, so the per-user cooldown lets them all through; each question is its own group.
    const dishes = ['lasagne', 'goulash', 'paella', 'ramen', 'falafel', 'borscht', 'risotto', 'ceviche'];
    const asked = await Promise.all(
      dishes.map((dish, i) =>
        local.slashCommand({
          name: 'ask',
          options: { question: `What is the recipe for ${dish}?` },
          user: { id: `30000000000000000${i}` },
        }),
      ),
    );
    await Promise.all(asked.map((handle) => handle.original(15_000)));
    // Killed once half the records are on disk: the others are being written, or not yet.
    await until(async () => (await wholeRecordLines(data)).length >= dishes.length / 2);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const kept = await wholeRecordLines(data);

    await startBotProcess(local, data);
    // The second process's IDENTIFY, then its READY (the first one's session is gone by then).
    await until(async () => local.gatewayReceived.filter((p) => p.op === GatewayOpcodes.Identify).length >= 2);
    await local.identified(25_000);
    await (await local.slashCommand({ name: 'ask', options: { question: 'What is the recipe for banana bread?' } })).original(15_000);
    await until(async () => (await wholeRecordLines(data)).length > kept.length);
    const list = await (await local.slashCommand({ name: 'unanswered', memberPermissions: 'admin' })).response(15_000);
    const lines = (list.data?.content ?? '').split('\n').slice(1);
    expect(lines).toHaveLength(kept.length + 1);
    for (const line of kept) {
      const { question } = JSON.parse(line) as { question: string };
      expect(lines.some((l) => l.includes(`. ${question} — 1× · no answer`))).toBe(true);
    }
    expect(lines.some((l) => l.includes('banana bread'))).toBe(true);
  }, 60_000);
});
