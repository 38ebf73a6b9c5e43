import type { Library } from '../library/library-types.js';
import { TIMELINE_PAGE_SIZE, type TimelineView } from './render-timeline.js';
import { UserError } from './user-error.js';

/** Longest `about` accepted (characters). */
export const MAX_ABOUT = 100;

/** What to ask the library for one timeline page. */
export interface TimelinePageRequest {
  readonly page: number;
  /** An article id (from autocomplete) or words of its title or publisher; null for every article. */
  readonly source: string | null;
  readonly about: string | null;
}

/** Normalises the `about` words: blank means no filter; too long is refused. */
export function validateAbout(raw: string | null): string | null {
  const about = raw?.replace(/\s+/g, ' ').trim() ?? '';
  if (about.length > MAX_ABOUT)
    throw new UserError(`\`about\` is too long (${about.length} characters; at most ${MAX_ABOUT}). Give a few words.`);
  return about === '' ? null : about;
}

/** Asks the library for the filtered timeline (of what is read so far) and keeps one page of it. */
export async function timelinePage(library: Library, { page, source, about }: TimelinePageRequest): Promise<TimelineView> {
  const { events, progress } = await library.timeline({ ...(source !== null ? { source } : {}), ...(about !== null ? { about } : {}) });
  const first = page * TIMELINE_PAGE_SIZE;
  // Autocomplete gives an article id: show its title. Typed words are shown as typed.
  const label = source === null ? null : (library.sources().find((s) => s.article.id === source)?.article.title ?? source);
  return {
    events: events.slice(first, first + TIMELINE_PAGE_SIZE),
    total: events.length,
    page,
    source: source === null || label === null ? null : { filter: source, label },
    about,
    progress,
  };
}
