import type { DateParts, DatePlacement, DateUnit } from './date-mentions.js';

/** How precise a date is: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type Precision = 'year' | 'month' | 'day';

/** A date resolved from what a text wrote. */
export interface ResolvedDate {
  /** ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  readonly iso: string;
  /** True when it needed a reference date (a year supplied, or counted from the time of writing). */
  readonly approximate: boolean;
}

const PRECISION_RANK: Readonly<Record<Precision, number>> = { year: 0, month: 1, day: 2 };
const UNIT_PRECISION: Readonly<Record<DateUnit, Precision>> = { day: 'day', week: 'day', month: 'month', year: 'year' };

/** The fields of an ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date, or null when it is none of these. */
export function isoParts(iso: string): DateParts | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!match) return null;
  const [, year, month, day] = match;
  return {
    year: Number(year),
    ...(month !== undefined && { month: Number(month) }),
    ...(day !== undefined && { day: Number(day) }),
  };
}

/** ISO text of the given fields, as precise as they are. */
export function isoOf(parts: DateParts): string | null {
  if (parts.year === undefined) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (parts.month === undefined) return String(parts.year);
  if (parts.day === undefined) return `${parts.year}-${pad(parts.month)}`;
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

function precisionOf(parts: DateParts): Precision {
  return parts.day !== undefined ? 'day' : parts.month !== undefined ? 'month' : 'year';
}

/**
 * Resolves a date expression against the time of writing (`reference`: ISO, often the article's
 * published date; null when unknown). Dates with a year need no reference; partial and relative
 * ones are resolved as past dates — news reports what has happened — and as precise as both the
 * expression and the reference allow ("last week" in an article of 2024-11 is 2024-11). Returns
 * null when the expression cannot be placed (no reference, a time of day, "before the election").
 */
export function resolvePlacement(placement: DatePlacement, reference: string | null): ResolvedDate | null {
  if (placement.type === 'calendar' && placement.parts.year !== undefined) {
    const iso = isoOf(placement.parts);
    return iso === null ? null : { iso, approximate: false };
  }
  const ref = reference === null ? null : isoParts(reference);
  if (ref === null || ref.year === undefined) return null;
  switch (placement.type) {
    case 'calendar':
      return approximately({ ...placement.parts, year: yearBefore(placement.parts, ref, ref.year) });
    case 'fromWriting':
      return approximately(
        coarsest(shift(referenceDay(ref), placement.unit, placement.offset), UNIT_PRECISION[placement.unit], precisionOf(ref)),
      );
    case 'weekday': {
      const day = referenceDay(ref);
      let back = (day.getUTCDay() - placement.weekday + 7) % 7;
      if (back === 0 && placement.strictlyBefore) back = 7;
      return approximately(coarsest(shift(day, 'day', -back), 'day', precisionOf(ref)));
    }
    default:
      return null;
  }
}

/**
 * Shifts a resolved date by `amount` units ("months before" an event dated 2024-11 → 2024-09), as
 * precise as the date and the unit allow.
 */
export function shiftIso(iso: string, unit: DateUnit, amount: number): string | null {
  const parts = isoParts(iso);
  if (parts === null || parts.year === undefined) return null;
  return isoOf(coarsest(shift(referenceDay(parts), unit, amount), UNIT_PRECISION[unit], precisionOf(parts)));
}

/** Compares ISO dates chronologically; a coarser date comes after the finer dates it contains. */
export function compareIso(a: string, b: string): number {
  const key = (iso: string): number[] => {
    const parts = isoParts(iso);
    return [parts?.year ?? 9999, parts?.month ?? 13, parts?.day ?? 32];
  };
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function approximately(parts: DateParts): ResolvedDate | null {
  const iso = isoOf(parts);
  return iso === null ? null : { iso, approximate: true };
}

/** The latest year, not after the reference, in which a month (and day) written without a year falls. */
function yearBefore(parts: DateParts, ref: DateParts, refYear: number): number {
  if (parts.month === undefined || ref.month === undefined) return refYear;
  if (parts.month < ref.month) return refYear;
  if (parts.month > ref.month) return refYear - 1;
  return parts.day !== undefined && ref.day !== undefined && parts.day > ref.day ? refYear - 1 : refYear;
}

/** The reference as one day: itself, or the middle of its month or year. */
function referenceDay(ref: DateParts): Date {
  if (ref.month === undefined) return new Date(Date.UTC(ref.year ?? 0, 6, 1));
  return new Date(Date.UTC(ref.year ?? 0, ref.month - 1, ref.day ?? 15));
}

function shift(day: Date, unit: DateUnit, amount: number): Date {
  if (unit === 'day' || unit === 'week') {
    return new Date(day.getTime() + amount * (unit === 'week' ? 7 : 1) * 86_400_000);
  }
  const months = day.getUTCMonth() + amount * (unit === 'year' ? 12 : 1);
  const lastDay = new Date(Date.UTC(day.getUTCFullYear(), months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(day.getUTCFullYear(), months, Math.min(day.getUTCDate(), lastDay)));
}

/** The fields of `day`, kept only as precise as the coarser of two precisions. */
function coarsest(day: Date, a: Precision, b: Precision): DateParts {
  const rank = Math.min(PRECISION_RANK[a], PRECISION_RANK[b]);
  return {
    year: day.getUTCFullYear(),
    ...(rank >= 1 && { month: day.getUTCMonth() + 1 }),
    ...(rank >= 2 && { day: day.getUTCDate() }),
  };
}
