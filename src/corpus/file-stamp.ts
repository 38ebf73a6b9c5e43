import type { Stats } from 'node:fs';

/**
 * What a corpus file's metadata was when it was read. A snapshot keeps one per indexed file, so a
 * start can tell from `stat` alone which files still hold what was indexed and not read them again
 * (the idea of git's index, racy-clean rule included).
 */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  /** Set by the system on every write, rename or touch; unlike mtime it cannot be set back. */
  readonly ctimeMs: number;
  readonly ino: number;
  /** The clock just before the file was examined and read. */
  readonly readAtMs: number;
}

/**
 * A file written this shortly before it was read could be written again within the same tick of
 * the file system's clock (2 s on FAT, skewed clocks on network shares), keeping its stamp while its
 * text changes: such a stamp proves nothing, and the file is read again at the next start.
 */
export const RACY_WINDOW_MS = 2000;

/** The stamp of a file with these stats, examined at `readAtMs`. */
export function stampOf(stats: Stats, readAtMs: number): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, readAtMs };
}

/** Whether a file with these stats surely still holds what was read when `stamp` was taken. */
export function unchangedSince(stamp: FileStamp, stats: Stats): boolean {
  return (
    stats.size === stamp.size &&
    stats.mtimeMs === stamp.mtimeMs &&
    stats.ctimeMs === stamp.ctimeMs &&
    stats.ino === stamp.ino &&
    Math.max(stamp.mtimeMs, stamp.ctimeMs) < stamp.readAtMs - RACY_WINDOW_MS
  );
}

/** Whether two stamps are the same. */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.readAtMs === b.readAtMs;
}
