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
const SENTENCE_OPENING = /\s+["'“‘(]?[\p{Lu}\d]/uy;
// After an initialism (U.S., W.S.J.) only a typical first word starts a new sentence: "the U.S. President".
const OPENING_AFTER_INITIALISM =
  /\s+["'“‘(]?(?:The|A|An|It|Its|He|She|They|We|I|This|That|These|Those|But|And|In|On|At|For|If|As|There)\b/uy;

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
    if (!startsSentence(SENTENCE_OPENING, text, end)) continue;
    if (match[0].startsWith('.')) {
      const word = wordBefore(text, match.index);
      if (ABBREVIATIONS.has(word.toLowerCase())) continue;
      if (isInitialism(word) && !startsSentence(OPENING_AFTER_INITIALISM, text, end)) continue;
    }
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

function startsSentence(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/** The word (letters and inner periods) right before the period at `dot`. */
function wordBefore(text: string, dot: number): string {
  return /[\p{L}.]+$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[0] ?? '';
}

/** Single letters each followed by a period (U.S, W.S.J — the final period is not included), or one capital. */
function isInitialism(word: string): boolean {
  return /^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word);
}
