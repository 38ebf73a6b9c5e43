import type { UnansweredQuestion } from '../feedback/unanswered.js';
import { messageBody, type MessageBody } from './render-message.js';
import { LIMITS, cutOnWord, escapeAll } from './render-text.js';

const REASON: Readonly<Record<UnansweredQuestion['reason'], string>> = { 'no-answer': 'no answer', disliked: 'answer voted 👎' };

/**
 * `/unanswered`: one line per group of similar questions, most frequent first — wording, count, why,
 * and when last asked (a Discord timestamp, shown in the reader's time zone) — as many as fit.
 */
export function renderUnanswered(questions: readonly UnansweredQuestion[], days: number): MessageBody {
  const period = `in the last ${days} day${days === 1 ? '' : 's'}`;
  if (questions.length === 0)
    return messageBody(`**Unanswered questions**\nNo question went unanswered or had its answer voted 👎 ${period}.`);
  const lines = [`**Unanswered questions** ${period}: ${questions.length}, most frequent first`];
  let length = lines[0]?.length ?? 0;
  for (const [i, q] of questions.entries()) {
    const seconds = Math.floor(Date.parse(q.lastAsked) / 1000);
    const line = `${i + 1}. ${escapeAll(cutOnWord(q.question, 200))} — ${q.count}× · ${REASON[q.reason]} · last <t:${seconds}:R>`;
    const rest = `…and ${questions.length - i} more (storybot unanswered lists them all)`;
    // Keep room for the "and more" line unless this is the last question.
    const room = LIMITS.content - length - 1 - (i === questions.length - 1 ? 0 : rest.length + 1);
    if (line.length > room) {
      lines.push(rest);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return messageBody(lines.join('\n'));
}
