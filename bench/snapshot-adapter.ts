import { readFile } from 'node:fs/promises';
import { decodeSnapshot, writeSnapshot } from '../src/library/snapshot.js';
import type { SearchIndex } from '../src/search/search-index.js';

/** Saves an index and loads it back: what the bench measures as "snapshot". */
export interface SnapshotStore {
  /** Said in the report, so a reader knows what was measured. */
  readonly label: string;
  /** Saves the index into a data directory; returns the snapshot file. */
  save(index: SearchIndex, dataDir: string): Promise<string>;
  load(file: string): Promise<SearchIndex>;
}

/** The product's snapshot: `writeSnapshot` (atomic, fsynced), and reading + `decodeSnapshot`. */
export const SNAPSHOT_STORE: SnapshotStore = {
  label:
    'src/library/snapshot.ts — writeSnapshot; load = readFile + decodeSnapshot (checksum, v8.deserialize, SearchIndex.fromSnapshotData)',
  save: (index, dataDir) => writeSnapshot(dataDir, index),
  load: async (file) => decodeSnapshot(await readFile(file)).index,
};
