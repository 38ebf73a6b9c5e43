import type { Passage } from '../passages/passage.js';
import { findDates, type DateMention } from './date-mentions.js';
import { resolvePlacement } from './date-resolution.js';
import type { Fact, FoundFact } from './fact-types.js';
import { findNames, type NameMention } from './name-mentions.js';

/**
 * The people, organisations, places and dates a text names, with offsets into it. Dates are
 * resolved against `published` (the article's ISO publication date) when they need it and it is
 * known, with a note saying so; otherwise kept as written. Meant to run once per passage at index
 * time (compromise's first call loads its lexicon and is slow; later calls take milliseconds).
 * `names` are the text's names when the caller found them already (in a longer text holding it).
 */
export function extractFacts(text: string, published: string | null, names: readonly NameMention[] = findNames(text)): FoundFact[] {
  const dates = findDates(text).map((mention) => dateFact(text, mention, published));
  const kept = names
    .filter((name) => dates.every((date) => name.end <= date.start || name.start >= date.end))
    .map(({ kind, start, end, normalized }): FoundFact => ({ kind, text: text.slice(start, end), normalized, start, end }));
  return [...kept, ...dates].sort((a, b) => a.start - b.start);
}

/** `extractFacts` for one passage, each fact pointing to it. */
export function factsOfPassage(passage: Pick<Passage, 'id' | 'text'>, published: string | null): Fact[] {
  return extractFacts(passage.text, published).map((fact) => ({ ...fact, passage: passage.id }));
}

function dateFact(text: string, mention: DateMention, published: string | null): FoundFact {
  const written = text.slice(mention.start, mention.end);
  const base = { kind: 'date' as const, text: written, start: mention.start, end: mention.end };
  const resolved = resolvePlacement(mention.placement, published);
  if (resolved === null) return base;
  if (!resolved.approximate) return { ...base, normalized: resolved.iso };
  return { ...base, normalized: resolved.iso, note: `≈ ${resolved.iso}, from '${written}' in an article of ${published}` };
}
