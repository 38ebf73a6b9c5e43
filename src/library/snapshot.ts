import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { FileStamp } from '../corpus/file-stamp.js';
import { parseArticle } from '../corpus/parse-article.js';
import type { ArticleFacts } from '../facts/article-facts.js';
import abbreviationData from '../passages/abbreviations.json' with { type: 'json' };
import { MAX_PASSAGES_PER_ARTICLE, splitArticle } from '../passages/split-article.js';
import { INDEX_OPTIONS } from '../search/index-options.js';
import lemmaData from '../search/lemmas.json' with { type: 'json' };
import { SearchIndex, type SavedIndexData, type SearchIndexData } from '../search/search-index.js';
import stopWordData from '../search/stop-words.json' with { type: 'json' };
import { ANALYSIS_VERSION, normalizeText } from '../search/terms.js';
import { traitsOf } from '../search/traits.js';
import { deserializeParts, serializeInParts } from './sliced-serialize.js';
import { savedFactsSteps, splitFacts, type SavedFactsData, type SnapshotFactsData } from './snapshot-facts.js';
import { TimeSlices } from '../time-slices.js';

/**
 * Snapshot file layout (little-endian):
 *   0  8 bytes  magic "STORYBOT"
 *   8  u32      format version (SNAPSHOT_FORMAT)
 *  12  u32      CRC-32 of the payload
 *  16  u32      payload length in bytes
 *  20  u32      zero (keeps the payload 8-aligned)
 *  24  payload  SnapshotPayload in parts (see sliced-serialize.ts): plain data and typed arrays, no
 *               JSON; typed arrays as raw bytes, read in place (see SearchIndexData and MiniSearchData).
 * The length and CRC catch a truncated or damaged file before anything is decoded. The payload is
 * written as it is made (format 6; the header last), so a save never holds a copy of the index. It is
 * made in small steps (writeSnapshot runs them in time slices: a save never holds the event loop).
 */
export const SNAPSHOT_FORMAT = 6;
/** The snapshot's file name inside the data directory. */
export const SNAPSHOT_FILE = 'index.snapshot';
const MAGIC = Buffer.from('STORYBOT', 'latin1');
const HEADER_BYTES = 24;
/** Bytes checksummed between two steps of a save. */
const CRC_STEP_BYTES = 4 * 2 ** 20;
/** Parts written by one call, and bytes after which a batch is written whatever its count. */
const WRITE_BATCH_PARTS = 256;
const WRITE_BATCH_BYTES = 2 ** 20;
const TEMP_SUFFIX = '.tmp';

interface SnapshotPayload {
  /** Which text analysis built the index (see `analysisFingerprint`). */
  readonly analysis: string;
  /** Per indexed file, its stamp when it was read (files without one are read at the next start). */
  readonly stamps: Readonly<Record<string, FileStamp>>;
  readonly savedAt: string;
  /** The index's version and when it last changed (absent from snapshots of older builds). */
  readonly version?: number;
  readonly updatedAt?: string;
  readonly index: SearchIndexData;
  /** Names and dates read from the articles so far (format 4). */
  readonly facts?: SnapshotFactsData;
}

/** SnapshotPayload as a save writes it: typed records as the concatenations they read back as. */
type SavedPayload = Omit<SnapshotPayload, 'index' | 'facts'> & { readonly index: SavedIndexData; readonly facts: SavedFactsData };

/** Which version an index is and when it last changed: kept in the snapshot so a restart does not reset them. */
export interface IndexVersion {
  readonly version: number;
  readonly updatedAt: Date;
}

/** A snapshot file that cannot be used, and why. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/** The outcome of `readSnapshot`. */
export type SnapshotRead =
  | ({
      readonly status: 'loaded';
      readonly index: SearchIndex;
      /** Per indexed file, the stamp of the read it was indexed from (where known). */
      readonly stamps: ReadonlyMap<string, FileStamp>;
      readonly savedAt: Date;
      /** Names and dates read before the save, by article id. */
      readonly facts: ReadonlyMap<string, ArticleFacts>;
    } & IndexVersion)
  | { readonly status: 'missing' }
  | { readonly status: 'invalid'; readonly reason: string };

/** What a snapshot keeps besides the index: the stamps of the files it was read from, the articles' facts. */
export interface SnapshotExtras {
  readonly stamps?: ReadonlyMap<string, FileStamp>;
  readonly facts?: ReadonlyMap<string, ArticleFacts>;
  /** The index's version and when it last changed. */
  readonly version?: IndexVersion;
}

