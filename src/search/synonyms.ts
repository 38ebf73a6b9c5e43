import synonymData from './synonyms.json' with { type: 'json' };
import { normalizeText } from './terms.js';

/** For a normalized phrase (terms joined by spaces), the term lists of the phrases that mean the same. */
export type SynonymTable = ReadonlyMap<string, readonly (readonly string[])[]>;

/** Builds the synonym table from groups of words or phrases, normalizing them like index terms. */
export function buildSynonymTable(groups: readonly (readonly string[])[]): SynonymTable {
  const table = new Map<string, string[][]>();
  for (const group of groups) {
    const members = group.map((phrase) => normalizeText(phrase)).filter((terms) => terms.length > 0);
    for (const member of members) {
      const key = member.join(' ');
      const others = table.get(key) ?? [];
      for (const other of members) {
        const otherKey = other.join(' ');
        if (otherKey !== key && !others.some((o) => o.join(' ') === otherKey)) others.push(other);
      }
      table.set(key, others);
    }
  }
  return table;
}

/** The synonym table of `synonyms.json`. */
export const SYNONYMS: SynonymTable = buildSynonymTable(synonymData.groups);

/** Longest phrase in the table, in terms: bounds the phrase search over a question. */
export const LONGEST_SYNONYM_PHRASE = Math.max(1, ...[...SYNONYMS.keys()].map((k) => k.split(' ').length));
