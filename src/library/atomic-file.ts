import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file whole: into a hidden temporary file beside it (which the corpus watch and
 * loadCorpus ignore), flushed to disk, then renamed into place, so nobody ever reads it
 * half-written and a crash leaves the old file or the new one. With `replace` false the file must
 * not exist yet.
 */
export async function writeFileAtomically(target: string, data: string | Uint8Array, { replace }: { replace: boolean }): Promise<void> {
  if (!replace && (await exists(target)))
    throw new Error(`storybot: ${target} already exists but is not indexed; move it away or run reindex`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Whether a directory entry exists (a link counts even when broken). */
export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
