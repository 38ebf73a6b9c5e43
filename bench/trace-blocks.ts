/**
 * Finds what runs during the event-loop blocks of the live library: runs the bench's live-library
 * phases on a synthetic corpus in this (fresh) process under V8's sampling profiler, notes every
 * stretch in which a 2 ms timer could not run for longer than `--min` ms, and prints, per block, the
 * functions that were on the CPU meanwhile (self time, and the product functions that called them).
 *
 *   node --expose-gc --import tsx bench/trace-blocks.ts --passages 10000 [--min 40] [--top 8]
 */
import { Session } from 'node:inspector/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { RACY_WINDOW_MS } from '../src/corpus/file-stamp.js';
import { splitArticle } from '../src/passages/split-article.js';
import { writeCorpus } from './corpus-files.js';
import { generateArticle, generateCorpus } from './corpus-generator.js';
import { measureLiveLibrary, threadSchedule } from './live-library.js';
import { generateQuestions } from './questions.js';
import { Random } from './random.js';
import { loadVocabulary } from './vocabulary.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}
interface Block {
  readonly phase: string;
  readonly startUs: number;
  readonly endUs: number;
  /** Of which the main thread ran, and waited on the run queue for a core (Linux schedstat), ms. */
  readonly cpuMs: number;
  readonly waitedMs: number;
}

const { values } = parseArgs({
  options: {
    passages: { type: 'string', default: '10000' },
    min: { type: 'string', default: '40' },
    top: { type: 'string', default: '8' },
  },
});
const passages = Number(values.passages);
const minMs = Number(values.min);
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

const vocabulary = loadVocabulary();
const { articles } = generateCorpus(vocabulary, passages, passages);
const random = new Random(passages + 2);
const uploads = Array.from({ length: 10 }, (_, i) => generateArticle(vocabulary, random, `bench-added-${i}`));
const questions = generateQuestions(
  articles.flatMap((a) => splitArticle(a).passages),
  vocabulary.rank,
  300,
  passages + 1,
);
const work = await mkdtemp(path.join(tmpdir(), 'storybot-trace-'));
const corpusDir = path.join(work, 'corpus');
await writeCorpus(corpusDir, articles);
await sleep(RACY_WINDOW_MS);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 500 });
await session.post('Profiler.start');

let phase = 'open';
const blocks: Block[] = [];
let last = nowUs();
let lastSchedule = threadSchedule();
const ticker = setInterval(() => {
  const now = nowUs();
  const schedule = threadSchedule();
  if (now - last > minMs * 1000)
    blocks.push({
      phase,
      startUs: last,
      endUs: now,
      cpuMs: schedule.cpuMs - lastSchedule.cpuMs,
      waitedMs: schedule.waitMs - lastSchedule.waitMs,
    });
  last = now;
  lastSchedule = schedule;
}, 2);
const started = performance.now();
const live = await measureLiveLibrary(corpusDir, path.join(work, 'data'), questions, uploads, (line) => {
  phase = line.trim();
  process.stderr.write(`${line} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
});
clearInterval(ticker);
const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
session.disconnect();
await rm(work, { recursive: true, force: true });

process.stdout.write(`${JSON.stringify({ passages, ...live })}\n`);
report(profile, blocks, Number(values.top));

/** Prints, per block, where the samples taken during it were (self time) and their nearest product caller. */
function report(profile: Profile, blocks: readonly Block[], top: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (n: ProfileNode): string =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const productCaller = (id: number): string => {
    const chain: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node && /\/(src|bench)\//.test(node.callFrame.url)) chain.push(label(node));
      if (chain.length === 3) break;
    }
    return chain.join(' < ') || '(no product frame)';
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  for (const block of [...blocks].sort((a, b) => b.endUs - b.startUs - (a.endUs - a.startUs)).slice(0, 12)) {
    const self = new Map<string, number>();
    const callers = new Map<string, number>();
    let count = 0;
    profile.samples.forEach((id, i) => {
      const at = times[i] ?? 0;
      if (at < block.startUs || at > block.endUs) return;
      const node = byId.get(id);
      if (!node) return;
      count++;
      self.set(label(node), (self.get(label(node)) ?? 0) + 1);
      callers.set(productCaller(id), (callers.get(productCaller(id)) ?? 0) + 1);
    });
    const share = (m: Map<string, number>): string =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, v]) => `      ${((100 * v) / Math.max(1, count)).toFixed(0).padStart(3)}%  ${k}`)
        .join('\n');
    process.stdout.write(
      `\n${((block.endUs - block.startUs) / 1000).toFixed(0)} ms during '${block.phase}', on a core ${block.cpuMs.toFixed(0)} ms, waiting for one ${block.waitedMs.toFixed(0)} ms (${count} samples)\n    self:\n${share(self)}\n    product callers:\n${share(callers)}\n`,
    );
  }
}
