import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Longest stretch of work before the event loop gets a turn (Discord interactions, answers). A block
 * is a slice plus the step that overran it plus whatever ran meanwhile (an answer, a collection): at
 * 100k passages a snapshot save held the loop up to 51 ms with 20 ms slices, 22–35 ms with 10 ms ones,
 * for the same save time.
 */
export const SLICE_MS = 10;

/**
 * Cuts long work into slices of at most `budgetMs`, so that the event loop is never held much longer:
 * the work calls `due()` between small steps and, when it is true, awaits `pause()`.
 */
export class TimeSlices {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** True once the current slice has used its budget. */
  due(): boolean {
    return performance.now() - this.sliceStart > this.budgetMs;
  }

  /** Lets the event loop run what waits (I/O, timers), then starts a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.sliceStart = performance.now();
  }
}

/**
 * Runs a generator that yields between small steps, giving the event loop a turn whenever a slice
 * is used up; returns what the generator returns.
 */
export async function runInSlices<T>(steps: Generator<unknown, T>, budgetMs = SLICE_MS): Promise<T> {
  const slices = new TimeSlices(budgetMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (slices.due()) await slices.pause();
  }
}

/** Runs a generator of small steps to its end at once, for callers that may block (tests, one-shot tools). */
export function runToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
