/**
 * Button state lives in the button's `custom_id` (Discord's limit: 100 characters) so buttons keep
 * working after a restart — the bot keeps no per-message state.
 *
 * Design:
 * - Paging: `ask:<page>:<limit>:<sourceId>:<question>`. The question goes last so it may contain `:`;
 *   the source id is percent-encoded (it is a file name and could contain `:`). When the question
 *   does not fit in 100 characters it is left out (empty), and the handler recovers it from the
 *   message the button sits on: every answer shows its question on its first line, in a reversible
 *   escape (see `render-answer.ts`). A question is never empty, so empty means "read the message".
 * - Context: `ctx:<passageId>`.
 * - Timeline paging: `tl:<page>:<source>:<about>` (source percent-encoded, empty for none; about last,
 *   empty for none). When the about words do not fit, `tlm:<page>:<source>`: the handler reads them
 *   from the timeline message's first line, like a long question.
 * - Feedback: `vote:up` / `vote:down` and `share` (Share in channel); the answer they act on is the
 *   message they sit on.
 * Anything else (e.g. buttons of an older version) decodes to null.
 */
export const CUSTOM_ID_MAX = 100;

/** What a "More" / "Back" button asks for. */
export interface PageState {
  readonly kind: 'page';
  /** 0-based page to show. */
  readonly page: number;
  /** Passages per page (1–5). */
  readonly limit: number;
  readonly sourceId: string | null;
  /** Null when it did not fit and must be read from the message. */
  readonly question: string | null;
}

/** What a "Show in context" button asks for. */
export interface ContextState {
  readonly kind: 'context';
  readonly passageId: string;
}

/** What a timeline's "More" / "Back" button asks for. */
export interface TimelineState {
  readonly kind: 'timeline';
  /** 0-based page to show. */
  readonly page: number;
  /** The `source` filter (an article id), or null. */
  readonly source: string | null;
  /** The `about` words, or null when none (or when `aboutInMessage`). */
  readonly about: string | null;
  /** The about words did not fit and must be read from the message. */
  readonly aboutInMessage: boolean;
}

/** What a 👍 / 👎 button records. */
export interface VoteState {
  readonly kind: 'vote';
  readonly vote: 'up' | 'down';
}

/** "Share in channel" on a private answer. */
export interface ShareState {
  readonly kind: 'share';
}

export type ButtonState = PageState | ContextState | TimelineState | VoteState | ShareState;

/** Encodes a button's state, or returns null when it cannot fit in a custom_id (then the button is left out). */
export function encodeButton(state: ButtonState): string | null {
  if (state.kind === 'context') {
    const id = `ctx:${state.passageId}`;
    return id.length <= CUSTOM_ID_MAX ? id : null;
  }
  if (state.kind === 'timeline') return encodeTimeline(state);
  if (state.kind === 'vote') return `vote:${state.vote}`;
  if (state.kind === 'share') return 'share';
  const head = `ask:${state.page}:${state.limit}:${encodeURIComponent(state.sourceId ?? '')}:`;
  if (head.length > CUSTOM_ID_MAX) return null;
  const withQuestion = head + (state.question ?? '');
  return withQuestion.length <= CUSTOM_ID_MAX ? withQuestion : head;
}

/** Decodes a custom_id made by `encodeButton`; null when it is not one. */
export function decodeButton(customId: string): ButtonState | null {
  if (customId.startsWith('ctx:')) {
    const passageId = customId.slice(4);
    return passageId === '' ? null : { kind: 'context', passageId };
  }
  if (customId.startsWith('tl:') || customId.startsWith('tlm:')) return decodeTimeline(customId);
  if (customId === 'vote:up' || customId === 'vote:down') return { kind: 'vote', vote: customId === 'vote:up' ? 'up' : 'down' };
  if (customId === 'share') return { kind: 'share' };
  const [prefix, page, limit, source, ...rest] = customId.split(':');
  if (prefix !== 'ask' || page === undefined || limit === undefined || source === undefined) return null;
  if (!isPage(page) || !/^[1-5]$/.test(limit)) return null;
  const sourceId = decodeSource(source);
  if (sourceId === null) return null;
  const question = rest.join(':');
  return {
    kind: 'page',
    page: Number(page),
    limit: Number(limit),
    sourceId: sourceId === '' ? null : sourceId,
    question: question === '' ? null : question,
  };
}

function encodeTimeline(state: TimelineState): string | null {
  const source = encodeURIComponent(state.source ?? '');
  const full = `tl:${state.page}:${source}:${state.about ?? ''}`;
  if (!state.aboutInMessage && full.length <= CUSTOM_ID_MAX) return full;
  const short = `tlm:${state.page}:${source}`;
  return short.length <= CUSTOM_ID_MAX ? short : null;
}

function decodeTimeline(customId: string): TimelineState | null {
  const [prefix, page, source, ...rest] = customId.split(':');
  const aboutInMessage = prefix === 'tlm';
  if (page === undefined || source === undefined || !isPage(page) || (aboutInMessage && rest.length > 0)) return null;
  if (!aboutInMessage && rest.length === 0) return null;
  const decoded = decodeSource(source);
  if (decoded === null) return null;
  const about = rest.join(':');
  return {
    kind: 'timeline',
    page: Number(page),
    source: decoded === '' ? null : decoded,
    about: about === '' ? null : about,
    aboutInMessage,
  };
}

function isPage(text: string): boolean {
  return /^\d{1,4}$/.test(text);
}

/** The percent-decoded source, or null when malformed. */
function decodeSource(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
