import { describe, expect, it } from 'vitest';
import { deserializeParts, serializeInParts } from '../../src/library/sliced-serialize.js';
import { Concatenation } from '../../src/typed-concatenation.js';

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

  it('writes a concatenation as the one typed array it stands for, large or small, without joining the large one', () => {
    const pieces = [Int32Array.from({ length: 3000 }, (_, i) => i - 1500), new Int32Array(0), Int32Array.from([7, 8, 9])];
    const joined = Int32Array.from([...pieces[0]!, ...pieces[2]!]);
    const data = {
      records: new Concatenation(pieces, Int32Array),
      few: new Concatenation([Uint32Array.from([1]), Uint32Array.from([2, 3])], Uint32Array),
    };
    const { value: parts } = finish(serializeInParts(data));
    // The large pieces are written as they are, not as a copy joined in memory.
    expect(parts.some((part) => part.buffer === pieces[0]!.buffer)).toBe(true);
    const restored = deserializeParts(Buffer.concat(parts)) as { records: Int32Array; few: Uint32Array };
    expect(restored.records).toBeInstanceOf(Int32Array);
    expect(restored.records).toEqual(joined);
    expect(restored.few).toEqual(Uint32Array.from([1, 2, 3]));
  });

  it('cuts large records and arrays of large items into small steps', () => {
    const stamps = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`file-${i}.md`, { size: i, mtimeMs: i * 10 }]));
    const bodies = Array.from({ length: 300 }, (_, i) => `${i} ${'body text '.repeat(1000)}`);
    const { value: parts, steps } = finish(serializeInParts({ stamps, bodies }));
    expect(steps).toBeGreaterThanOrEqual(1000);
    // 3 MB of article bodies: none of its parts is more than a fifth of it.
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan((3 * 2 ** 20) / 5);
    expect(deserializeParts(Buffer.concat(parts))).toEqual({ stamps, bodies });
  });
});
