import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Passage } from '../passages/passage.js';

/** Entries kept: a full run uses 36 (public set, SQuAD over all articles, and each of the 16 alone, for two engines). */
const MAX_ENTRIES = 200;

/** Per question, the indices (into the corpus's passage list) of the passages an engine returned, best first. */
export type RankedIndices = readonly (readonly number[])[];

/**
 * The reference engines' answers from earlier runs. They depend only on the passages, the questions,
 * the engines' code and the installed packages, so each is stored under a hash of all four and reused
 * while none changes: the lead re-runs the eval many times while tuning storybot, and MiniSearch's
 * defaults (stop words kept) are as slow to ask as storybot itself. What a run used is written back
 * first, then older entries up to MAX_ENTRIES, so answers for passages that no longer exist age out.
 */
export class ReferenceCache {
  readonly #stored: ReadonlyMap<string, RankedIndices>;
  readonly #used = new Map<string, RankedIndices>();

  private constructor(
    readonly file: string | null,
    stored: ReadonlyMap<string, RankedIndices>,
  ) {
    this.#stored = stored;
  }

  /** Opens the cache file (null: no cache, everything is computed); a missing or unreadable file is an empty cache. */
  static async open(file: string | null): Promise<ReferenceCache> {
    if (file === null) return new ReferenceCache(null, new Map());
    try {
      const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
      const entries = json !== null && typeof json === 'object' ? Object.entries(json as Record<string, RankedIndices>) : [];
      return new ReferenceCache(file, new Map(entries.filter(([, value]) => Array.isArray(value))));
    } catch {
      return new ReferenceCache(file, new Map());
    }
  }

  /** The stored answers under `key`, or none (then `remember` them once computed). */
  lookup(key: string): RankedIndices | undefined {
    const found = this.#stored.get(key);
    if (found) this.#used.set(key, found);
    return found;
  }

  remember(key: string, answers: RankedIndices): void {
    this.#used.set(key, answers);
  }

  /** Writes what this run used, then the newest others; a cache that cannot be written only costs time next run. */
  async save(): Promise<void> {
    if (this.file === null) return;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      const older = [...this.#stored].filter(([key]) => !this.#used.has(key));
      const kept = [...this.#used, ...older].slice(0, MAX_ENTRIES);
      await writeFile(temporary, JSON.stringify(Object.fromEntries(kept)));
      await rename(temporary, this.file);
    } catch {
      // Read-only checkout or full disk: the next run computes the references again.
    }
  }
}

/** The key of one engine's answers to some questions over some passages. */
export function referenceKey(engine: string, passages: readonly Passage[], questions: readonly string[]): string {
  const hash = createHash('sha256').update(engine);
  for (const p of passages) hash.update(`\0${p.id}\0${p.start}\0${p.end}\0${p.text}`);
  for (const q of questions) hash.update(`\u0001${q}`);
  return hash.digest('hex');
}
