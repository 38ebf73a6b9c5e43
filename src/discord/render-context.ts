import type { PassageContext } from '../library/library-types.js';
import { sourceLine } from './render-answer.js';
import { messageBody, type MessageBody } from './render-message.js';
import { LIMITS, blockQuote, renderHighlighted } from './render-text.js';

/** How much of the paragraph to keep before the passage when the paragraph is too long to show whole. */
const LEAD_IN = 300;

/** "Show in context": the whole paragraph around a passage, the passage in bold, then its source. */
export function renderContext(context: PassageContext): MessageBody {
  const source = sourceLine(context.article, context.paragraph);
  const heading = context.heading ? `-# ${renderHighlighted(context.heading, [], 200)}\n` : '';
  const budget = LIMITS.embedDescription - source.length - heading.length - 1 - 2 * (context.paragraphText.split('\n').length + 1);
  let text = context.paragraphText;
  let start = context.passageStart;
  let end = context.passageEnd;
  // A paragraph too long to show: start shortly before the passage, on a word, so the passage stays visible.
  if (end > budget * 0.8 && start > LEAD_IN) {
    const space = text.lastIndexOf(' ', start - LEAD_IN);
    const from = space > 0 ? space + 1 : start - LEAD_IN;
    text = '…' + text.slice(from);
    start = start - from + 1;
    end = end - from + 1;
  }
  const quote = blockQuote(renderHighlighted(text, [{ start, end }], budget));
  return messageBody('', [{ description: `${heading}${quote}\n${source}`, color: 0x5865f2 }]);
}
