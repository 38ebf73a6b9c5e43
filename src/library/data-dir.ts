import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The data directory (STORYBOT_DATA_DIR) cannot hold the bot's state; the message names the path, the reason and the fix. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

/** Why a file-system call failed, in words. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'the disk is full',
  ENOENT: 'a folder above it cannot be created',
};

/**
 * Makes sure the data directory can be used: creates it when missing, then writes and removes a
 * probe file, so a directory that cannot be created or written is told at once rather than at the
 * first save. Throws a DataDirError.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  const probe = path.join(dir, `.storybot-write-test.${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new DataDirError(
      `storybot: cannot use the data directory ${dir} (STORYBOT_DATA_DIR): ${REASONS[code] ?? String(error)}${code ? ` (${code})` : ''}. ` +
        `Make it a folder this user can write, or set STORYBOT_DATA_DIR to one (it is created when missing).`,
      { cause: error },
    );
  }
}
