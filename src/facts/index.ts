/** "Who, whom, when at a glance": facts of passages, the story timeline, same-event grouping. */
export type { Fact, FactKind, FoundFact } from './fact-types.js';
export { extractFacts, factsOfPassage } from './extract-facts.js';
export { mergeFacts, type GlanceFact } from './merge-facts.js';
export { buildFactIndex, factsOfAnswerPassage, type FactIndex } from './answer-facts.js';
export {
  factsWithPlacedDates,
  inferStoryReference,
  placeCorpusDates,
  type PassageFacts,
  type PlacedDate,
  type StoryReference,
} from './corpus-dates.js';
export {
  buildTimeline,
  matchesWords,
  type AboutMatcher,
  type TimelineEvent,
  type TimelineOptions,
  type TimelineQuote,
} from './timeline.js';
export {
  buildWordRarity,
  DEFAULT_SAME_EVENT_THRESHOLD,
  eventSimilarity,
  groupSameEvents,
  type EventPassage,
  type EventTelling,
  type GroupingOptions,
  type SameEventGroup,
  type WordRarity,
} from './same-event.js';
export {
  evaluateGrouping,
  parseEventPairs,
  type EvaluationOptions,
  type GroupingEvaluation,
  type LabelledPair,
  type LabelledSentence,
  type PairOutcome,
} from './grouping-eval.js';
