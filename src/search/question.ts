import { questionText } from './chat-text.js';
import { withStopWordSlipsMended } from './stop-word-slips.js';
import lightWordData from './light-words.json' with { type: 'json' };
import { LONGEST_SYNONYM_PHRASE, SYNONYMS, type SynonymTable } from './synonyms.js';
import { normalizeTerm, normalizeText, tokenizeWords } from './terms.js';

/** What kind of answer a question asks for, read from its question word. */
export type QuestionKind = 'person' | 'time' | 'place' | 'quantity' | 'reason' | 'manner';

/** A term to search for, with its weight and the question terms it stands for. */
export interface QueryTerm {
  readonly term: string;
  readonly weight: number;
  /** The question's own terms this one stands for: itself, or those a synonym replaces. */
  readonly origins: readonly string[];
  readonly synonym: boolean;
  /** How much a match of this term counts for the terms it stands for: 1 for a question's own term, less for an expansion. */
  readonly credit: number;
  /** A term of an earlier question in the conversation (a follow-up's context), not of the question itself. */
  readonly context: boolean;
  /**
   * The terms of the several-word synonym this term is one word of ("new", "york", "time" of "New York
   * Times" for "NYT"): a passage earns the credit in the share of them it holds ("News" alone is not the NYT).
   */
  readonly phrase?: readonly string[];
}

/** A question turned into weighted search terms. */
export interface AnalysedQuestion {
  /** Kinds of answer asked for, one per question word ("who … and when?" asks for two). */
  readonly kinds: readonly QuestionKind[];
  readonly terms: readonly QueryTerm[];
  /** The terms an answer must cover, with their weights: the question's own, or the context's when it has none. */
  readonly origins: ReadonlyMap<string, number>;
  /** The question's own meaningful words, lower-cased, as written ("indicted", not "indict"). */
  readonly wordForms: ReadonlySet<string>;
  /** The question's own words in order, lower-cased, chat noise removed (see `questionText`). */
  readonly words: readonly string[];
  /** The same words as written (case kept). */
  readonly written: readonly string[];
}

/** Weight of a synonym relative to the word it stands for. */
export const SYNONYM_WEIGHT = 0.4;
/** How much a synonym's match counts for the word it stands for. */
const SYNONYM_CREDIT = 0.7;
/** Weight of a word that gives a question its shape more than its content ("take place", "happen"). */
const LIGHT_WEIGHT = 0.3;
const LIGHT_TERMS = termsOf(lightWordData.words);
/** Weight of the terms of the previous question in a conversation; halves for each older one. */
const CONTEXT_WEIGHT = 0.5;
const MAX_CONTEXT_QUESTIONS = 3;

const KIND_OF_WORD: Readonly<Record<string, QuestionKind>> = {
  who: 'person',
  whom: 'person',
  whose: 'person',
  when: 'time',
  where: 'place',
  why: 'reason',
  how: 'manner',
};
const QUANTITY_AFTER_HOW = new Set([
  'much',
  'many',
  'long',
  'far',
  'old',
  'often',
  'large',
  'big',
  'tall',
  'high',
  'wide',
  'deep',
  'heavy',
]);
/** Nouns after "what" or "which" that ask for a time, a quantity or a place ("what century", "what percentage", "which city"). */
const TIME_NOUNS = termsOf(['year', 'date', 'day', 'month', 'time', 'week', 'century', 'decade', 'era', 'period']);
const QUANTITY_NOUNS = termsOf(['percentage', 'percent', 'proportion', 'fraction', 'number', 'amount', 'size', 'temperature']);
const PLACE_NOUNS = termsOf(['city', 'country', 'state', 'town', 'region', 'place', 'location', 'continent', 'island', 'province', 'area']);
const TIME_AFTER_HOW = new Set(['soon', 'quickly', 'fast', 'early', 'late']);

/** The index terms of these words. */
function termsOf(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.flatMap((word) => normalizeText(word)));
}

