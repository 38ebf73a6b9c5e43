import abbreviationData from './abbreviations.json' with { type: 'json' };

/** A sentence as offsets `[start, end)` into the text it was found in. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS = new Set([...abbreviationData.titles, ...abbreviationData.months, ...abbreviationData.other]);

// A candidate boundary: end punctuation, optional closing quotes/brackets, then white space.
const BOUNDARY = /[.!?]+["'”’)\]]*(?=\s)/g;
// What may open a new sentence: a capital letter or digit, optionally behind an opening quote or bracket.
const SENTENCE_OPENING = /^\s+["'“‘(]?[\p{Lu}\d]/u;

/**
 * Splits a paragraph into sentences, keeping exact offsets. A period ends a sentence only when a
 * capital letter (or digit, or opening quote) follows, and never after a known abbreviation
 * (`Mr.`, `Gen.`, `Oct.`) or an initialism (`U.S.`, `W.S.J.`), so "Oct. 14" and "Maj. Gen. Qassim
 * Suleimani" stay whole. Leading and trailing white space is not part of any sentence.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[0].length;
    if (end <= start) continue;
    if (!SENTENCE_OPENING.test(text.slice(end, end + 3))) continue;
    if (match[0].startsWith('.') && endsWithAbbreviation(text, match.index)) continue;
    spans.push({ start, end });
    start = skipSpace(text, end);
  }
  const last = text.trimEnd().length;
  if (last > start) spans.push({ start, end: last });
  return spans;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}

/** True when the word right before the period at `dot` is an abbreviation or an initialism. */
function endsWithAbbreviation(text: string, dot: number): boolean {
  const word = /[\p{L}.]+$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[0] ?? '';
  if (word === '') return false;
  // Initialisms: single letters each followed by a period (U.S, W.S.J) — the final period is at `dot`.
  if (/^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}
