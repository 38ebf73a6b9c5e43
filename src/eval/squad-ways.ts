/**
 * The ways of running a SQuAD-format set: all its articles as one corpus, each article alone, and each
 * article alone with every question typed as in a chat (`typedInChat`: lower case, one slip).
 */
export const SQUAD_WAYS = ['all', 'alone', 'typed'] as const;
export type SquadWay = (typeof SQUAD_WAYS)[number];