/**
 * Analyses a question: reads its question word before stop words are dropped (who → person,
 * when → time, where → place, how much → quantity, why → reason, what year → time), turns the
 * rest into index terms, adds synonyms (words and phrases) with a damped weight, and adds the
 * terms of earlier questions (`context`, oldest first) with a smaller weight, for follow-ups.
 */
export function analyseQuestion(question: string, context: readonly string[] = [], synonyms: SynonymTable = SYNONYMS): AnalysedQuestion {
  const terms = new Map<string, QueryTerm>();
  const origins = new Map<string, number>();
  const add = (
    term: string,
    weight: number,
    from: readonly string[],
    synonym: boolean,
    context: boolean,
    phrase?: readonly string[],
  ): void => {
    const existing = terms.get(term);
    if (existing && existing.weight >= weight) return;
    const credit = synonym ? SYNONYM_CREDIT : 1;
    terms.set(term, { term, weight, origins: from, synonym, credit, context, ...(phrase && phrase.length > 1 ? { phrase } : {}) });
  };

  const readAsTyped = (typed: string): string => withStopWordSlipsMended(questionText(typed));
  const read = readAsTyped(question);
  const sources = [read, ...context.slice(-MAX_CONTEXT_QUESTIONS).reverse().map(readAsTyped)];
  sources.forEach((text, age) => {
    const weight = age === 0 ? 1 : CONTEXT_WEIGHT ** age;
    const own = normalizeText(text);
    // Whether an answer covers the question is judged on the question's own terms; the context's
    // count only when the question has none of its own ("when was that?").
    const judged = age === 0 || origins.size === 0 || [...origins.values()].every((w) => w < 1);
    const weightOf = (term: string): number => weight * (LIGHT_TERMS.has(term) ? LIGHT_WEIGHT : 1);
    for (const term of own) {
      if (judged && !origins.has(term)) origins.set(term, weightOf(term));
      add(term, weightOf(term), [term], false, !judged);
    }
    for (const { phrase, alternatives } of synonymPhrases(own, synonyms)) {
      const phraseWeight = Math.max(...phrase.map(weightOf));
      for (const alternative of alternatives) {
        const others = alternative.filter((term) => !phrase.includes(term));
        for (const term of others) add(term, phraseWeight * SYNONYM_WEIGHT, phrase, true, !judged, others);
      }
    }
  });
  const written = tokenizeWords(read);
  const words = written.map((word) => word.toLowerCase());
  const wordForms = new Set(words.filter((word) => normalizeTerm(word) !== null));
  return { kinds: kindsOf(read), terms: [...terms.values()], origins, wordForms, words, written };
}

function* synonymPhrases(terms: readonly string[], synonyms: SynonymTable) {
  for (let i = 0; i < terms.length; i++) {
    for (let n = Math.min(LONGEST_SYNONYM_PHRASE, terms.length - i); n >= 1; n--) {
      const phrase = terms.slice(i, i + n);
      const alternatives = synonyms.get(phrase.join(' '));
      if (alternatives) yield { phrase, alternatives };
    }
  }
}

/** Reads the kinds of answer a question asks for from its question words. */
export function kindsOf(question: string): QuestionKind[] {
  const kinds = new Set<QuestionKind>();
  const words = tokenizeWords(question.toLowerCase());
  words.forEach((word, i) => {
    const next = words[i + 1] ?? '';
    if (word === 'how' && QUANTITY_AFTER_HOW.has(next)) kinds.add('quantity');
    else if (word === 'how' && TIME_AFTER_HOW.has(next)) kinds.add('time');
    else if (word === 'what' || word === 'which') {
      const noun = normalizeTerm(next) ?? '';
      if (TIME_NOUNS.has(noun)) kinds.add('time');
      else if (QUANTITY_NOUNS.has(noun)) kinds.add('quantity');
      else if (PLACE_NOUNS.has(noun)) kinds.add('place');
    } else if (KIND_OF_WORD[word]) kinds.add(KIND_OF_WORD[word]);
  });
  return [...kinds];
}
