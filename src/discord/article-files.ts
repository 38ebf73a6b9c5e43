import type { Attachment } from 'discord.js';
import { checkUploadFile } from '../library/article-upload.js';
import { FeedNotFollowed } from '../feeds/feeds.js';
import { ArticleNotFound, ArticleRejected } from '../library/library-errors.js';
import { LinkRefused } from '../links/link-errors.js';
import { UserError } from './user-error.js';

/** How long a download of an attachment may take before the upload is refused. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * Refuses an attachment that cannot be an article before downloading it, by the library's own rule
 * (extension, size) applied to what Discord says about the file. The library checks the bytes again.
 */
export function checkAttachment(attachment: Pick<Attachment, 'name' | 'size'>): void {
  try {
    checkUploadFile(attachment.name, attachment.size);
  } catch (error) {
    throw toUserError(error);
  }
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
 * Runs a library or feed change and turns its refusals (an upload or link rejected, an unknown
 * article or feed) into UserErrors: their messages are written to be shown. The one place that maps them.
 */
export async function asUserRefusal<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } catch (error) {
    throw toUserError(error);
  }
}

/** A refusal as a UserError (its message is written to be shown); anything else as it is. */
function toUserError(error: unknown): unknown {
  const refusal = [ArticleRejected, ArticleNotFound, LinkRefused, FeedNotFollowed].some((kind) => error instanceof kind);
  return refusal ? new UserError((error as Error).message) : error;
}
