import { describe, expect, it } from 'vitest';
import { deserializeParts, serializeInParts } from '../../src/library/sliced-serialize.js';

/** The bytes a serialization yields, in order, and how many steps it took. */
function finish(steps: Generator<Buffer | void, void>): { value: Buffer[]; steps: number } {
  const parts: Buffer[] = [];
  let count = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: parts, steps: count };
    if (step.value) parts.push(step.value);
    count++;
  }
}

describe('serializeInParts', () => {
  const value = {
    name: 'index',
    ids: Array.from({ length: 1000 }, (_, i) => `article-${i}:1:${i % 7}`),
    articles: Array.from({ length: 300 }, (_, i) => ({ id: `a${i}`, body: 'x'.repeat(i) })),
    postings: Uint32Array.from({ length: 5000 }, (_, i) => i * 7),
    freqs: Uint8Array.from({ length: 9999 }, (_, i) => i % 251),
    small: Int32Array.from([1, -2, 3]),
    nested: { counts: Uint16Array.from({ length: 3000 }, (_, i) => i), empty: [] },
  };

  it('reads back what it wrote, in several steps, typed arrays as the same types', () => {
    const { value: parts, steps } = finish(serializeInParts(value));
    expect(steps).toBeGreaterThan(5);
    const restored = deserializeParts(Buffer.concat(parts)) as typeof value;
    expect(restored).toEqual(value);
    expect(restored.postings).toBeInstanceOf(Uint32Array);
    expect(restored.freqs).toBeInstanceOf(Uint8Array);
    expect(restored.nested.counts).toBeInstanceOf(Uint16Array);
  });

  it('reads typed arrays at any alignment of the bytes given', () => {
    const parts = finish(serializeInParts(value)).value;
    const shifted = Buffer.concat([Buffer.alloc(3), ...parts]).subarray(3);
    expect(deserializeParts(shifted)).toEqual(value);
  });

  it('refuses bytes cut short', () => {
    const bytes = Buffer.concat(finish(serializeInParts(value)).value);
    expect(() => deserializeParts(bytes.subarray(0, bytes.length - 100))).toThrow(/past the/);
  });
});
