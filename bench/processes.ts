import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Article } from '../src/corpus/article.js';
import type { ChildReport } from './child-memory.js';
import type { LiveFigures } from './live-library.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = path.join(ROOT, 'bench', 'child-memory.ts');
const LIVE_CHILD = path.join(ROOT, 'bench', 'live-child.ts');
const CLI = path.join(ROOT, 'bin', 'storybot.js');
const MAX_BUFFER = 16 * 2 ** 20;

/** Builds (from a corpus directory) or loads (a snapshot file) an index in a fresh node process. */
export async function inFreshProcess(mode: 'build' | 'load', target: string, question: string): Promise<ChildReport> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, mode, target, question], {
    cwd: ROOT,
    maxBuffer: MAX_BUFFER,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildReport;
}

/**
 * Runs the live library (measureLiveLibrary) in a fresh node process, as the bot runs it, with
 * `dataDir` as its data directory; its progress lines go to `log`.
 */
export async function liveLibraryInFreshProcess(
  corpusDir: string,
  dataDir: string,
  input: { readonly questions: readonly string[]; readonly uploads: readonly Article[] },
  log: (line: string) => void,
): Promise<LiveFigures> {
  const inputFile = `${dataDir}.input.json`;
  await writeFile(inputFile, JSON.stringify(input));
  const child = run(process.execPath, ['--import', 'tsx', LIVE_CHILD, corpusDir, dataDir, inputFile], { cwd: ROOT, maxBuffer: MAX_BUFFER });
  if (child.child.stderr) createInterface({ input: child.child.stderr }).on('line', log);
  const { stdout } = await child;
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LiveFigures;
}

/** Start-up of the real command line, from spawning it to its answer being printed. */
export interface StartupTimes {
  readonly firstRunMs: number;
  readonly secondRunMs: number;
  /** Whether the first run left anything in the data directory (a snapshot) for the second. */
  readonly secondRunHadSnapshot: boolean;
}

/**
 * Runs `storybot ask` twice against a corpus with an empty STORYBOT_DATA_DIR: the first run
 * has no snapshot, the second finds whatever the first saved there.
 */
export async function cliStartup(corpusDir: string, dataDir: string, question: string): Promise<StartupTimes> {
  await mkdir(dataDir, { recursive: true });
  const ask = async (): Promise<number> => {
    const started = performance.now();
    await run(process.execPath, [CLI, 'ask', question, '--corpus', corpusDir], {
      cwd: ROOT,
      // The CLI uses the data directory's snapshot only for the configured corpus, hence CORPUS_DIR too.
      env: { ...process.env, CORPUS_DIR: corpusDir, STORYBOT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DISCORD_TOKEN: '' },
      maxBuffer: MAX_BUFFER,
    });
    return performance.now() - started;
  };
  const firstRunMs = await ask();
  const secondRunHadSnapshot = (await readdir(dataDir)).length > 0;
  return { firstRunMs, secondRunMs: await ask(), secondRunHadSnapshot };
}
