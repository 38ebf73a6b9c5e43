import v8 from 'node:v8';
import { Concatenation, type JoinableArray } from '../typed-concatenation.js';

/*
 * v8.serialize of a whole index (tens of megabytes, a hundred thousand strings) is one call that
 * holds the event loop for a second. Here the value is cut into parts instead: large typed arrays
 * are written as their raw bytes (no copy to save, none to load; a Concatenation as its parts'
 * bytes one after the other, read back as one typed array), long arrays are serialized a
 * chunk at a time, and what remains (the skeleton, with references to the parts) is small. The
 * generator yields each part as soon as it is made, to be written at once (a save never holds the
 * parts of a whole index: at 100k passages 60 MB kept until the end brought full garbage collections),
 * and nothing between steps, so a caller can give the event loop a turn in between.
 *
 * Layout: each part padded to 8 bytes, then v8.serialize({ skeleton, sizes }), then its length as a
 * u32. With the layout starting 8-aligned in its file (after an 8-aligned header) every raw typed
 * array stays aligned and is read in place.
 */

const RAW = '__storybotRaw';
const CHUNKS = '__storybotChunks';
/** Typed arrays smaller than this stay in the skeleton. */
const RAW_MIN_BYTES = 4096;
/** Arrays longer than this are serialized in chunks rather than in the skeleton. */
const CHUNK_ITEMS = 256;
/**
 * Bytes a chunk should come to: the items of the next chunk are as many as the last chunk's size per
 * item says fit (a chunk of 256 articles was 1.3 MB and took up to 37 ms at 100k passages).
 */
const CHUNK_BYTES = 128 * 1024;
/** Items of an array's first chunk, before its items' size is known, and the most of any chunk. */
const FIRST_CHUNK_ITEMS = 32;
const MAX_CHUNK_ITEMS = 4096;
const ALIGN = 8;

const TYPED_ARRAYS = { Int32Array, Uint32Array, Uint16Array, Uint8Array } as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

interface RawRef {
  readonly [RAW]: number;
  readonly type: TypedArrayName;
  readonly length: number;
}
interface ChunksRef {
  readonly [CHUNKS]: readonly number[];
}

/**
 * Serializes a value as parts (see above): yields the bytes to write, one after the other, as they
 * are made, and nothing between steps.
 */
export function* serializeInParts(value: unknown): Generator<Buffer | void, void> {
  const sizes: number[] = [];
  const skeleton = yield* replaceParts(value, sizes);
  const head = v8.serialize({ skeleton, sizes });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  yield head;
  yield length;
}

/** Reads a value written by `serializeInParts` from `bytes` (which starts at the layout's first byte). */
export function deserializeParts(bytes: Buffer): unknown {
  if (bytes.length < 4) throw new Error(`${bytes.length} bytes given, too few for a length`);
  const headLength = bytes.readUInt32LE(bytes.length - 4);
  const headStart = bytes.length - 4 - headLength;
  if (headStart < 0) throw new Error(`a head of ${headLength} bytes reaches past the ${bytes.length} bytes given`);
  const { skeleton, sizes } = v8.deserialize(bytes.subarray(headStart, bytes.length - 4)) as { skeleton: unknown; sizes: number[] };
  const offsets: number[] = [];
  let at = 0;
  for (const size of sizes) {
    offsets.push(at);
    at += size + padding(size).length;
  }
  if (at > headStart) throw new Error(`parts end at byte ${at}, past the ${headStart} bytes before the head`);
  const blob = (i: number): Buffer => bytes.subarray(offsets[i] ?? 0, (offsets[i] ?? 0) + (sizes[i] ?? 0));
  return revive(skeleton, blob);
}

/**
 * Yields the bytes of views one after the other as one part (a Concatenation's, or a single view's),
 * then its padding, noting its size; returns the part's number.
 */
function* emit(views: readonly ArrayBufferView[], sizes: number[]): Generator<Buffer | void, number> {
  const bytes = views.reduce((sum, view) => sum + view.byteLength, 0);
  sizes.push(bytes);
  for (const view of views) yield Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  yield padding(bytes);
  return sizes.length - 1;
}

function* replaceParts(value: unknown, sizes: number[]): Generator<Buffer | void, unknown> {
  // A typed array, or typed arrays that stand for their concatenation: raw bytes, unless small.
  const joined = value instanceof Concatenation ? (value as Concatenation<JoinableArray>) : undefined;
  const views = joined?.parts ?? (ArrayBuffer.isView(value) && !(value instanceof DataView) ? [value] : undefined);
  if (views) {
    const type = views[0] ? typedArrayName(views[0]) : null;
    const bytes = views.reduce((sum, view) => sum + view.byteLength, 0);
    if (type === null || bytes < RAW_MIN_BYTES) return joined ? joined.join() : value;
    const at = yield* emit(views, sizes);
    return { [RAW]: at, type, length: bytes / TYPED_ARRAYS[type].BYTES_PER_ELEMENT } satisfies RawRef;
  }
  if (Array.isArray(value)) {
    if (value.length <= CHUNK_ITEMS) return value;
    const chunks: number[] = [];
    let items = FIRST_CHUNK_ITEMS;
    for (let from = 0; from < value.length;) {
      const chunk = v8.serialize(value.slice(from, from + items));
      chunks.push(yield* emit([chunk], sizes));
      from += items;
      items = Math.max(1, Math.min(MAX_CHUNK_ITEMS, Math.floor((items * CHUNK_BYTES) / chunk.length)));
    }
    return { [CHUNKS]: chunks } satisfies ChunksRef;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value);
    for (const [key, item] of entries) {
      out[key] = yield* replaceParts(item, sizes);
      // A step between the entries of a large record (files' stamps: 5,000 at 100k passages).
      if (entries.length > CHUNK_ITEMS) yield;
    }
    return out;
  }
  return value;
}

function revive(value: unknown, blob: (i: number) => Buffer): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Array.isArray(value)) return value;
  if (RAW in value) {
    const { [RAW]: at, type, length } = value as RawRef;
    const bytes = blob(at);
    const Type = TYPED_ARRAYS[type];
    // In place when aligned (always, for a file read whole); a copy otherwise.
    const aligned = bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? bytes : Buffer.from(bytes);
    return new Type(aligned.buffer as ArrayBuffer, aligned.byteOffset, length);
  }
  if (CHUNKS in value) return (value as ChunksRef)[CHUNKS].flatMap((at) => v8.deserialize(blob(at)) as unknown[]);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item, blob)]));
}

function typedArrayName(view: ArrayBufferView): TypedArrayName | null {
  for (const [name, Type] of Object.entries(TYPED_ARRAYS)) if (view instanceof Type) return name as TypedArrayName;
  return null;
}

/** Zero bytes up to the next multiple of ALIGN after `length`. */
function padding(length: number): Buffer {
  return Buffer.alloc((ALIGN - (length % ALIGN)) % ALIGN);
}