/** Encodes an index, and what it keeps besides (see SnapshotExtras), as snapshot bytes. */
export function encodeSnapshot(index: SearchIndex, extras: SnapshotExtras = {}): Buffer {
  const body: Buffer[] = [];
  for (const part of snapshotSteps(index, extras)) if (part) body.push(part);
  const payload = Buffer.concat(body);
  return Buffer.concat([headerOf(crc32(payload), payload.length), payload]);
}

/**
 * The snapshot's payload in small steps: yields its bytes as they are made (see serializeInParts),
 * to be written one after the other after the header, and nothing between steps. The index must not
 * change until it returns.
 */
function* snapshotSteps(
  index: SearchIndex,
  { stamps = new Map(), facts = new Map(), version }: SnapshotExtras,
): Generator<Buffer | void, void> {
  // The stamps an article a step: at 100k passages even one map over the 5,000 articles is a 10 ms step.
  const fileStamps: [string, FileStamp][] = [];
  for (const article of index.allArticles()) {
    const stamp = stamps.get(article.file);
    if (stamp) fileStamps.push([article.file, stamp]);
    yield;
  }
  const payload: SavedPayload = {
    analysis: analysisFingerprint(),
    stamps: Object.fromEntries(fileStamps),
    savedAt: new Date().toISOString(),
    ...(version ? { version: version.version, updatedAt: version.updatedAt.toISOString() } : {}),
    index: yield* index.snapshotDataSteps(),
    facts: yield* savedFactsSteps(facts),
  };
  yield* serializeInParts(payload);
}

/** The snapshot header for a payload of this checksum and length. */
function headerOf(crc: number, length: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(SNAPSHOT_FORMAT, 8);
  header.writeUInt32LE(crc, 12);
  header.writeUInt32LE(length, 16);
  return header;
}

/** Decodes snapshot bytes; throws a SnapshotError saying what is wrong with them. */
export function decodeSnapshot(bytes: Buffer): {
  index: SearchIndex;
  stamps: ReadonlyMap<string, FileStamp>;
  savedAt: Date;
  facts: ReadonlyMap<string, ArticleFacts>;
} & IndexVersion {
  // Magic and format first: older formats had a shorter header.
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SnapshotError('not a storybot index snapshot');
  const format = bytes.readUInt32LE(8);
  if (format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${format}, this version reads format ${SNAPSHOT_FORMAT}`);
  if (bytes.length < HEADER_BYTES) throw new SnapshotError(`truncated: ${bytes.length} bytes, shorter than the header`);
  const length = bytes.readUInt32LE(16);
  const body = bytes.subarray(HEADER_BYTES);
  if (body.length !== length) throw new SnapshotError(`truncated: ${body.length} of ${length} payload bytes`);
  if (crc32(body) !== bytes.readUInt32LE(12)) throw new SnapshotError('damaged: checksum mismatch');
  let payload: SnapshotPayload;
  try {
    payload = deserializeParts(body) as SnapshotPayload;
  } catch (error) {
    throw new SnapshotError(`undecodable payload (${error instanceof Error ? error.message : String(error)})`);
  }
  if (payload.analysis !== analysisFingerprint())
    throw new SnapshotError('built by a different text analysis (passages, terms or traits changed)');
  let index: SearchIndex;
  try {
    index = SearchIndex.fromSnapshotData(payload.index);
  } catch (error) {
    throw new SnapshotError(`inconsistent payload (${error instanceof Error ? error.message : String(error)})`);
  }
  const savedAt = new Date(payload.savedAt);
  return {
    index,
    stamps: new Map(Object.entries(payload.stamps)),
    savedAt,
    facts: splitFacts(payload.facts),
    // A snapshot written before versions were kept: its index counts as version 1, changed when saved.
    version: typeof payload.version === 'number' ? payload.version : 1,
    updatedAt: payload.updatedAt === undefined ? savedAt : new Date(payload.updatedAt),
  };
}

/**
 * Saves an index as the snapshot of a data directory, atomically: a temporary file is written and
 * flushed to disk, then renamed over the snapshot, so a crash at any point leaves either the old
 * snapshot or the new one. Returns the snapshot's path.
 */
export async function writeSnapshot(dataDir: string, index: SearchIndex, extras: SnapshotExtras = {}): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const target = path.join(dataDir, SNAPSHOT_FILE);
  // The pid in the name lets a later start tell a dead writer's leftover from a live writer's file.
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  const file = await open(temp, 'wx');
  try {
    // The payload is written as it is made, the header (its length and checksum) last, in front.
    const slices = new TimeSlices();
    let crc = 0;
    let length = 0;
    // Parts are written a batch at a time: the articles' records are thousands of small parts, and one
    // write each made a save of a 100k index take 2.9 s instead of 0.5–0.8 s.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const writeBatch = async (): Promise<void> => {
      if (batch.length > 0) await file.writev(batch, HEADER_BYTES + length - batchBytes);
      batch = [];
      batchBytes = 0;
    };
    await file.write(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, 0);
    for (const part of snapshotSteps(index, extras)) {
      if (part) {
        for (let at = 0; at < part.length; at += CRC_STEP_BYTES) {
          crc = crc32(part.subarray(at, at + CRC_STEP_BYTES), crc);
          if (slices.due()) await slices.pause();
        }
        batch.push(part);
        batchBytes += part.length;
        length += part.length;
        if (batch.length >= WRITE_BATCH_PARTS || batchBytes >= WRITE_BATCH_BYTES) await writeBatch();
      }
      if (slices.due()) await slices.pause();
    }
    await writeBatch();
    await file.write(headerOf(crc, length), 0, HEADER_BYTES, 0);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await rename(temp, target);
  await syncDirectory(dataDir);
  return target;
}

/**
 * Loads the snapshot of a data directory: the index as saved, with the stamps of the files it was
 * read from (see `loadCorpus`'s `known`). A missing snapshot is `missing`; an unusable one (truncated,
 * damaged, foreign, older format, other text analysis) is `invalid` with the reason. Never throws
 * for the file's content. Also deletes temporary files left by writers that died mid-save.
 */
export async function readSnapshot(dataDir: string): Promise<SnapshotRead> {
  await removeStaleTemps(dataDir);
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dataDir, SNAPSHOT_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'invalid', reason: `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    return { status: 'loaded', ...decodeSnapshot(bytes) };
  } catch (error) {
    if (error instanceof SnapshotError) return { status: 'invalid', reason: error.message };
    throw error;
  }
}

