import type { QuestionKind } from './question.js';

/** Kinds of answer a passage can give, as bits: see `traitsOf`. */
export type Traits = number;

const BIT: Readonly<Record<QuestionKind, number>> = { person: 1, time: 2, place: 4, quantity: 8, reason: 16, manner: 32 };

const MONTH =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const TIME_PATTERN = new RegExp(
  [
    `\\b${MONTH}\\b`,
    `\\b${WEEKDAY}\\b`,
    '\\b(?:1\\d|20)\\d{2}s?\\b',
    '\\b\\d{1,2}(?:st|nd|rd|th)(?:\\s+and\\s+\\d{1,2}(?:st|nd|rd|th))?\\s+centur(?:y|ies)\\b',
    '\\b\\d+\\s*(?:BCE?|AD|CE)\\b',
    '\\b(?:last|this|next|past|previous|coming|recent)\\s+(?:\\w+\\s+)?(?:week|month|year|decade|spring|summer|fall|autumn|winter|weekend)s?\\b',
    '\\b(?:yesterday|today|tonight|tomorrow|ago|since|until)\\b',
    '\\b(?:days?|weeks?|months?|years?|hours?)\\s+(?:before|after|earlier|later|ago)\\b',
    '\\b(?:in|within)\\s+(?:a\\s+matter\\s+of\\s+|a\\s+few\\s+|\\w+\\s+)?(?:days|weeks|months|years|hours)\\b',
    '\\b\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.|p\\.m\\.|am|pm)\\b',
  ].join('|'),
  'i',
);
const NOT_PLACE = new RegExp(`^(?:${MONTH}|${WEEKDAY}|The|A|An|His|Her|Its|Their|This|That|President|Mr|Mrs|Ms)\\b`);
const PLACE_PATTERN = /\b(?:in|at|near|from|to|into|across|inside|outside|toward|towards)\s+((?:the\s+)?\p{Lu}[\p{L}.’'-]+)/gu;
const PERSON_PATTERN =
  /\b(?:Mr|Mrs|Ms|Dr|Gen|Maj|Col|Sen|Rep|Gov)\.\s+\p{Lu}|\b(?:President|Minister|Secretary|Senator|Governor|General|Judge|King|Queen|Prince|Ayatollah|spokesman|spokeswoman|spokesperson|official|officials|leader|administration|agency|agencies|department|ministry|government)\b|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u;
const QUANTITY_PATTERN =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|hundreds?|thousands?|millions?|billions?|several|enough|many|much|few|percent|half|quarter|tons?|kilograms?|pounds?|amount)\b/i;
const REASON_PATTERN =
  /\b(?:because|since|due to|as a result|in order to|in part to|to avenge|in response to|in retaliation|so that|reason|motive|after)\b/i;
const MANNER_PATTERN = /\b(?:with a|by|through|using|via)\b/i;

/**
 * Detects, with cheap patterns, which kinds of answer a passage can give: names of people or
 * organisations, dates and times, places, quantities, reasons, means. Computed once at index time.
 */
export function traitsOf(text: string): Traits {
  let traits = 0;
  if (PERSON_PATTERN.test(text)) traits |= BIT.person;
  if (TIME_PATTERN.test(text)) traits |= BIT.time;
  if (hasPlace(text)) traits |= BIT.place;
  if (QUANTITY_PATTERN.test(text)) traits |= BIT.quantity;
  if (REASON_PATTERN.test(text)) traits |= BIT.reason;
  if (MANNER_PATTERN.test(text)) traits |= BIT.manner;
  return traits;
}

/** The share of the asked-for kinds that a passage's traits give, from 0 to 1. */
export function kindMatch(traits: Traits, kinds: readonly QuestionKind[]): number {
  if (kinds.length === 0) return 0;
  return kinds.filter((kind) => (traits & BIT[kind]) !== 0).length / kinds.length;
}

function hasPlace(text: string): boolean {
  for (const match of text.matchAll(PLACE_PATTERN)) {
    if (!NOT_PLACE.test(match[1] ?? '')) return true;
  }
  return false;
}
