import type { LibraryEvent } from '../library/library-events.js';
import { escapeControlChars as safe } from '../text/control-chars.js';

/**
 * What the console chat says about a library event, as a short sentence, or null for events it keeps
 * quiet about: the start reports only what went wrong, a reindex is reported by its own answer, and
 * only the watch tells what was added, changed or removed.
 */
export function describeEvent(event: LibraryEvent): string | null {
  switch (event.type) {
    case 'file': {
      const { file, change, reason, note } = event.change;
      if (event.cause === 'reindex' || (event.cause === 'load' && change !== 'failed' && !note)) return null;
      if (note) return safe(`${file}: ${note}.`);
      const passages = `${event.passages} passage${event.passages === 1 ? '' : 's'}`;
      if (change === 'added') return safe(`Added ${file} (${passages}).`);
      if (change === 'changed') return safe(`Updated ${file}: it changed (${passages}).`);
      if (change === 'removed') return safe(`Removed ${file} from the index.`);
      if (change === 'failed') return safe(`Skipped ${file}: ${reason}.`);
      return null;
    }
    case 'notice': {
      if (event.cause === 'reindex') return null;
      const { file, kind, message } = event.notice;
      return safe(kind === 'skipped' ? `Skipped ${file}: ${message}.` : `${file}: ${message}.`);
    }
    case 'problem':
      switch (event.problem) {
        case 'snapshot-unusable':
          return safe(`The saved index could not be used (${event.reason}); indexing the whole corpus.`);
        case 'snapshot-not-saved':
          return safe(`Could not save the index (${event.reason}); the next start indexes the whole corpus again.`);
        case 'update-failed':
          return safe(`Could not update the index: ${event.reason}`);
        case 'watch-error':
          return safe(`Watching the corpus folder failed: ${event.reason}`);
      }
  }
}
