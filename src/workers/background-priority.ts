import { getPriority, setPriority } from 'node:os';

/**
 * Nice value a background worker thread runs at: the main thread (nice 0) then gets a core first
 * whenever it has an interaction to answer, while the worker still gets a fair share of an
 * otherwise busy machine (at 19 it would barely run beside other processes).
 */
export const BACKGROUND_NICE = 10;

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
  if (!THREAD_PRIORITY_LOWERABLE) return false;
  try {
    // Never raised: a process started nicer than that (a batch job) keeps its own nice value.
    setPriority(0, Math.max(getPriority(0), BACKGROUND_NICE));
    return true;
  } catch {
    // A sandbox that forbids it: the worker runs at normal priority, as before.
    return false;
  }
}
