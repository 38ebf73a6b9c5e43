/** Median and 99th percentile of a set of timings, in ms. */
export interface Latency {
  readonly p50: number;
  readonly p99: number;
}

/** Runs a function and returns its result with the elapsed time in ms. */
export function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

/** Async `timed`. */
export async function timedAsync<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

/** The q-quantile (0–1) of samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/**
 * Latency of `run` over every input, after one warm-up pass over the first `warmUp` inputs
 * (lets the JIT settle so the figures describe a running bot, not a cold one).
 */
export function latency<T>(inputs: readonly T[], run: (input: T) => unknown, warmUp: number): Latency {
  for (const input of inputs.slice(0, warmUp)) run(input);
  const samples = inputs.map((input) => timed(() => run(input)).ms);
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

/** Asks the collector for a full garbage collection when node runs with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Heap used and resident set size, in MB. */
export function memoryMB(): { heapUsedMB: number; rssMB: number } {
  collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsedMB: heapUsed / 2 ** 20, rssMB: rss / 2 ** 20 };
}
