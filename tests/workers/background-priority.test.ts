import { getPriority } from 'node:os';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, THREAD_PRIORITY_LOWERABLE } from '../../src/workers/background-priority.js';
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
