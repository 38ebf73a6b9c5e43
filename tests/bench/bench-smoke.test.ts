import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/bench.js';

const FIELDS = [
  'passages',
  'buildMs',
  'snapshotSaveMs',
  'snapshotLoadMs',
  'snapshotBytes',
  'answerP50Ms',
  'answerP99Ms',
  'renderP50Ms',
  'minisearchP50Ms',
  'minisearchP99Ms',
  'minisearchTunedP50Ms',
  'minisearchTunedP99Ms',
  'lunrP50Ms',
  'lunrP99Ms',
  'addArticleMs',
  'removeArticleMs',
  'heapUsedMB',
  'rssMB',
  'startupMs',
  'startupNoSnapshotMs',
  'factsIndexMs',
  'factWorkers',
  'timelineColdMs',
  'maxEventLoopBlockMs',
  'maxEventLoopBlockCpuMs',
];

describe('bench', () => {
  it('runs at 1k passages and prints one JSON line with every figure as a number', async () => {
    const lines: string[] = [];
    await runBench(
      ['--sizes', '1000', '--json', '--quick'],
      (line) => lines.push(line),
      () => undefined,
    );
    expect(lines).toHaveLength(1);
    const row = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(row.corpus).toBe('synthetic');
    expect(
      Object.keys(row)
        .filter((key) => key !== 'corpus')
        .sort(),
    ).toEqual([...FIELDS].sort());
    for (const field of FIELDS) expect(Number.isFinite(row[field]), field).toBe(true);
    expect(row.passages).toBeGreaterThanOrEqual(1000);
  }, 180_000);
});
