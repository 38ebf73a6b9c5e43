import type { UnansweredQuestion } from '../feedback/unanswered.js';

const REASON: Readonly<Record<UnansweredQuestion['reason'], string>> = { 'no-answer': 'no answer', disliked: 'answer voted down' };

/**
 * `storybot unanswered` as text: one line per group of similar questions, most frequent first, with
 * its count, why it is listed and when it was last asked (UTC). Questions are what users typed, so
 * control characters and bidi overrides are shown as `\uXXXX` rather than sent to the terminal.
 */
export function renderUnansweredText(questions: readonly UnansweredQuestion[], days: number): string {
  const period = `in the last ${days} day${days === 1 ? '' : 's'}`;
  if (questions.length === 0) return `No question went unanswered or had its answer voted down ${period}.`;
  const width = String(Math.max(...questions.map((q) => q.count))).length + 1;
  return [
    `Unanswered questions ${period}: ${questions.length}, most frequent first`,
    ...questions.map(
      (q) =>
        `${`${q.count}×`.padStart(width)}  ${printable(q.question)}  (${REASON[q.reason]}, last ${q.lastAsked.slice(0, 16).replace('T', ' ')} UTC)`,
    ),
  ].join('\n');
}

function printable(text: string): string {
  // Control characters (escape sequences, carriage returns) and bidi overrides could rewrite what the terminal shows.
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
