import type { CorpusNotice } from '../corpus/article.js';
import type { Logger } from '../log.js';
import type { FileChange } from './library-types.js';

/** What made the library look at a file. */
export type ChangeCause = 'load' | 'reindex' | 'watch' | 'upload' | 'remove';

/**
 * What the library tells its front end as it happens: a file indexed, changed, removed or failed;
 * something about a corpus entry (skipped, front-matter keys ignored); a problem it works around.
 * The bot logs them (`logLibraryEvent`); the console chat says them in sentences.
 */
export type LibraryEvent =
  | { readonly type: 'file'; readonly cause: ChangeCause; readonly change: FileChange; readonly passages: number }
  | { readonly type: 'notice'; readonly cause: ChangeCause; readonly notice: CorpusNotice }
  | {
      readonly type: 'problem';
      readonly problem: 'snapshot-unusable' | 'snapshot-not-saved' | 'update-failed' | 'watch-error';
      /** What went wrong, fit to show. */
      readonly reason: string;
      readonly error?: unknown;
    };

/** Logs a library event as one structured line (the bot's log, and the console's with LOG_LEVEL=debug). */
export function logLibraryEvent(logger: Logger, event: LibraryEvent, context: { corpusDir: string; dataDir?: string }): void {
  switch (event.type) {
    case 'file': {
      const { file, change, reason, note } = event.change;
      if (change === 'failed') logger.warn({ file, change, reason, cause: event.cause }, 'corpus file skipped');
      // An article that reached the passage bound: indexed, but not to its end.
      else if (note) logger.warn({ file, change, passages: event.passages, cause: event.cause }, note);
      else logger.info({ file, change, passages: event.passages, cause: event.cause }, 'corpus file indexed');
      return;
    }
    case 'notice': {
      const { file, kind, message } = event.notice;
      if (kind === 'ignored-keys') logger.warn({ file, reason: message }, 'front matter keys ignored');
      else logger.info({ file, reason: message }, 'corpus entry skipped');
      return;
    }
    case 'problem':
      switch (event.problem) {
        case 'snapshot-unusable':
          logger.warn({ dataDir: context.dataDir, reason: event.reason }, 'index snapshot unusable; indexing the whole corpus');
          return;
        case 'snapshot-not-saved':
          logger.warn(
            { err: event.error, dataDir: context.dataDir },
            'cannot save the index snapshot; the next start will index the whole corpus',
          );
          return;
        case 'update-failed':
          logger.error({ err: event.error }, 'corpus update failed');
          return;
        case 'watch-error':
          logger.warn({ err: event.error, corpusDir: context.corpusDir }, 'corpus watch error');
          return;
      }
  }
}
