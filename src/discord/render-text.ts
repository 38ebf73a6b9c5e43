import { escapeMarkdown } from 'discord.js';
import type { Highlight } from '../answer/answer-types.js';

/** Discord's hard limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embedDescription: 4096,
  embedTitle: 256,
  embedFieldValue: 1024,
  embedTotal: 6000,
  threadName: 100,
  choiceName: 100,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` characters, on a word boundary, ending with "…" when cut.
 * A single word longer than `max` is cut inside (never inside a surrogate pair).
 */
export function cutOnWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  const room = max - ELLIPSIS.length;
  const space = text.lastIndexOf(' ', room);
  let end = space > 0 ? space : room;
  // Do not split an emoji or other astral character in half.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

/** escapeMarkdown with every option on, so an article can neither style nor link nor list. */
export function escapeAll(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/**
 * Escapes every ASCII punctuation character with a backslash. Discord renders `\x` as `x` for any
 * punctuation, so this shows the text as typed, and unlike escapeMarkdown it can be undone exactly:
 * used for the question line that buttons and thread follow-ups read back.
 */
export function escapeReversibly(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Inverse of `escapeReversibly`. */
export function unescapeReversibly(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * Renders a passage as Discord markdown: escaped, matched words in bold, cut on a word with "…"
 * so that the result (markers and escapes included) is at most `max` characters. The raw text is
 * cut BEFORE escaping and bolding, so a cut never lands inside a marker or an escape.
 */
export function renderHighlighted(text: string, highlights: readonly Highlight[], max: number): string {
  let rawMax = Math.min(text.length, max);
  for (;;) {
    const rendered = renderCut(text, highlights, rawMax);
    if (rendered.length <= max || rawMax <= 0) return rendered.length <= max ? rendered : '';
    // Escapes and markers made it longer: shrink the raw text by the overflow and try again.
    rawMax -= Math.max(1, rendered.length - max);
  }
}

function renderCut(text: string, highlights: readonly Highlight[], rawMax: number): string {
  const cut = cutOnWord(text, rawMax);
  const wasCut = cut !== text;
  const kept = wasCut ? cut.slice(0, -ELLIPSIS.length) : cut;
  let out = '';
  let at = 0;
  for (const h of mergeAdjacent(highlights)) {
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, kept.length);
    if (start >= end) continue;
    out += escapeAll(kept.slice(at, start));
    // Bold only the non-blank middle: "** word**" would not render as bold.
    const word = kept.slice(start, end);
    const lead = word.length - word.trimStart().length;
    const trail = word.length - word.trimEnd().length;
    const core = word.trim();
    out += word.slice(0, lead) + (core === '' ? '' : `**${escapeAll(core)}**`) + word.slice(word.length - trail);
    at = end;
  }
  out += escapeAll(kept.slice(at));
  return wasCut ? out + ELLIPSIS : out;
}

/** Touching highlights would print `****` between them; merge them into one. */
function mergeAdjacent(highlights: readonly Highlight[]): Highlight[] {
  const merged: Highlight[] = [];
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && h.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, h.end) };
    else merged.push(h);
  }
  return merged;
}

/** Prefixes every line with `> ` (a Discord block quote). */
export function blockQuote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Shows a file name as inline code; a backtick inside would end the code span, so it becomes `'`. */
export function inlineCode(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}
