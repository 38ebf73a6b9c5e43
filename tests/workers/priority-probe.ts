/** A worker for background-priority.test.ts: lowers its own priority and reports it. */
import { getPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../../src/workers/background-priority.js';

const lowered = lowerThreadPriority();
parentPort?.postMessage({ lowered, priority: getPriority(0) });
