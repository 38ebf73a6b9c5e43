import { publisherLabel } from '../corpus/article.js';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { TimelineEvent } from '../facts/timeline.js';
import type { FactsProgress } from '../library/library-types.js';
import { encodeButton } from './custom-id.js';
import { messageBody, type MessageBody } from './render-message.js';
import { LIMITS, blockQuote, cutOnWord, escapeAll, escapeReversibly, renderHighlighted, unescapeReversibly } from './render-text.js';

/** Dated statements per timeline page: five short quotes stay readable in one embed. */
export const TIMELINE_PAGE_SIZE = 5;

/** One page of a timeline, as /timeline and its buttons show it. */
export interface TimelineView {
  /** The events of this page, in chronological order. */
  readonly events: readonly TimelineEvent[];
  /** How many events the whole (filtered) timeline has. */
  readonly total: number;
  /** 0-based page number. */
  readonly page: number;
  /** The `source` filter as given (an article id from autocomplete, or typed words), and what to call it. */
  readonly source: { readonly filter: string; readonly label: string } | null;
  /** The `about` filter, or null. */
  readonly about: string | null;
  /** How far the names and dates are read: below all passages, the timeline is still growing. */
  readonly progress?: FactsProgress;
}

const HEADING = '**Timeline**';
const ABOUT_PREFIX = ' about: ';
const EMBED_COLOR = 0x5865f2;
/** Most characters of a date as written, a note, a title or a publisher shown (raw, before escaping). */
const MAX_AS_WRITTEN = 60;
const MAX_NOTE = 200;
const MAX_TITLE = 80;
const MAX_PUBLISHER = 50;

/**
 * Renders a timeline page: "**Timeline** about: …" first (escaped reversibly so the buttons can read
 * the about words back when they do not fit in a custom_id), where the page lies in the whole, then
 * one embed listing each dated statement — date (resolved ISO when known, and as written), source,
 * a short verbatim quote, and how the date was placed when that took a guess — and Back / More.
 */
export function renderTimeline(view: TimelineView): MessageBody {
  const first = view.page * TIMELINE_PAGE_SIZE;
  const about: string[] = [];
  if (view.source) about.push(`only from *${escapeAll(cutOnWord(view.source.label, 200))}*`);
  if (view.events.length > 0)
    about.push(`${first + 1}–${first + view.events.length} of ${view.total} dated ${view.total === 1 ? 'statement' : 'statements'}`);
  const reading = view.progress && readingNote(view.progress);
  if (reading) about.push(reading);
  const lines = [HEADING + (view.about ? ABOUT_PREFIX + escapeReversibly(view.about) : ''), `-# ${about.join(' · ')}`];
  if (view.events.length === 0)
    lines.push(view.total === 0 ? (reading ? 'No dated statements read yet.' : noEvents(view)) : 'No more dated statements.');
  const content = lines.filter((l) => l !== '-# ').join('\n');
  if (view.events.length === 0) return messageBody(content, [], timelineButtons(view));

  // Every event gets an equal share of the description, separators included.
  const perEvent = Math.floor(LIMITS.embedDescription / view.events.length) - 2;
  const description = view.events.map((e) => renderEvent(e, perEvent)).join('\n\n');
  return messageBody(content, [{ description, color: EMBED_COLOR }], timelineButtons(view));
}

/** "**2024-10-14** (“Oct. 14”) · *Title*, Publisher", the quote, then the note in italics; at most `max` characters. */
function renderEvent(event: TimelineEvent, max: number): string {
  const asWritten = event.asWritten === event.date ? '' : ` (“${escapeAll(cutOnWord(event.asWritten, MAX_AS_WRITTEN))}”)`;
  const source = `*${escapeAll(cutOnWord(event.article.title, MAX_TITLE))}*, ${escapeAll(cutOnWord(publisherLabel(event.article.source), MAX_PUBLISHER))}`;
  const head = `**${escapeAll(cutOnWord(event.date, MAX_AS_WRITTEN))}**${asWritten} · ${source}`;
  const note = event.note ? `\n_${renderHighlighted(event.note, [], MAX_NOTE)}_` : '';
  // The quote takes what the date, source and note leave: "\n> " before it, plus "> " per extra line.
  const room = max - head.length - note.length - 3 - 2 * (event.text.split('\n').length - 1);
  // A clause cut from its sentence says so, like any cut quote.
  const quote = event.cut
    ? `…${renderHighlighted(event.text, [], room - 2)}${/[.!?"”]$/.test(event.text) ? '' : '…'}`
    : renderHighlighted(event.text, [], room);
  return `${head}\n${blockQuote(quote)}${note}`;
}

/** "names and dates read in 40% of the passages so far (41,000 of 100,000)", or null once all are read. */
export function readingNote({ passages, passagesRead }: FactsProgress): string | null {
  if (passagesRead >= passages) return null;
  const percent = Math.floor((100 * passagesRead) / Math.max(1, passages));
  return `names and dates read in ${percent}% of the passages so far (${passagesRead.toLocaleString('en-US')} of ${passages.toLocaleString('en-US')}): ask again shortly for the rest`;
}

function noEvents(view: TimelineView): string {
  const filters = [
    view.about ? `about “${escapeAll(cutOnWord(view.about, 200))}”` : '',
    view.source ? `in *${escapeAll(cutOnWord(view.source.label, 200))}*` : '',
  ].filter((f) => f !== '');
  return filters.length === 0
    ? 'No dated statements found in the articles.'
    : `No dated statements ${filters.join(' ')}. Try other words, or leave out a filter.`;
}

function timelineButtons(view: TimelineView): APIActionRowComponent<APIButtonComponent>[] {
  const page = (target: number): string | null =>
    encodeButton({ kind: 'timeline', page: target, source: view.source?.filter ?? null, about: view.about, aboutInMessage: false });
  const buttons: APIButtonComponent[] = [];
  const back = view.page > 0 ? page(view.page - 1) : null;
  if (back) buttons.push({ type: ComponentType.Button, custom_id: back, label: 'Back', style: ButtonStyle.Secondary });
  const more = (view.page + 1) * TIMELINE_PAGE_SIZE < view.total ? page(view.page + 1) : null;
  if (more) buttons.push({ type: ComponentType.Button, custom_id: more, label: 'More', style: ButtonStyle.Primary });
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** Reads the about words back from a timeline's first line: null when it has none, undefined when it is no timeline. */
export function aboutOf(content: string): string | null | undefined {
  const firstLine = content.split('\n', 1)[0] ?? '';
  if (firstLine === HEADING) return null;
  return firstLine.startsWith(HEADING + ABOUT_PREFIX)
    ? unescapeReversibly(firstLine.slice(HEADING.length + ABOUT_PREFIX.length))
    : undefined;
}
