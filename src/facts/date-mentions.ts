// The English locale alone: the package's root loads every locale (≈ 4× the start-up time).
import * as chrono from 'chrono-node/en';

/** Calendar fields a date expression gives explicitly. */
export interface DateParts {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
}

/** A time unit a relative expression counts in. */
export type DateUnit = 'day' | 'week' | 'month' | 'year';

/** How a date expression places itself. */
export type DatePlacement =
  /** Calendar fields as written ("Oct. 14", "January 2020", "Since 2020"). */
  | { readonly type: 'calendar'; readonly parts: DateParts }
  /** Counted from the time of writing ("last month": unit month, offset -1; "in recent weeks": offset 0). */
  | { readonly type: 'fromWriting'; readonly unit: DateUnit; readonly offset: number }
  /** A weekday near the time of writing ("on Tuesday"; `strictlyBefore` for "last Friday"). */
  | { readonly type: 'weekday'; readonly weekday: number; readonly strictlyBefore: boolean }
  /** Counted from an event the text names ("months before the election"). */
  | {
      readonly type: 'fromEvent';
      readonly unit: DateUnit;
      readonly amount: number;
      readonly direction: -1 | 1;
      readonly event: string;
    }
  /** A time of day or an expression that cannot be placed ("at 3 p.m."). */
  | { readonly type: 'unplaced' };

/** A date or time expression in a text. */
export interface DateMention {
  /** Offsets of the expression as written, with a leading qualifier ("Since 2020", "Just last week"). */
  readonly start: number;
  readonly end: number;
  readonly placement: DatePlacement;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  few: 3,
  'a few': 3,
  several: 3,
  many: 3,
};
const UNIT = '(?<unit>day|week|month|year|decade)(?<plural>s?)';
const AMOUNT = '(?<amount>\\d+|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|many)';

const FROM_WRITING_PATTERNS: readonly { pattern: RegExp; offset: (m: RegExpExecArray) => number }[] = [
  { pattern: new RegExp(`^(?:last|past|previous) ${UNIT}$`, 'i'), offset: () => -1 },
  { pattern: new RegExp(`^(?:this|current) ${UNIT}$`, 'i'), offset: () => 0 },
  { pattern: new RegExp(`^(?:next|coming) ${UNIT}$`, 'i'), offset: () => 1 },
];
const CASUAL_DAYS: Readonly<Record<string, number>> = { yesterday: -1, today: 0, tonight: 0, tomorrow: 1 };

