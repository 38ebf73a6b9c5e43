import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, type IndexedPassage } from './index-options.js';
import { internalsOf } from './mini-internals.js';

/**
 * A MiniSearch index as flat arrays: the same content as `toJSON()`, but cheap to store and to load.
 * Postings are listed term by term and, within a term, field by field.
 */
export interface MiniSearchData {
  readonly documentCount: number;
  readonly nextId: number;
  readonly dirtCount: number;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly averageFieldLength: readonly number[];
  /**
   * Per document: MiniSearch's short id, where its id is in the caller's list of ids (the passage ids,
   * which a snapshot already holds: not stored twice), and (fields per document) its field lengths.
   */
  readonly shortIds: Uint32Array;
  readonly idPositions: Uint32Array;
  readonly fieldLengths: Uint32Array;
  readonly terms: readonly string[];
  /** Per term and field: how many postings follow in `postingDocs` / `postingFreqs`. */
  readonly postingCounts: Uint32Array;
  readonly postingDocs: Uint32Array;
  /** In the narrowest array that holds them (in practice bytes: a term rarely occurs 256 times in a passage). */
  readonly postingFreqs: PostingFreqs;
}

type PostingFreqs = Uint8Array | Uint16Array | Uint32Array;

/**
 * Documents or terms handled between two yields of `miniSearchToData`, and postings copied. A yield
 * costs next to nothing (the caller decides when a slice is over), so steps are kept well under a
 * millisecond: a step of a few thousand terms was one long block (walking MiniSearch's radix tree
 * and allocating as it goes costs microseconds a term, and a garbage collection may fall into it).
 */
const STEP = 200;
const POSTINGS_STEP = 20_000;

/**
 * Flattens a MiniSearch index built with INDEX_OPTIONS; `positionOf` says where a document id is in the
 * caller's list. Yields now and then (every few thousand documents or terms), so that a caller can cut
 * the work into time slices; the index must not change until it returns.
 */
export function* miniSearchToData(mini: MiniSearch<IndexedPassage>, positionOf: (id: string) => number): Generator<void, MiniSearchData> {
  const m = internalsOf(mini);
  if (m._storedFields.size > 0)
    throw new Error('storybot: snapshots do not keep MiniSearch stored fields; keep INDEX_OPTIONS.storeFields empty');
  const fieldCount = Object.keys(m._fieldIds).length;
  const shortIds: number[] = [];
  const idPositions: number[] = [];
  const fieldLengths: number[] = [];
  let steps = 0;
  for (const [shortId, id] of m._documentIds) {
    if (++steps % STEP === 0) yield;
    shortIds.push(shortId);
    idPositions.push(positionOf(id));
    const lengths = m._fieldLength.get(shortId) ?? [];
    for (let f = 0; f < fieldCount; f++) fieldLengths.push(lengths[f] ?? 0);
  }
  // Two passes (count, then fill preallocated arrays): pushing ~1M numbers into plain arrays first costs more.
  // The terms are walked lazily (a spread of the radix tree is one long step at 100k passages).
  const terms: string[] = [];
  const termFields: Map<number, Map<number, number>>[] = [];
  const counts: number[] = [];
  for (const [term, fields] of m._index) {
    terms.push(term);
    termFields.push(fields);
    for (let f = 0; f < fieldCount; f++) counts.push(fields.get(f)?.size ?? 0);
    if (terms.length % STEP === 0) yield;
  }
  const postingCounts = Uint32Array.from(counts);
  const total = postingCounts.reduce((sum, n) => sum + n, 0);
  const postingDocs = new Uint32Array(total);
  const postingFreqs = new Uint32Array(total);
  let lastYield = 0;
  let posting = 0;
  for (const fields of termFields) {
    // Postings, not terms, measure the work here: a common term has tens of thousands.
    if (posting - lastYield > POSTINGS_STEP) {
      lastYield = posting;
      yield;
    }
    for (let f = 0; f < fieldCount; f++) {
      const postings = fields.get(f);
      if (postings instanceof LazyPostings && postings.copyPendingTo(postingDocs, postingFreqs, posting)) {
        posting += postings.size;
        continue;
      }
      if (postings) posting = copyPostings(postings, postingDocs, postingFreqs, posting);
    }
  }
  return {
    documentCount: m._documentCount,
    nextId: m._nextId,
    dirtCount: m._dirtCount,
    fieldIds: { ...m._fieldIds },
    averageFieldLength: [...m._avgFieldLength],
    shortIds: Uint32Array.from(shortIds),
    idPositions: Uint32Array.from(idPositions),
    fieldLengths: Uint32Array.from(fieldLengths),
    terms,
    postingCounts,
    postingDocs,
    postingFreqs: yield* narrowestSteps(postingFreqs),
  };
}

