import { z } from 'zod';
import { factsOfPassage } from './extract-facts.js';
import type { Fact } from './fact-types.js';
import { eventSimilarity, groupSameEvents, type EventPassage, type GroupingOptions } from './same-event.js';

const labelledSentence = z.object({ article: z.string(), text: z.string().min(1) });
const labelledPairs = z.object({
  pairs: z.array(z.object({ a: labelledSentence, b: labelledSentence, sameEvent: z.boolean(), about: z.string().optional() })),
});

/** A sentence of an article, as labelled. */
export type LabelledSentence = z.infer<typeof labelledSentence>;
/** Two sentences labelled as reporting the same event or not (eval/event-pairs.json). */
export type LabelledPair = z.infer<typeof labelledPairs>['pairs'][number];

/** How grouping did on one labelled pair. */
export interface PairOutcome {
  readonly pair: LabelledPair;
  /** Whether `groupSameEvents` put the two sentences in one group. */
  readonly grouped: boolean;
  readonly similarity: number;
}

/** Precision and recall of same-event grouping on some labelled pairs. */
export interface GroupingFigures {
  /** Grouped pairs that are labelled same-event, over grouped pairs; null when none was grouped. */
  readonly precision: number | null;
  /** Same-event pairs that were grouped, over same-event pairs; null when none is labelled same. */
  readonly recall: number | null;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
}

/** Same-event grouping on all labelled pairs, and on the half held out from tuning. */
export interface GroupingEvaluation extends GroupingFigures {
  /** The pairs the threshold and weights were not tuned on (see `isHeldOut`). */
  readonly heldOut: GroupingFigures;
  readonly outcomes: readonly PairOutcome[];
}

/** Reads the labelled pairs file (`{ "pairs": [...] }`), throwing on a malformed one. */
export function parseEventPairs(json: unknown): LabelledPair[] {
  return labelledPairs.parse(json).pairs;
}

export interface EvaluationOptions extends GroupingOptions {
  /** Publication (or reference) date of each article, to resolve the sentences' dates; unknown by default. */
  readonly published?: ReadonlyMap<string, string | null>;
}

/**
 * Groups all sentences of the labelled pairs at once, as one corpus, and counts for each pair
 * whether its two sentences ended up in one group.
 */
export function evaluateGrouping(pairs: readonly LabelledPair[], options: EvaluationOptions = {}): GroupingEvaluation {
  const passageOf = new Map<string, EventPassage>();
  const factsByPassage = new Map<string, readonly Fact[]>();
  const passageFor = (sentence: LabelledSentence): EventPassage => {
    const key = `${sentence.article}\u0000${sentence.text}`;
    let passage = passageOf.get(key);
    if (!passage) {
      passage = { id: `${sentence.article}#${passageOf.size}`, articleId: sentence.article, text: sentence.text };
      passageOf.set(key, passage);
      factsByPassage.set(passage.id, factsOfPassage(passage, options.published?.get(sentence.article) ?? null));
    }
    return passage;
  };
  const sides = pairs.map((pair) => [passageFor(pair.a), passageFor(pair.b)] as const);
  const groups = groupSameEvents([...passageOf.values()], factsByPassage, options);
  const groupOf = new Map(groups.flatMap((group, i) => group.passages.map((id) => [id, i] as const)));
  const outcomes = pairs.map((pair, i): PairOutcome => {
    const [a, b] = sides[i] ?? [passageFor(pair.a), passageFor(pair.b)];
    const group = groupOf.get(a.id);
    return {
      pair,
      grouped: group !== undefined && group === groupOf.get(b.id),
      similarity: eventSimilarity(a, b, factsByPassage, options.rarity),
    };
  });
  const held = heldOutPairs(pairs);
  return { ...figuresOf(outcomes), heldOut: figuresOf(outcomes.filter((o) => held.has(o.pair))), outcomes };
}

/**
 * The half of the labelled pairs held out from tuning: of the same-event pairs and of the others
 * alike, every second one in the order of a hash of their texts (FNV-1a), so both halves have as many
 * of each and no one chose which pair goes where.
 */
export function heldOutPairs(pairs: readonly LabelledPair[]): Set<LabelledPair> {
  const held = new Set<LabelledPair>();
  for (const same of [true, false]) {
    pairs
      .filter((pair) => pair.sameEvent === same)
      .map((pair) => ({ pair, hash: fnv1a(`${pair.a.text}\u0000${pair.b.text}`) }))
      .sort((x, y) => x.hash - y.hash)
      .forEach(({ pair }, i) => {
        if (i % 2 === 1) held.add(pair);
      });
  }
  return held;
}

/** 32-bit FNV-1a of a string's UTF-16 code units: a stable, well-spread order. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function figuresOf(outcomes: readonly PairOutcome[]): GroupingFigures {
  const count = (grouped: boolean, same: boolean): number =>
    outcomes.filter((o) => o.grouped === grouped && o.pair.sameEvent === same).length;
  const [tp, fp, fn, tn] = [count(true, true), count(true, false), count(false, true), count(false, false)];
  return {
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
  };
}
