import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Nice value a background worker thread runs at: the main thread (nice 0) then gets a core first
 * whenever it has an interaction to answer, while the worker still gets a fair share of an
 * otherwise busy machine (at 19 it would barely run beside other processes).
 */
export const BACKGROUND_NICE = 10;

/**
 * Nice value of the process's helper threads (V8's platform threads, libuv's): between the main thread
 * and the background workers. The main thread's garbage collection waits for its share of work on
 * these threads; at the workers' own nice value they queued behind the busy workers (the main thread
 * sat up to 119 ms waiting, on a core for 11 ms of them, at 100k passages on 2 cores).
 */
export const HELPER_NICE = 5;

/**
 * Whether a worker thread's priority can be lowered on its own: on Linux a thread's nice value is
 * its own, and `setPriority(0, …)` sets the caller's. Elsewhere it would lower the whole process.
 */
export const THREAD_PRIORITY_LOWERABLE = process.platform === 'linux';

/**
 * Lowers the priority of the calling worker thread, not of the process (the main thread too): it
 * does nothing where it cannot (see THREAD_PRIORITY_LOWERABLE). Returns whether it was lowered.
 */
export function lowerThreadPriority(): boolean {
  return THREAD_PRIORITY_LOWERABLE && lowerPriorityOf(0, BACKGROUND_NICE);
}

/**
 * Sets a thread's nice value (0: the caller's) to `nice`, never raising it: a process started
 * nicer than that (a batch job) keeps its own. False where it is not permitted (a sandbox) or the thread
 * is gone: the thread keeps its priority.
 */
function lowerPriorityOf(thread: number, nice: number): boolean {
  try {
    setPriority(thread, Math.max(getPriority(thread), nice));
    return true;
  } catch {
    return false;
  }
}

let helpersLowered = false;

/**
 * Lowers the process's threads other than the main one to HELPER_NICE (Linux only, once): V8's
 * platform threads, which run garbage collection work of the main thread and of every worker, and
 * libuv's. At normal priority four of them took both cores of a 2-core machine while the fact workers
 * collected garbage, and the main thread, with an interaction to acknowledge, waited up to 90 ms for
 * a core. Lowered, they still use every idle core; the main thread comes first, then they, then the workers.
 */
export function lowerHelperThreadsPriority(): void {
  if (helpersLowered || !THREAD_PRIORITY_LOWERABLE) return;
  helpersLowered = true;
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  // On Linux the main thread's id is the process id; setpriority of another thread id is that thread's.
  for (const id of threads.map(Number).filter((id) => id !== process.pid)) lowerPriorityOf(id, HELPER_NICE);
}
