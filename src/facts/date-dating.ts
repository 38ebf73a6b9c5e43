import { splitSentences } from '../passages/sentences.js';
import { datesRoles } from './clause-dating.js';
import { findDates, type DatePlacement } from './date-mentions.js';
import type { FoundFact } from './fact-types.js';

/** What a date fact dates: how it places itself, which event words it may be the date of, and what to list under it. */
export interface DateDating {
  readonly placement: DatePlacement;
  /** Words right around the date that it may be the date of ("the November election" → election), lower case. */
  readonly eventWords: readonly string[];
  /**
   * The verbatim span (offsets into the text the fact was found in) a timeline lists under this date:
   * its sentence, or the clause it dates when it is not the date of the sentence's main event (`cut`);
   * null when it is listed under no date of its own.
   */
  readonly quote: { readonly start: number; readonly end: number; readonly cut: boolean } | null;
}

type DateSpan = Pick<FoundFact, 'text' | 'start' | 'end'>;

/**
 * Reads, once at index time, what a date fact of `text` dates (see DateDating); `dates` are all the
 * date facts of `text`, which decide together which of them dates the sentence's main event.
 */
export function datingOf(text: string, fact: DateSpan, dates: readonly DateSpan[]): DateDating {
  const sentence = splitSentences(text).find((s) => fact.start >= s.start && fact.start < s.end) ?? { start: 0, end: text.length };
  const inSentence = dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  const at = inSentence.findIndex((d) => d.start === fact.start && d.end === fact.end);
  const role =
    at < 0
      ? { role: 'main' as const }
      : datesRoles(
          text.slice(sentence.start, sentence.end),
          inSentence.map((d) => ({ start: d.start - sentence.start, end: d.end - sentence.start })),
        )[at];
  const quote =
    role?.role === 'clause'
      ? { start: sentence.start + role.clause.start, end: sentence.start + role.clause.end, cut: true }
      : { ...sentence, cut: false };
  return { placement: placementOfText(fact.text), eventWords: eventWordsAround(text, fact), quote };
}

/** The one or two words after a date and the word before "of/in/on" right before it: what "the November election" dates. */
function eventWordsAround(text: string, fact: Pick<FoundFact, 'start' | 'end'>): string[] {
  const after = /^\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/u.exec(text.slice(fact.end, fact.end + 40));
  const before = /(?<![\p{L}])([\p{L}-]+)\s+(?:of|in|on)\s+$/iu.exec(text.slice(Math.max(0, fact.start - 40), fact.start));
  return [after?.[1], after?.[2], before?.[1]].flatMap((w) => (w ? [w.toLowerCase()] : []));
}

/** True when a date's event words name `event` ("election", or "elections"). */
export function datesEventWord(eventWords: readonly string[], event: string): boolean {
  const word = event.toLowerCase();
  return eventWords.some((w) => w === word || w === `${word}s`);
}

/** How a date fact's text places itself (re-read from the text alone). */
export function placementOfText(text: string): DatePlacement {
  const whole = findDates(text).find((m) => m.start === 0 && m.end === text.length);
  return whole?.placement ?? { type: 'unplaced' };
}
