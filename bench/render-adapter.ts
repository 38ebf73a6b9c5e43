import type { Answer } from '../src/answer/answer-types.js';
import { renderAnswer } from '../src/discord/render-answer.js';

/** What the bench times as "render the Discord reply". */
export const RENDER_LABEL = 'renderAnswer (src/discord/render-answer.ts), first page of 3';

/** Renders an answer into the Discord reply payload, as the /ask handler shows its first page. */
export function renderReply(answer: Answer): unknown {
  return renderAnswer({
    question: answer.question,
    passages: answer.passages.slice(0, 3),
    page: 0,
    limit: 3,
    hasMore: answer.passages.length > 3,
    source: null,
  });
}
