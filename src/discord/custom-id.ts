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

export type ButtonState = PageState | ContextState;

/** Encodes a button's state, or returns null when it cannot fit in a custom_id (then the button is left out). */
export function encodeButton(state: ButtonState): string | null {
  if (state.kind === 'context') {
    const id = `ctx:${state.passageId}`;
    return id.length <= CUSTOM_ID_MAX ? id : null;
  }
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
  const [prefix, page, limit, source, ...rest] = customId.split(':');
  if (prefix !== 'ask' || page === undefined || limit === undefined || source === undefined) return null;
  if (!/^\d{1,4}$/.test(page) || !/^[1-5]$/.test(limit)) return null;
  let sourceId: string;
  try {
    sourceId = decodeURIComponent(source);
  } catch {
    return null;
  }
  const question = rest.join(':');
  return {
    kind: 'page',
    page: Number(page),
    limit: Number(limit),
    sourceId: sourceId === '' ? null : sourceId,
    question: question === '' ? null : question,
  };
}
