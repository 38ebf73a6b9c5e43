import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AnswerPassage } from '../answer/answer-types.js';
import { glanceOf } from '../console/render-text.js';
import { FACTS_PENDING_NOTE } from '../facts/article-facts.js';
import type { Fact } from '../facts/fact-types.js';
import type { SameEventGroup } from '../facts/same-event.js';
import { fitLines } from './render-sources.js';
import { LIMITS, cutOnWord, escapeAll } from './render-text.js';

/** Longest single name or date label shown (raw characters, before escaping). */
const MAX_ITEM = 200;
const GLANCE_COLOR = 0x99aab5;

/** What the glance under one answer page is built from: the page's passages and the whole answer's facts and reports. */
export interface GlanceInput {
  /** The passages shown on this page, best first. */
  readonly passages: readonly AnswerPassage[];
  /** Facts of the answer; only those of `passages` are shown. */
  readonly facts: readonly Fact[];
  /** Same-event groups of the answer; only those with at least two shown passages are shown. */
  readonly reports: readonly SameEventGroup[];
  /** Number of the page's first passage minus one (the quotes are numbered #first+1…). */
  readonly first: number;
  /** Some quotes' names and dates are still being read. */
  readonly factsPending?: boolean;
}

/**
 * The embed under an answer page: a "Who · When" field (names, canonical when known, and dates as
 * written with their resolution) and a "Same event" field ("Reported by 2 sources: #1 (…) · #2 (…)").
 * Both come from article text, so every item is escaped; each field is cut cleanly to Discord's
 * 1024 characters with "…and N more". Null when there is nothing to show.
 */
export function renderGlance({ passages, facts, reports, first, factsPending = false }: GlanceInput): APIEmbed | null {
  const number = new Map(passages.map((p, i) => [p.passageId, first + i + 1]));
  const fields: APIEmbedField[] = [];
  const pending = factsPending && passages.length > 0 ? `_${FACTS_PENDING_NOTE}_` : '';
  const whoWhen = whoWhenValue(
    facts.filter((f) => number.has(f.passage)),
    LIMITS.embedFieldValue - (pending ? pending.length + 1 : 0),
  );
  if (whoWhen || pending) fields.push({ name: 'Who · When', value: [whoWhen, pending].filter((v) => v !== '').join('\n') });
  const sameEvent = fitLines(sameEventLines(reports, number), LIMITS.embedFieldValue);
  if (sameEvent) fields.push({ name: 'Same event', value: sameEvent });
  return fields.length > 0 ? { fields, color: GLANCE_COLOR } : null;
}

function whoWhenValue(facts: readonly Fact[], max: number): string {
  const { names, dates } = glanceOf(facts);
  const line = (label: string, items: readonly string[], room: number): string => {
    if (items.length === 0) return '';
    const prefix = `**${label}:** `;
    return prefix + fitLines(items.map(shown), room - prefix.length, ' · ');
  };
  // "Who" may take what "When" does not need, but never more than half when both are long.
  const whenFull = line('When', dates, max);
  const who = line('Who', names, Math.max(Math.floor((max - 1) / 2), max - 1 - whenFull.length));
  const when = line('When', dates, max - (who ? who.length + 1 : 0));
  return [who, when].filter((l) => l !== '').join('\n');
}

/** "Reported by 2 sources: #1 (Months before the election) · #2 (in September)", one line per group shown. */
function sameEventLines(reports: readonly SameEventGroup[], number: ReadonlyMap<string, number>): string[] {
  return reports.flatMap((group) => {
    const shownTellings = group.tellings.filter((t) => number.has(t.passage));
    if (shownTellings.length < 2) return [];
    const tellings = shownTellings.map((t) => `#${number.get(t.passage)}${t.dates.length > 0 ? ` (${shown(t.dates.join(', '))})` : ''}`);
    return [`Reported by ${group.articles.length} sources: ${tellings.join(' · ')}`];
  });
}

/** Article text inside the glance: cut, then escaped so it can neither style nor link. */
function shown(text: string): string {
  return escapeAll(cutOnWord(text, MAX_ITEM));
}