// Words written right before a date that change or qualify it; shown as part of the date.
// "in" only before calendar dates ("in September", "in 2020"), not before "this week".
const QUALIFIERS = 'just|only|since|until|till|before|after|by|during|early|late|earlier|later|around|about|through|throughout';
const qualifiersBefore = (words: string): RegExp => new RegExp(`(?:(?<![\\p{L}\\p{N}])(?:${words})\\s+|(?<![\\p{L}\\p{N}])mid-)+$`, 'iu');
const QUALIFIERS_BEFORE = qualifiersBefore(QUALIFIERS);
const CALENDAR_QUALIFIERS_BEFORE = qualifiersBefore(`${QUALIFIERS}|in`);
const AGO = new RegExp(`(?<![\\p{L}\\p{N}])${AMOUNT} ${UNIT} ago(?![\\p{L}\\p{N}])`, 'giu');
const RECENT = /(?<![\p{L}\p{N}])(?:in )?(?:recent|the past few|the last few) (day|week|month|year)s(?![\p{L}\p{N}])/giu;
const FROM_EVENT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${AMOUNT} )?${UNIT} (?<direction>before|after|ahead of|prior to) (?:the|his|her|their|its) (?<event>[\\p{L}\\p{N}-]+)`,
  'giu',
);
const YEAR = /(?<![\p{L}\p{N},.$-])(1[89]\d\d|20\d\d)(?![\p{N}%]|[.,]\d|-\d)/gu;

/**
 * Every date or time expression of `text`: chrono-node's finds, plus what it leaves out (bare years,
 * "in recent weeks", "months before the election"), each with a qualifier written right before it
 * ("Since", "Just", "in") and how it places itself in time. Non-overlapping, in text order.
 */
export function findDates(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  const add = (start: number, end: number, placement: DatePlacement): void => {
    if (mentions.some((m) => start < m.end && end > m.start)) return;
    mentions.push({ start: start - qualifierLength(text, start, placement), end, placement });
  };
  for (const match of text.matchAll(FROM_EVENT)) {
    const { amount, unit, plural, direction, event } = match.groups ?? {};
    if (!unit || !direction || !event) continue;
    const units = unitOf(unit);
    add(match.index, match.index + match[0].length, {
      type: 'fromEvent',
      unit: units.unit,
      // "months before" without a number: at least two.
      amount: units.times * (amount ? amountOf(amount) : plural ? 2 : 1),
      direction: /after/i.test(direction) ? 1 : -1,
      event: event.toLowerCase(),
    });
  }
  for (const match of text.matchAll(AGO)) {
    const { amount, unit } = match.groups ?? {};
    if (!amount || !unit) continue;
    const units = unitOf(unit);
    add(match.index, match.index + match[0].length, { type: 'fromWriting', unit: units.unit, offset: -amountOf(amount) * units.times });
  }
  for (const match of text.matchAll(RECENT)) {
    if (match[1]) add(match.index, match.index + match[0].length, { type: 'fromWriting', unit: unitOf(match[1]).unit, offset: 0 });
  }
  for (const result of chrono.parse(text)) {
    if (!isWrittenAsDate(result.text)) continue;
    const span = trimmedSpan(text, result.index, result.index + result.text.length);
    add(span.start, span.end, placementOf(text.slice(span.start, span.end), result));
  }
  for (const match of text.matchAll(YEAR)) {
    add(match.index, match.index + match[0].length, { type: 'calendar', parts: { year: Number(match[0]) } });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

// Month and weekday names and abbreviations: a date only when capitalised ("march", "sat" are not).
const CALENDAR_WORDS = new Set(
  `january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept
  oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`.split(/\s+/),
);

/** False for what chrono reads as a date but news does not write as one: "march", "sat", "now". */
function isWrittenAsDate(written: string): boolean {
  if (/^(?:right )?now$/i.test(written.trim())) return false;
  return [...written.matchAll(/\p{L}+/gu)].every(([word]) => !CALENDAR_WORDS.has(word.toLowerCase()) || /^\p{Lu}/u.test(word));
}

function placementOf(written: string, result: chrono.ParsedResult): DatePlacement {
  const core = written.replace(/^(?:on|at)\s+/i, '');
  for (const { pattern, offset } of FROM_WRITING_PATTERNS) {
    const match = pattern.exec(core);
    const unit = match?.groups?.['unit'];
    if (match && unit) {
      const units = unitOf(unit);
      return { type: 'fromWriting', unit: units.unit, offset: offset(match) * units.times };
    }
  }
  const casual = CASUAL_DAYS[core.toLowerCase()];
  if (casual !== undefined) return { type: 'fromWriting', unit: 'day', offset: casual };
  // A relative expression the patterns above do not read: its fields depend on today, not on the text.
  if ([...result.tags()].some((tag) => tag.startsWith('result/relativeDate') || tag.startsWith('casualReference'))) {
    return { type: 'unplaced' };
  }
  const { start } = result;
  const certain = (component: chrono.Component): number | null => (start.isCertain(component) ? start.get(component) : null);
  const year = certain('year');
  const month = certain('month');
  const day = certain('day');
  const weekday = certain('weekday');
  if (month === null && year === null && weekday !== null) {
    return { type: 'weekday', weekday, strictlyBefore: /^last\b/i.test(core) };
  }
  if (year === null && month === null) return { type: 'unplaced' };
  return {
    type: 'calendar',
    parts: { ...(year !== null && { year }), ...(month !== null && { month }), ...(month !== null && day !== null && { day }) },
  };
}

/** chrono's span without the punctuation it sometimes swallows ("October," → "October"). */
function trimmedSpan(text: string, start: number, end: number): { start: number; end: number } {
  let e = end;
  while (e > start && /[\s,;:!?—–-]/u.test(text.charAt(e - 1))) e--;
  let s = start;
  const onAt = /^(?:on|at)\s+/i.exec(text.slice(s, e));
  if (onAt && !/\d\s*(?:a\.?m|p\.?m)/i.test(text.slice(s, e))) s += onAt[0].length;
  return { start: s, end: e };
}

function qualifierLength(text: string, start: number, placement: DatePlacement): number {
  const qualifiers = placement.type === 'calendar' ? CALENDAR_QUALIFIERS_BEFORE : QUALIFIERS_BEFORE;
  return qualifiers.exec(text.slice(Math.max(0, start - 40), start))?.[0].length ?? 0;
}

function amountOf(written: string): number {
  const lower = written.toLowerCase();
  return NUMBER_WORDS[lower] ?? (Number.parseInt(lower, 10) || 1);
}

function unitOf(written: string): { unit: DateUnit; times: number } {
  const singular = written.toLowerCase().replace(/s$/, '');
  if (singular === 'decade') return { unit: 'year', times: 10 };
  return { unit: singular as DateUnit, times: 1 };
}
