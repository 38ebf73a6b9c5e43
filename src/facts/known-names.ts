import aliasData from './aliases.json' with { type: 'json' };
import titleData from './titles.json' with { type: 'json' };

/** Kinds of names (every fact kind but dates). */
export type NameKind = 'person' | 'org' | 'place';

/** A name of the alias list found in a text. */
export interface KnownNameMatch {
  readonly kind: NameKind;
  readonly canonical: string;
  readonly start: number;
  readonly end: number;
}

interface KnownName {
  readonly kind: NameKind;
  readonly canonical: string;
}

const NAME_KINDS: readonly NameKind[] = ['person', 'org', 'place'];

const knownByWriting = new Map<string, KnownName>();
for (const kind of NAME_KINDS) {
  for (const [canonical, variants] of Object.entries(aliasData[kind] as Record<string, string[]>)) {
    for (const writing of [canonical, ...variants]) knownByWriting.set(writing, { kind, canonical });
  }
}

const escape = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const variantPattern = (writing: string): string => (writing.startsWith('the ') ? `[Tt]he ${escape(writing.slice(4))}` : escape(writing));

// Longest writings first, so "U.S.A." wins over "U.S." and "Qassim Suleimani" over "Suleimani".
const writings = [...knownByWriting.keys()].sort((a, b) => b.length - a.length);
const KNOWN_NAME = new RegExp(`(?<![\\p{L}\\p{N}])(?:${writings.map(variantPattern).join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/** Every occurrence of a name of the alias list (`aliases.json`) in `text`, leftmost-longest. */
export function findKnownNames(text: string): KnownNameMatch[] {
  const matches: KnownNameMatch[] = [];
  for (const match of text.matchAll(KNOWN_NAME)) {
    const known = lookUpName(match[0]);
    if (known) matches.push({ ...known, start: match.index, end: match.index + match[0].length });
  }
  return matches;
}

/** The alias-list entry written as `writing` (exactly, or with 'The' for 'the'), if any. */
export function lookUpName(writing: string): KnownName | undefined {
  return knownByWriting.get(writing) ?? knownByWriting.get(writing.replace(/^The /, 'the '));
}

const titles = [...titleData.titles]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const TITLES_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:${titles})\\s+)+$`, 'u');
const TITLES_AHEAD = new RegExp(`^(?:(?:${titles})(?:\\s+|$))+`, 'u');

/** How many characters of titles ("Maj. Gen. ", "President ") end right at `end` in `text`. */
export function titlesBefore(text: string, end: number): number {
  return TITLES_BEFORE.exec(text.slice(Math.max(0, end - 60), end))?.[0].length ?? 0;
}

/** How many characters of titles `name` starts with ("President-elect Donald Trump" → 16). */
export function leadingTitles(name: string): number {
  return TITLES_AHEAD.exec(name)?.[0].length ?? 0;
}

/** A name written right after a title: "Foreign Minister Abbas Araghchi", "President Trump". */
export interface TitledName {
  /** Where the titles start. */
  readonly start: number;
  readonly nameStart: number;
  readonly end: number;
}

// One to three capitalised words, not months or weekdays ("President Trump Tuesday"), no possessive.
const NOT_A_NAME =
  '(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\\p{L}]))';
const NAME_WORD = `${NOT_A_NAME}\\p{Lu}[\\p{L}-]*(?:['’]\\p{L}[\\p{L}-]*)?(?<!['’]s)`;
const TITLED_NAME = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:${titles})\\s+)+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})(?![\\p{L}\\p{N}])`, 'gu');

/** Every name written after a title in `text`. */
export function findTitledNames(text: string): TitledName[] {
  const names: TitledName[] = [];
  for (const match of text.matchAll(TITLED_NAME)) {
    const name = match[1];
    if (!name) continue;
    const end = match.index + match[0].length;
    names.push({ start: match.index, nameStart: end - name.length, end });
  }
  return names;
}
