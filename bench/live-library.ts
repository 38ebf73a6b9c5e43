import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Article } from '../src/corpus/article.js';
import { defaultFactWorkers } from '../src/facts/fact-pool.js';
import { createLibrary, type LoadedLibrary } from '../src/library/library.js';
import { SNAPSHOT_FILE } from '../src/library/snapshot.js';
import { articleFileText } from './corpus-files.js';

/** What a running library costs the event loop, and how long names and dates take (times in ms). */
export interface LiveFigures {
  /** Reading the names and dates of the whole corpus in worker threads, wall time. */
  readonly factsIndexMs: number;
  readonly factWorkers: number;
  /** The first timeline after a restart (names and dates from the snapshot), from asking to the events. */
  readonly timelineColdMs: number;
  /** The longest event-loop delay seen while questions were answered during the phases below. */
  readonly maxEventLoopBlockMs: number;
  /**
   * Of the stretches in which the event loop could not run a timer, the most CPU time the main thread
   * had in one (Linux schedstat; 0 elsewhere): what the process itself held the loop for, on a machine
   * whose other processes take cores from it (a stretch longer than this waited for a core, or for GC
   * helper threads that did).
   */
  readonly maxEventLoopBlockCpuMs: number;
  /** maxEventLoopBlockMs per phase. */
  readonly phases: Readonly<Record<string, number>>;
  /** maxEventLoopBlockCpuMs per phase. */
  readonly phasesCpu: Readonly<Record<string, number>>;
}

/** How often the simulated users ask while a phase runs. */
const ASK_EVERY_MS = 5;

/**
 * Runs the library as the bot does (snapshot in a data directory, names and dates read in the
 * background) over a corpus directory, and measures with `monitorEventLoopDelay` while questions
 * keep being answered: reading all names and dates, a cold timeline after a restart, a snapshot save,
 * a full reindex, and a burst of uploads.
 */
export async function measureLiveLibrary(
  corpusDir: string,
  dataDir: string,
  questions: readonly string[],
  uploads: readonly Article[],
  log: (line: string) => void,
): Promise<LiveFigures> {
  const factWorkers = defaultFactWorkers();
  const open = (): Promise<LoadedLibrary> => createLibrary({ corpusDir, dataDir, factWorkers });
  const phases: Record<string, number> = {};
  const phasesCpu: Record<string, number> = {};
  const measure = async (phase: string, work: () => Promise<unknown>): Promise<void> => {
    const { maxMs, maxCpuMs } = await whileAnswering(library, questions, work);
    phases[phase] = maxMs;
    phasesCpu[phase] = maxCpuMs;
  };

  log(`  live library: names and dates (${factWorkers} worker${factWorkers === 1 ? '' : 's'})`);
  let library = await open();
  const factsStarted = performance.now();
  await measure('reading names and dates', () => library.factsReady());
  const factsIndexMs = performance.now() - factsStarted;
  // Saved with the facts, so that the restart below finds them.
  await library.close();

  log('  live library: cold timeline after a restart');
  library = await open();
  let timelineColdMs = 0;
  await measure('cold timeline', async () => {
    const started = performance.now();
    await library.timeline();
    timelineColdMs = performance.now() - started;
  });

  log('  live library: snapshot save, full reindex, upload burst');
  const [first, ...burst] = uploads;
  const upload = (article: Article): Promise<unknown> =>
    library.addArticle({ fileName: 'upload.md', bytes: Buffer.from(articleFileText(article)) });
  // A change is saved a second later, as the bot does: one upload, then wait for the snapshot to be rewritten.
  if (first) await measure('snapshot save', () => upload(first).then(() => snapshotRewritten(dataDir)));
  await measure('full reindex', () => library.reindex());
  await measure('upload burst', () => Promise.all(burst.map(upload)));
  await library.close();
  return {
    factsIndexMs,
    factWorkers,
    timelineColdMs,
    maxEventLoopBlockMs: Math.max(...Object.values(phases)),
    maxEventLoopBlockCpuMs: Math.max(...Object.values(phasesCpu)),
    phases,
    phasesCpu,
  };
}

/** Resolves once the data directory's snapshot is written again (after the call). */
async function snapshotRewritten(dataDir: string): Promise<void> {
  const file = path.join(dataDir, SNAPSHOT_FILE);
  const before = (await stat(file)).mtimeMs;
  const deadline = Date.now() + 120_000;
  while ((await stat(file)).mtimeMs === before) {
    if (Date.now() > deadline) throw new Error(`bench: ${file} was not saved again within 2 minutes of a change`);
    await sleep(50);
  }
}

/** How often the block detector's timer runs. */
const TICK_MS = 2;

/**
 * Runs `work` while a question is answered every few ms; returns the longest event-loop delay
 * meanwhile and the most CPU time the main thread had in one stretch without a timer tick (ms).
 */
async function whileAnswering(
  library: LoadedLibrary,
  questions: readonly string[],
  work: () => Promise<unknown>,
): Promise<{ maxMs: number; maxCpuMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let done = false;
  const asking = (async () => {
    for (let i = 0; !done; i++) {
      library.answer(questions[i % questions.length] ?? 'Who?');
      await sleep(ASK_EVERY_MS);
    }
  })();
  let maxCpuMs = 0;
  let lastCpu = threadCpuMs();
  const ticks = setInterval(() => {
    const cpu = threadCpuMs();
    maxCpuMs = Math.max(maxCpuMs, cpu - lastCpu);
    lastCpu = cpu;
  }, TICK_MS);
  delay.enable();
  try {
    await work();
  } finally {
    done = true;
    await asking;
    delay.disable();
    clearInterval(ticks);
  }
  return { maxMs: delay.max / 1e6, maxCpuMs };
}

/** The calling thread's time so far on a core and waiting on the run queue for one, in ms (Linux; 0 elsewhere). */
export function threadSchedule(): { readonly cpuMs: number; readonly waitMs: number } {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return { cpuMs: Number(cpu) / 1e6, waitMs: Number(wait) / 1e6 };
  } catch {
    return { cpuMs: 0, waitMs: 0 };
  }
}

function threadCpuMs(): number {
  return threadSchedule().cpuMs;
}