/** Rebuilds the MiniSearch index (with INDEX_OPTIONS) that `miniSearchToData` flattened; `idAt` reads the caller's list of ids. */
export function miniSearchFromData(data: MiniSearchData, idAt: (position: number) => string): MiniSearch<IndexedPassage> {
  // loadJS with an empty index sets the options and counters through the public path; the maps follow.
  const mini = MiniSearch.loadJS<IndexedPassage>(
    {
      documentCount: data.documentCount,
      nextId: data.nextId,
      dirtCount: data.dirtCount,
      fieldIds: { ...data.fieldIds },
      averageFieldLength: [...data.averageFieldLength],
      documentIds: {},
      fieldLength: {},
      storedFields: {},
      index: [],
      serializationVersion: 2,
    },
    INDEX_OPTIONS,
  );
  const m = internalsOf(mini);
  const fieldCount = Object.keys(data.fieldIds).length;
  data.shortIds.forEach((shortId, i) => {
    const id = idAt(data.idPositions[i] ?? 0);
    m._documentIds.set(shortId, id);
    m._idToShortId.set(id, shortId);
    // A loop, not Array.from(subarray(...)): two allocations per document add up at 100k documents.
    const lengths: number[] = [];
    for (let f = 0; f < fieldCount; f++) lengths.push(data.fieldLengths[i * fieldCount + f] ?? 0);
    m._fieldLength.set(shortId, lengths);
  });
  let count = 0;
  let posting = 0;
  for (const term of data.terms) {
    const fields = new Map<number, Map<number, number>>();
    for (let f = 0; f < fieldCount; f++) {
      const n = data.postingCounts[count++] ?? 0;
      if (n > 0) fields.set(f, new LazyPostings(data.postingDocs, data.postingFreqs, posting, posting + n));
      posting += n;
    }
    m._index.set(term, fields);
  }
  return mini;
}

/**
 * Copies one term's postings in one field into the flat arrays from `at`; returns where the next
 * ones go. A plain function rather than a loop in the generator: at 100k passages the generator's own
 * loop over Map entries made save steps of 20,000 postings take 10–42 ms; with this, under 10 ms.
 */
function copyPostings(postings: Map<number, number>, docs: Uint32Array, freqs: Uint32Array, at: number): number {
  let next = at;
  postings.forEach((freq, doc) => {
    docs[next] = doc;
    freqs[next++] = freq;
  });
  return next;
}

/** The same numbers in the narrowest unsigned array that holds them, yielding every POSTINGS_STEP numbers. */
function* narrowestSteps(values: Uint32Array): Generator<void, PostingFreqs> {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if ((values[i] ?? 0) > max) max = values[i] ?? 0;
    if (i % POSTINGS_STEP === 0) yield;
  }
  if (max > 0xffff) return values;
  const narrow = max <= 0xff ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let at = 0; at < values.length; at += POSTINGS_STEP * 10) {
    narrow.set(values.subarray(at, at + POSTINGS_STEP * 10), at);
    yield;
  }
  return narrow;
}

/**
 * One term's postings in one field (document short id → term frequency), read from the snapshot's
 * arrays only when first used. Loading a snapshot would otherwise fill a Map per term and field, about
 * 2.3 million entries at 100k passages and most of the load time, for terms no question may ever
 * ask about. Every Map method fills it first, so MiniSearch (searching, adding, discarding, vacuuming)
 * sees an ordinary Map; `size` is known without filling. Adding a document does not fill it: a new
 * document's id is above every id in the snapshot, so its postings are kept beside the unread ones (a
 * common term's hundred thousand postings, filled for one uploaded article, held the loop for 70 ms).
 */
class LazyPostings extends Map<number, number> {
  private pending: { docs: Uint32Array; freqs: PostingFreqs; from: number; to: number; maxDoc: number | null } | null;

  constructor(docs: Uint32Array, freqs: PostingFreqs, from: number, to: number) {
    super();
    this.pending = { docs, freqs, from, to, maxDoc: null };
  }

  /**
   * Copies the postings into snapshot arrays at `at` while some are still unread (the unread ones, then
   * those added since); false once they have been filled.
   */
  copyPendingTo(docs: Uint32Array, freqs: Uint32Array, at: number): boolean {
    if (!this.pending) return false;
    const { from, to } = this.pending;
    docs.set(this.pending.docs.subarray(from, to), at);
    freqs.set(this.pending.freqs.subarray(from, to), at);
    let next = at + to - from;
    for (const [doc, freq] of super.entries()) {
      docs[next] = doc;
      freqs[next++] = freq;
    }
    return true;
  }

  /** Whether `key` is a document added since the snapshot was read (above every unread id). */
  private isAdded(key: number): boolean {
    if (!this.pending) return false;
    if (this.pending.maxDoc === null) {
      let max = -1;
      for (let i = this.pending.from; i < this.pending.to; i++) max = Math.max(max, this.pending.docs[i] ?? 0);
      this.pending.maxDoc = max;
    }
    return key > this.pending.maxDoc;
  }

  private fill(): void {
    if (!this.pending) return;
    const { docs, freqs, from, to } = this.pending;
    this.pending = null;
    // The postings added since go after the snapshot's, as if they had been added to a filled map.
    const added = [...super.entries()];
    super.clear();
    for (let i = from; i < to; i++) super.set(docs[i] ?? 0, freqs[i] ?? 0);
    for (const [doc, freq] of added) super.set(doc, freq);
  }

  override get size(): number {
    return this.pending ? this.pending.to - this.pending.from + super.size : super.size;
  }
  override get(key: number): number | undefined {
    if (!this.isAdded(key)) this.fill();
    return super.get(key);
  }
  override has(key: number): boolean {
    if (!this.isAdded(key)) this.fill();
    return super.has(key);
  }
  override set(key: number, value: number): this {
    if (!this.isAdded(key)) this.fill();
    return super.set(key, value);
  }
  override delete(key: number): boolean {
    this.fill();
    return super.delete(key);
  }
  override clear(): void {
    this.pending = null;
    super.clear();
  }
  override forEach(callback: (value: number, key: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(callback, thisArg);
  }
  override keys(): MapIterator<number> {
    this.fill();
    return super.keys();
  }
  override values(): MapIterator<number> {
    this.fill();
    return super.values();
  }
  override entries(): MapIterator<[number, number]> {
    this.fill();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}
