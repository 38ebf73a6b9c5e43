import type { Fact, FactKind } from './fact-types.js';

/** One entry of the "at a glance" list: a fact as first met, with every passage that states it. */
export interface GlanceFact extends Fact {
  /** Ids of all passages that state it, in the order given (the first is `passage`). */
  readonly passages: readonly string[];
}

const KIND_ORDER: readonly FactKind[] = ['person', 'org', 'place', 'date'];

/**
 * Merges the facts of several answer passages for display: the same person, organisation or place
 * (same canonical name) and the same resolved date appear once; unresolved dates merge only when
 * written alike. Ordered people, organisations, places, dates; within a kind, by first mention.
 */
export function mergeFacts(facts: readonly Fact[]): GlanceFact[] {
  const merged = new Map<string, { first: Fact; passages: string[] }>();
  for (const fact of facts) {
    const key = `${fact.kind}\u0000${fact.normalized ?? fact.text.toLowerCase()}`;
    const entry = merged.get(key);
    if (!entry) merged.set(key, { first: fact, passages: [fact.passage] });
    else if (!entry.passages.includes(fact.passage)) entry.passages.push(fact.passage);
  }
  return KIND_ORDER.flatMap((kind) =>
    [...merged.values()].filter(({ first }) => first.kind === kind).map(({ first, passages }) => ({ ...first, passages })),
  );
}
