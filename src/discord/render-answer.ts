import { publisherLabel } from '../corpus/article.js';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { CLOSEST_LABEL, type AnswerPassage, type ArticleRef } from '../answer/answer-types.js';
import type { Fact } from '../facts/fact-types.js';
import type { SameEventGroup } from '../facts/same-event.js';
import { encodeButton } from './custom-id.js';
import { renderGlance } from './render-glance.js';
import { embedLength, messageBody, type MessageBody } from './render-message.js';
import { LIMITS, blockQuote, cutOnWord, escapeAll, escapeReversibly, renderHighlighted, unescapeReversibly } from './render-text.js';

/** Shown when the engine finds nothing. */
export const NO_ANSWER = 'Nothing in the articles answers that.';

/** One page of an answer, as the /ask handler, the paging buttons and thread follow-ups show it. */
export interface AnswerView {
  readonly question: string;
  /** The passages of this page, best first. */
  readonly passages: readonly AnswerPassage[];
  /** When nothing answers: the nearest passages, shown as maybe not answering (see `Answer.closest`). */
  readonly closest?: readonly AnswerPassage[];
  /** Who/when facts and same-event groups of the answer (the glance shows those of this page's passages); absent: none. */
  readonly facts?: readonly Fact[];
  readonly reports?: readonly SameEventGroup[];
  /** Some quotes' names and dates are still being read (the glance says so). */
  readonly factsPending?: boolean;
  /** 0-based page number. */
  readonly page: number;
  /** Passages per page. */
  readonly limit: number;
  /** Whether a next page exists. */
  readonly hasMore: boolean;
  /** The article the question was restricted to, if any. */
  readonly source: ArticleRef | null;
  /** A line to add at the end, e.g. why no thread was opened. */
  readonly note?: string | null;
}

const QUESTION_PREFIX = '**Q:** ';
const EMBED_COLOR = 0x5865f2;

/**
 * Renders an answer: the question on the first line (escaped reversibly so buttons and follow-ups
 * can read it back after a restart), one embed per passage (block quote with the matched words in
 * bold, then title, publisher, date, paragraph and link), an embed with who / when and same-event
 * reports of the page's passages, and the More / Back / context buttons.
 */
export function renderAnswer(view: AnswerView): MessageBody {
  const first = view.page * view.limit;
  const lines = [QUESTION_PREFIX + escapeReversibly(view.question)];
  const about: string[] = [];
  if (view.source) about.push(`only from *${escapeAll(cutOnWord(view.source.title, 200))}*`);
  if (view.page > 0 && view.passages.length > 0) about.push(`passages ${first + 1}–${first + view.passages.length}`);
  if (about.length > 0) lines.push(`-# ${about.join(' · ')}`);
  if (view.passages.length === 0) lines.push(view.page === 0 ? NO_ANSWER : 'No more passages answer that.');
  const closest = view.passages.length === 0 ? (view.closest ?? []) : [];
  if (closest.length > 0) lines.push(`-# ${CLOSEST_LABEL}`);
  if (view.note) lines.push(`-# ${cutOnWord(view.note, 300)}`);

  const glance = renderGlance({
    passages: view.passages,
    facts: view.facts ?? [],
    reports: view.reports ?? [],
    first,
    factsPending: view.factsPending === true,
  });
  // Share the 6000-character embed total evenly between the passages, after the glance's share.
  const room = LIMITS.embedTotal - (glance ? embedLength(glance) : 0);
  const shown = [...view.passages, ...closest];
  const perEmbed = Math.min(LIMITS.embedDescription, Math.floor(room / Math.max(1, shown.length)));
  const embeds = shown.map((p): APIEmbed => {
    const source = sourceLine(p.article, p.paragraph);
    const quote = blockQuote(renderHighlighted(p.text, p.highlights, perEmbed - source.length - 1 - quoteMarkers(p.text)));
    return { description: `${quote}\n${source}`, color: EMBED_COLOR };
  });
  return messageBody(lines.join('\n'), glance ? [...embeds, glance] : embeds, answerButtons(view, first));
}

/** Room for the `> ` that blockQuote puts before each line. */
function quoteMarkers(text: string): number {
  return 2 * text.split('\n').length;
}

/** "— *Title*, Publisher · 2024-10-15 · paragraph 3 · <url>" (the <> stops link previews). */
export function sourceLine(article: ArticleRef, paragraph: number): string {
  const parts = [`— *${escapeAll(cutOnWord(article.title, 200))}*, ${escapeAll(cutOnWord(publisherLabel(article.source), 100))}`];
  if (article.published) parts.push(escapeAll(article.published));
  parts.push(`paragraph ${paragraph}`);
  const url = safeUrl(article.url);
  if (url) parts.push(`<${url}>`);
  return parts.join(' · ');
}

/** Only plain http(s) URLs of sane length are linked; anything else could break the markdown. */
function safeUrl(url: string | null): string | null {
  if (!url || url.length > 500 || /[\s<>]/.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function answerButtons(view: AnswerView, first: number): APIActionRowComponent<APIButtonComponent>[] {
  const page = (target: number): string | null =>
    encodeButton({ kind: 'page', page: target, limit: view.limit, sourceId: view.source?.id ?? null, question: view.question });
  const paging: APIButtonComponent[] = [];
  const back = view.page > 0 ? page(view.page - 1) : null;
  if (back) paging.push(button(back, 'Back', ButtonStyle.Secondary));
  const more = view.hasMore ? page(view.page + 1) : null;
  if (more) paging.push(button(more, 'More', ButtonStyle.Primary));
  const context = view.passages.flatMap((p, i) => {
    const id = encodeButton({ kind: 'context', passageId: p.passageId });
    return id
      ? [button(id, view.passages.length === 1 ? 'Show in context' : `Show #${first + i + 1} in context`, ButtonStyle.Secondary)]
      : [];
  });
  return [paging, context].filter((row) => row.length > 0).map((row) => ({ type: ComponentType.ActionRow, components: row }));
}

function button(customId: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: customId, label, style };
}

/** Reads the question back from an answer's content (first line); null when the message is not an answer. */
export function questionOf(content: string): string | null {
  const firstLine = content.split('\n', 1)[0] ?? '';
  return firstLine.startsWith(QUESTION_PREFIX) ? unescapeReversibly(firstLine.slice(QUESTION_PREFIX.length)) : null;
}
