/** What a fact names: a person, an organisation, a place, or a date or time. */
export type FactKind = 'person' | 'org' | 'place' | 'date';

/**
 * Something a passage names or dates, exactly as written there. Part of the JSON contract of
 * `storybot ask --json` (`facts: [...]`).
 */
export interface Fact {
  readonly kind: FactKind;
  /** As written in the passage (for people, with any title: "Maj. Gen. Qassim Suleimani"). */
  readonly text: string;
  /**
   * Names: the canonical name ("Qassem Soleimani"). Dates: ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`
   * when the date is exact or could be resolved; absent when it is kept as written.
   */
  readonly normalized?: string;
  /** How a date was resolved, e.g. "≈ 2024-10-14, from 'Oct. 14' in an article of 2024-11". */
  readonly note?: string;
  /** Id of the passage the fact comes from. */
  readonly passage: string;
  /** Offsets into the passage text: `passage.text.slice(start, end) === text`. */
  readonly start: number;
  readonly end: number;
}

/** A fact found in a text, before it is tied to a passage. */
export type FoundFact = Omit<Fact, 'passage'>;

/**
 * A record type with its fields writable, for an object built field by field: the timeline makes some
 * 100k facts and events, and object spreads of optional fields were much of its time.
 */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