async function removeStaleTemps(dataDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch {
    return;
  }
  const prefix = `${SNAPSHOT_FILE}.`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!isAlive(pid)) await rm(path.join(dataDir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes the rename itself durable; directories cannot be fsynced on every platform, hence the catch. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data is already safely in the renamed file.
  }
}

/** Text that exercises headings, lists, abbreviations, short and overlong sentences, and traits. */
const PROBE_BODY = [
  '# The Context of Retaliation',
  'In January 2020, a U.S. drone strike killed Maj. Gen. Qassim Suleimani, a key figure in Iran’s strategy. He died. Officials said on Oct. 14 that 3 people in Tehran were warned “by intermediaries” because of threats.',
  "The abbey was founded in 1066 and rebuilt in the 11th century by monks from Normandy, who'd settled there.",
  '- Regional Instability: Any escalation could impact allies like Israel and Saudi Arabia.',
  `${'A very long sentence about diplomacy and deterrence that goes on '.repeat(12)}until it ends.`,
  [...Object.keys(lemmaData.forms), ...stopWordData.words, ...Object.values(abbreviationData).flat()].join(' ') + '.',
].join('\n\n');

let analysis: string | undefined;

/**
 * A hash of what the text analysis makes of a probe article: paragraphs, passages, index terms and
 * traits. A snapshot built by different analysis code or word lists (e.g. after the stemming or
 * passage rules change) would not match what searches now look for, so it must be rebuilt.
 */
function analysisFingerprint(): string {
  if (analysis === undefined) {
    const probe = parseArticle('probe.txt', new TextEncoder().encode(PROBE_BODY));
    const { paragraphs, passages } = splitArticle(probe);
    const seen = passages.map((p) => [p, normalizeText(p.text), traitsOf(p.text)]);
    analysis = createHash('sha256')
      .update(JSON.stringify([ANALYSIS_VERSION, INDEX_OPTIONS.fields, MAX_PASSAGES_PER_ARTICLE, paragraphs, seen]))
      .digest('hex');
  }
  return analysis;
}
