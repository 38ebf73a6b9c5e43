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
  /** The same per phase. */
  readonly phases: Readonly<Record<string, number>>;
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

  log(`  live library: names and dates (${factWorkers} worker${factWorkers === 1 ? '' : 's'})`);
  let library = await open();
  const factsStarted = performance.now();
  phases['reading names and dates'] = await whileAnswering(library, questions, () => library.factsReady());
  const factsIndexMs = performance.now() - factsStarted;
  // Saved with the facts, so that the restart below finds them.
  await library.close();

  log('  live library: cold timeline after a restart');
  library = await open();
  let timelineColdMs = 0;
  phases['cold timeline'] = await whileAnswering(library, questions, async () => {
    const started = performance.now();
    await library.timeline();
    timelineColdMs = performance.now() - started;
  });

  log('  live library: snapshot save, full reindex, upload burst');
  const [first, ...burst] = uploads;
  const upload = (article: Article): Promise<unknown> =>
    library.addArticle({ fileName: 'upload.md', bytes: Buffer.from(articleFileText(article)) });
  // A change is saved a second later, as the bot does: one upload, then wait for the snapshot to be rewritten.
  if (first) phases['snapshot save'] = await whileAnswering(library, questions, () => upload(first).then(() => snapshotRewritten(dataDir)));
  phases['full reindex'] = await whileAnswering(library, questions, () => library.reindex());
  phases['upload burst'] = await whileAnswering(library, questions, () => Promise.all(burst.map(upload)));
  await library.close();
  return { factsIndexMs, factWorkers, timelineColdMs, maxEventLoopBlockMs: Math.max(...Object.values(phases)), phases };
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

/** Runs `work` while a question is answered every few ms; returns the longest event-loop delay meanwhile (ms). */
async function whileAnswering(library: LoadedLibrary, questions: readonly string[], work: () => Promise<unknown>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let done = false;
  const asking = (async () => {
    for (let i = 0; !done; i++) {
      library.answer(questions[i % questions.length] ?? 'Who?');
      await sleep(ASK_EVERY_MS);
    }
  })();
  delay.enable();
  try {
    await work();
  } finally {
    done = true;
    await asking;
    delay.disable();
  }
  return delay.max / 1e6;
}
