/** The typed arrays that can be concatenated (the ones a snapshot holds). */
export type JoinableArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * Typed arrays of one type that stand for their concatenation without making it: a snapshot save
 * (`serializeInParts`) writes them one after the other as a single raw part, which reads back as one
 * typed array. A save of a large index then copies none of its articles' records (at 100k passages,
 * joining them and a million facts' records made some 80 MB of new arrays a save, and full garbage
 * collections that held the event loop).
 */
export class Concatenation<T extends JoinableArray> {
  constructor(
    readonly parts: readonly T[],
    private readonly Type: new (length: number) => T,
  ) {}

  /** Number of items of all parts. */
  get length(): number {
    return this.parts.reduce((sum, part) => sum + part.length, 0);
  }

  /** The parts joined into one typed array (for small arrays and for callers that read the data in memory). */
  join(): T {
    const all = new this.Type(this.length);
    let at = 0;
    for (const part of this.parts) {
      all.set(part, at);
      at += part.length;
    }
    return all;
  }
}
