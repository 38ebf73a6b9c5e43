import path from 'node:path';
import type { Attachment } from 'discord.js';
import { MAX_ARTICLE_BYTES } from '../corpus/load-corpus.js';
import { ARTICLE_EXTENSIONS } from '../corpus/parse-article.js';
import { ArticleNotFound, ArticleRejected } from '../library/library-errors.js';
import { UserError } from './user-error.js';

/** How long a download of an attachment may take before the upload is refused. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * Refuses an attachment that cannot be an article before downloading it: the library's own rules
 * (extension, size), checked on what Discord says about the file. The library checks the bytes again.
 */
export function checkAttachment(attachment: Pick<Attachment, 'name' | 'size'>): void {
  const ext = path.extname(attachment.name).toLowerCase();
  if (!ARTICLE_EXTENSIONS.includes(ext))
    throw new UserError(
      `Only ${ARTICLE_EXTENSIONS.join(' and ')} files can be added (this one is ${ext === '' ? 'without extension' : ext}). Save the article as text and attach it again.`,
    );
  if (attachment.size > MAX_ARTICLE_BYTES)
    throw new UserError(
      `The file is too big (${megabytes(attachment.size)}; at most ${megabytes(MAX_ARTICLE_BYTES)}). Send the article text only.`,
    );
}

/** Downloads an attachment's bytes from Discord's CDN (or the stand-in in tests). */
export async function downloadAttachment(attachment: Pick<Attachment, 'url'>): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(attachment.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new UserError(`Could not download the file (${error instanceof Error ? error.message : String(error)}). Try again.`);
  }
  if (!response.ok) throw new UserError(`Could not download the file (HTTP ${response.status}). Attach it again.`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Runs a library change and turns its refusals (an upload rejected, an unknown article) into
 * UserErrors: their messages are written to be shown. The one place that maps them.
 */
export async function asUserRefusal<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } catch (error) {
    if (error instanceof ArticleRejected || error instanceof ArticleNotFound) throw new UserError(error.message);
    throw error;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
