import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_NICE,
  HELPER_NICE,
  lowerHelperThreadsPriority,
  THREAD_PRIORITY_LOWERABLE,
} from '../../src/workers/background-priority.js';
import { startWorker } from '../../src/workers/start-worker.js';

describe('lowerThreadPriority', () => {
  it.runIf(THREAD_PRIORITY_LOWERABLE)(
    'lowers the worker thread that calls it, and leaves the main thread answering at its own priority',
    async () => {
      const before = getPriority(0);
      const worker = startWorker(import.meta.url, 'priority-probe');
      try {
        const [report] = (await once(worker, 'message')) as [{ lowered: boolean; priority: number }];
        expect(report).toEqual({ lowered: true, priority: Math.max(before, BACKGROUND_NICE) });
        expect(getPriority(0)).toBe(before);
      } finally {
        await worker.terminate();
      }
    },
  );
});

describe('lowerHelperThreadsPriority', () => {
  it.runIf(THREAD_PRIORITY_LOWERABLE)("puts the process's other threads between the main thread and the background workers", () => {
    const before = getPriority(0);
    lowerHelperThreadsPriority();
    const helpers = readdirSync('/proc/self/task')
      .map(Number)
      .filter((id) => id !== process.pid);
    expect(helpers.length).toBeGreaterThan(0);
    for (const id of helpers) expect(getPriority(id)).toBe(Math.max(before, HELPER_NICE));
    expect(getPriority(0)).toBe(before);
    expect(HELPER_NICE).toBeLessThan(BACKGROUND_NICE);
  });
});
