/** Offsets `[start, end)` within a sentence. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * What a date of a sentence dates: the sentence's main event (`main`), or only the clause or noun
 * phrase it sits in (`clause`, with that clause's offsets in the sentence).
 */
export type DateRole = { readonly role: 'main' } | { readonly role: 'clause'; readonly clause: SentenceSpan };

// Words that open a clause subordinate to the main one ("despite threats …", "after the strike …").
const SUBORDINATORS =
  /(?<![\p{L}\p{N}])(?:despite|because|although|though|while|whereas|unless|after|before|since|until|when|whenever|following|amid|amidst)(?![\p{L}\p{N}])/giu;
// A relative clause opened after a comma (", which …", ", who …").
const RELATIVES = /,\s*(?:which|who|whom|whose|where)(?![\p{L}\p{N}])/giu;
// A noun phrase naming an event, which a date right after it dates ("the killing of … in 2020"), when the
// phrase is the complement of another word ("retaliation for the killing", "the anniversary of the killing"):
// "killed in a U.S. strike on Jan. 3" is the main event itself.
const EVENT_NOUNS =
  'killing|death|assassination|murder|strike|attack|bombing|shooting|invasion|election|meeting|summit|arrest|indictment|visit|raid|war|talks|deal|agreement|vote|inauguration|crash|explosion|kidnapping|ceasefire|coup|protest';
const EVENT_PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:for|over|of|since|despite|after|avenge|avenging)\\s+(?:the|a|an|his|her|its|their)\\s+(?:[\\p{L}-]+\\s+)?(?:${EVENT_NOUNS})s?(?![\\p{L}\\p{N}])`,
  'giu',
);
/** What may stand between an event noun and the date that dates it: a short complement, "of General Qassim Suleimani". */
const OF_COMPLEMENT = /^(?:\s+(?:of|against|on|in|by)(?:\s+[^,;:.!?—–()]{1,40}?)?)?\s*$/u;

/**
 * The noun phrases of a sentence that name an earlier event as its background, with their complement:
 * "the killing of General Qassim Suleimani" in "despite threats of retaliation for the killing of
 * General Qassim Suleimani in 2020" (see EVENT_PHRASE). The sentence does not report that event.
 */
export function backgroundEventPhrases(sentence: string): SentenceSpan[] {
  return [...sentence.matchAll(EVENT_PHRASE)].map((m) => {
    const end = m.index + m[0].length;
    const complement = /^\s+(?:of|against|on|in|by)\s+[^,;:.!?—–()]{1,40}/u.exec(sentence.slice(end));
    return { start: eventPhraseStart(m), end: end + (complement?.[0].length ?? 0) };
  });
}

/** Where an EVENT_PHRASE match's noun phrase starts: at its determiner, after the word it complements ("for"). */
function eventPhraseStart(match: RegExpExecArray): number {
  return match.index + (/^\S+\s+/u.exec(match[0])?.[0].length ?? 0);
}

/**
 * Decides, for each date of a sentence, whether it dates the sentence's main event. A date is the
 * main one when it opens the sentence ("In October, Iran sent …") or stands in the main clause; it
 * dates only a clause when it lies in a subordinate clause ("… despite threats of retaliation …"),
 * a relative clause (", which began in 2020,") or an event's noun phrase ("the killing of General
 * Qassim Suleimani in 2020"), the innermost of these that holds it. Dates' own words ("since",
 * "before the election") are part of the dates, not clause openers.
 */
export function datesRoles(sentence: string, dates: readonly SentenceSpan[]): DateRole[] {
  const inDate = (at: number): boolean => dates.some((d) => at >= d.start && at < d.end);
  const openers = [
    ...[...sentence.matchAll(SUBORDINATORS)].map((m) => ({ at: m.index, kind: 'subordinate' as const })),
    ...[...sentence.matchAll(RELATIVES)].map((m) => ({
      at: m.index + 1 + (/\s*/.exec(m[0].slice(1))?.[0].length ?? 0),
      kind: 'relative' as const,
    })),
  ].filter((o) => !inDate(o.at));
  const phrases = [...sentence.matchAll(EVENT_PHRASE)].filter((m) => !inDate(m.index));
  return dates.map((date) => {
    if (sentence.slice(0, date.start).trim() === '') return { role: 'main' };
    const clauses: SentenceSpan[] = [];
    for (const phrase of phrases) {
      const end = phrase.index + phrase[0].length;
      const start = eventPhraseStart(phrase);
      const complement = sentence.slice(end, date.start);
      const crossesDate = dates.some((d) => d !== date && d.start >= end && d.end <= date.start);
      if (end <= date.start && !crossesDate && OF_COMPLEMENT.test(complement)) clauses.push({ start, end: date.end });
    }
    for (const opener of openers) {
      if (opener.at >= date.start) continue;
      const between = sentence.slice(opener.at, date.start);
      // A clause ends at a sentence-level stop; one that opens the sentence or is relative ends at its comma.
      if (/[;:—–]/u.test(between)) continue;
      const closesAtComma = opener.kind === 'relative' || sentence.slice(0, opener.at).trim() === '';
      if (closesAtComma && between.includes(',')) continue;
      const comma = sentence.indexOf(',', date.end);
      const end = closesAtComma && comma >= 0 ? comma : clauseEnd(sentence);
      clauses.push({ start: closesAtComma ? opener.at : participleStart(sentence, opener.at), end });
    }
    const innermost = clauses.sort((a, b) => b.start - a.start)[0];
    // A "clause" that is the whole sentence is the main clause.
    if (!innermost || (innermost.start === 0 && innermost.end >= clauseEnd(sentence))) return { role: 'main' };
    return { role: 'clause', clause: innermost };
  });
}

/**
 * Where a clause opened mid-sentence starts: at its opener, or, when the opener continues a participle
 * phrase after a comma ("…, and ultimately killing Soleimani with a drone while in Iraq in 2020"), at
 * that phrase, which the date dates too.
 */
function participleStart(sentence: string, openerAt: number): number {
  const boundary = Math.max(sentence.lastIndexOf(',', openerAt), sentence.lastIndexOf(';', openerAt));
  if (boundary < 0) return openerAt;
  const phrase = sentence.slice(boundary + 1, openerAt);
  if (!/\p{L}{3,}ing(?![\p{L}])/u.test(phrase)) return openerAt;
  return boundary + 1 + (/^\s*(?:(?:and|or|but)\s+)?/u.exec(phrase)?.[0].length ?? 0);
}

/** The end of the sentence without its final punctuation. */
function clauseEnd(sentence: string): number {
  return sentence.replace(/[\s.!?"”’)]+$/u, '').length;
}
