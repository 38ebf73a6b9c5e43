/**
 * Acronyms a question uses for a name its articles spell out ("the SP" for "the Scottish Parliament",
 * "WWII" for "World War II", "DOJ" for "Department of Justice"): found in the articles' own text, as
 * a run of capitalised words whose initials spell the acronym, so no table of acronyms is needed.
 */

/** An acronym as a question writes it: two to six capitals, perhaps a plural or possessive ("MSPs", "SP's"). */
const ACRONYM = /^(\p{Lu}{2,6})(?:s|['’]s)?$/u;
/** Small words a spelt-out name may hold, which its acronym may take a letter from or leave out ("Department of Justice"). */
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'at', 'to', 'de', 'du', 'la', 'von', '&']);
/** Words of a text with their offsets: capitalised words, numerals such as "II", and the connectors. */
const WORD = /[\p{L}\p{N}&]+/gu;
/** A two-letter acronym matches by chance more often: its spelt-out name must occur this often. */
const MIN_OCCURRENCES_SHORT = 2;

/** The letters of a word of a question if it is written as an acronym ("MSPs" → "MSP"), else null. */
export function acronymLetters(word: string): string | null {
  return ACRONYM.exec(word)?.[1] ?? null;
}

/**
 * The name an acronym stands for in these texts: the run of words, each capitalised or a connector,
 * beginning and ending with a capitalised word, whose initials (or all the letters of a word in
 * capitals, such as "II") spell it, connectors giving a letter or none. The most frequent such name,
 * or null when none occurs (a two-letter acronym's at least MIN_OCCURRENCES_SHORT times).
 */
export function spelledOut(letters: string, texts: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const words = [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
    words.forEach((word, i) => {
      if (!isCapitalised(word.text) || word.text[0] !== letters[0]) return;
      const end = matchFrom(words, i, letters, 0);
      if (end === null) return;
      const phrase = text.slice(word.start, words[end]?.end);
      counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    });
  }
  const needed = letters.length === 2 ? MIN_OCCURRENCES_SHORT : 1;
  const best = [...counts].filter(([, n]) => n >= needed).sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0];
  return best?.[0] ?? null;
}

/** Index of the last word of a run from `at` spelling `letters` from `from` on, or null. */
function matchFrom(words: readonly { readonly text: string }[], at: number, letters: string, from: number): number | null {
  const word = words[at]?.text;
  if (word === undefined) return null;
  const connector = CONNECTORS.has(word.toLowerCase()) && !isCapitalised(word);
  const gives: string[] = [];
  if (isCapitalised(word) || connector) gives.push(word[0]?.toUpperCase() ?? '');
  if (/^\p{Lu}{2,}$/u.test(word)) gives.push(word);
  for (const letter of gives) {
    if (!letters.startsWith(letter, from)) continue;
    const next = from + letter.length;
    if (next === letters.length) return connector ? null : at;
    const end = matchFrom(words, at + 1, letters, next);
    if (end !== null) return end;
  }
  // A connector may also give no letter: "Bank of England" is also the BE.
  return connector && from > 0 ? matchFrom(words, at + 1, letters, from) : null;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}
