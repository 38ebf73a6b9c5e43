import { loadLexicon, type Relation } from './lexicon/lexicon.js';
import { loadTermVectors } from './lexicon/vectors.js';
import type { AnalysedQuestion, QueryTerm } from './question.js';
import { isCommonWord, isSlipOfCommonWord, oneSlipFrom } from './english-frequency.js';
import { normalizeTerm, normalizeText } from './terms.js';

/** What expanding a question needs to know of the corpus. */
export interface Vocabulary {
  /** Number of passages containing a term. */
  documentFrequency(term: string): number;
  /** Index terms within an edit distance of a term, with their distance. */
  termsNear(term: string, maxDistance: number): ReadonlyMap<string, number>;
}

/** A question fitted to a corpus by `expandForCorpus`. */
export interface ExpandedQuestion extends AnalysedQuestion {
  /** Names, and uncommon words no dictionary knows, of the question that the corpus holds in no form (see `missingKeyWords`). */
  readonly missingKeyWords: readonly string[];
  /**
   * Uncommon words of the dictionary ("bellwether", "oxidative") that the corpus holds in no form, as
   * index terms: a question may word with them what a passage says otherwise, so they veto an answer only
   * when its passage holds nothing near them in meaning.
   */
  readonly missingRareTerms: readonly string[];
  /** The question's names (see `misspellableTerms`) as index terms, held by the corpus or not. */
  readonly names: readonly string[];
}

/** Whether a question was already fitted to the corpus. */
function isExpanded(question: AnalysedQuestion): question is ExpandedQuestion {
  return 'missingKeyWords' in question;
}

/** Credit of a corrected spelling, per edit: a near spelling is most likely what was meant, not certainly. */
const SPELLING_CREDIT = [1, 0.8, 0.6] as const;
/** Shortest term corrected with one edit, and with two: short words have too many neighbours. */
const ONE_EDIT_FROM = 5;
const TWO_EDITS_FROM = 8;
/** Most corrections taken for one term: beyond that the spelling says too little. */
const MAX_CORRECTIONS = 3;
/**
 * How much a related word's match counts for the question word, by relation (times the lexicon's own
 * weight for the sense): a derivation or synonym nearly says the same ("purchased" / "bought"), a
 * whole or a broader term says less ("Paris" / "France", "boss" / "supervisor").
 */
const RELATION_CREDIT: Readonly<Record<Relation, number>> = {
  synonym: 0.75,
  derivation: 0.8,
  pertainym: 0.8,
  similar: 0.6,
  attribute: 0.5,
  holonym: 0.45,
  meronym: 0.35,
  hypernym: 0.45,
};
/**
 * Least credit of an expansion through which a name counts as held by the corpus: what a spelling, a
 * synonym or a derivation earns ("Teheran", "Parisian"), more than a broader term, a part or a whole
 * (city, port, England for Newcastle: 0.2–0.27). Chosen on the SQuAD DEV split: cross-article questions
 * refused 94% → 95% with hit@1 unchanged.
 */
const MIN_NAME_BRIDGE_CREDIT = 0.3;
/** Weight of an expansion in gathering candidates, relative to its credit. */
const EXPANSION_SEARCH_WEIGHT = 0.5;
/** Least credit an expansion must earn to be searched at all. */
const MIN_EXPANSION_CREDIT = 0.2;
/** Most related words taken per question word, best first. */
const MAX_RELATED = 12;

/**
 * Fits a question to the corpus it is asked of. Each question word brings the words WordNet relates
 * to it (synonyms, derivations, pertainyms, wholes and broader terms; see RELATION_CREDIT) that the
 * corpus holds, with a damped credit, and so does a phrasal verb ("took out" → "kill"). A question
 * term the corpus lacks, long enough to tell apart, also looks for the corpus's terms within one edit
 * (two for long words), and as the dictionary words one typing slip from it: a misspelt name or rare
 * word ("Pezeshkain", "philogiston", "complxity") still finds its passages. Terms the corpus has are
 * not "corrected", but for a word no dictionary knows, typed in lower case, whose slip happens to make
 * another word's stem ("disobeience" / "disobey").
 */
export function expandForCorpus(question: AnalysedQuestion, vocabulary: Vocabulary): ExpandedQuestion {
  if (isExpanded(question)) return question;
  const added: QueryTerm[] = [];
  const own = new Set(question.terms.map((t) => t.term));
  const known = new Set(own);
  const byTerm = new Map(question.terms.map((t) => [t.term, t]));
  for (const { origins, related } of relatedWords(question, byTerm)) {
    const origin = byTerm.get(origins[0] ?? '');
    if (!origin) continue;
    for (const [term, credit] of related) {
      if (known.has(term) || vocabulary.documentFrequency(term) === 0) continue;
      known.add(term);
      added.push({ term, weight: origin.weight * credit * EXPANSION_SEARCH_WEIGHT, origins, synonym: true, credit, context: false });
    }
  }
  const misspellable = misspellableTerms(question);
  for (const term of question.terms) {
    const written = misspellable.get(term.term)?.word;
    if (written === undefined || term.synonym || term.context || /\d/.test(term.term)) continue;
    // A slip can make another word's stem ("disobeience" → "disobei", the stem of "disobey"): a word no
    // dictionary knows is looked up as the dictionary words one slip from it even when its stem is held,
    // unless it is a name written capitalised, as the corpus has it.
    const held = vocabulary.documentFrequency(term.term) > 0;
    const byEdits = (): [string, number][] =>
      spellingsNear(term.term, written, vocabulary).map(([near, distance]) => [near, SPELLING_CREDIT[distance] ?? 0]);
    const corrections = !held
      ? [...byEdits(), ...dictionarySpellingsNear(term.term, written, vocabulary)]
      : written === written.toLowerCase()
        ? dictionarySpellingsNear(term.term, written, vocabulary)
        : [];
    // A correction may also be another word's expansion ("expresion" → "express", related to "convey"):
    // it is then searched for both, with each one's credit; never for the question's own terms. Found
    // both ways, it counts as its nearest: two letters swapped ("attcaked") are two edits of the spelling
    // but one typing slip from "attacked".
    const corrected = new Set<string>();
    for (const [near, credit] of corrections.sort((a, b) => b[1] - a[1])) {
      if (own.has(near) || corrected.has(near)) continue;
      corrected.add(near);
      added.push({ term: near, weight: term.weight * credit, origins: term.origins, synonym: true, credit, context: term.context });
    }
  }
  const terms = [...question.terms, ...added];
  const names = [...misspellable].filter(([term, { isName }]) => isName && question.origins.has(term)).map(([term]) => term);
  return { ...question, terms, names, ...missingKeyWords(question, misspellable, terms, vocabulary) };
}

/**
 * The question's key words that the corpus holds in no form, not even through an expansion or a
 * corrected spelling: names, and words that are neither common English nor a typing slip of a
 * common word. A question about something the articles never name is not answered by a passage that has
 * its other, ordinary words. Those a dictionary knows come apart, as `missingRareTerms`: a passage may
 * say them in other words.
 */
function missingKeyWords(question: AnalysedQuestion, keyTerms: KeyTerms, terms: readonly QueryTerm[], vocabulary: Vocabulary) {
  const reached = new Set<string>();
  for (const term of terms) {
    // A several-word synonym puts its question word in the corpus only when the corpus has all its words.
    const words = term.phrase ?? [term.term];
    if (words.some((word) => vocabulary.documentFrequency(word) === 0)) continue;
    for (const origin of term.origins)
      // A name is in the corpus only as itself, a spelling of it or a word of the same meaning, not through
      // a broader term or a whole: "city" or "England" does not put Newcastle in an article.
      if (term.credit >= MIN_NAME_BRIDGE_CREDIT || !keyTerms.get(origin)?.isName) reached.add(origin);
  }
  const missing = [...keyTerms].filter(
    ([term, { word, isName }]) => question.origins.has(term) && !reached.has(term) && (isName || !isSlipOfCommonWord(word.toLowerCase())),
  );
  const isRare = ([, { word, isName }]: (typeof missing)[number]): boolean => !isName && isDictionaryWord(word);
  return {
    missingKeyWords: missing.filter((entry) => !isRare(entry)).map(([, { word }]) => word),
    missingRareTerms: missing.filter(isRare).map(([term]) => term),
  };
}

/** A word of the dictionary in some form ("bellwether", "spearheaded"), not a coinage, a name or jargon. */
function isDictionaryWord(word: string): boolean {
  return loadLexicon().isWord(word.toLowerCase());
}

/**
 * Loads the word lists that answering a question reads (the lexicon, English word frequencies, the word
 * vectors of the re-rank), which the first question would otherwise load: about 100 ms in which a
 * running bot could answer nobody.
 */
export function preloadWordLists(): void {
  loadLexicon();
  isCommonWord('the');
  loadTermVectors();
}

/** Related words of each of the question's words and two-word phrases, as index terms with their credit. */
function* relatedWords(question: AnalysedQuestion, byTerm: ReadonlyMap<string, QueryTerm>) {
  const lexicon = loadLexicon();
  const { words } = question;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const term = normalizeTerm(word);
    const phrase = i + 1 < words.length ? `${word} ${words[i + 1] ?? ''}` : undefined;
    // A phrasal verb ("took out") stands for its content word's term.
    const phraseBase = phrase === undefined ? undefined : lexicon.baseForms(phrase).find((b) => b.includes(' '));
    if (phraseBase !== undefined) {
      const head = normalizeText(phraseBase)[0];
      if (head !== undefined && byTerm.has(head)) yield { origins: [head], related: termsOf(lexicon.related(phraseBase)) };
    }
    if (term === null || !byTerm.has(term) || byTerm.get(term)?.synonym) continue;
    yield { origins: [term], related: relatedTerms(word) };
  }
}

/**
 * The index terms WordNet relates to a word (synonyms, derivations, pertainyms, wholes, broader terms),
 * with the credit a match through each earns (see RELATION_CREDIT), best first; at most MAX_RELATED.
 */
export function relatedTerms(word: string): Map<string, number> {
  const lexicon = loadLexicon();
  return termsOf(lexicon.related(lexicon.baseForms(word)[0] ?? word));
}

/** Single-term related words as index terms with the credit a match earns, best first. */
function termsOf(related: ReturnType<ReturnType<typeof loadLexicon>['related']>): Map<string, number> {
  const terms = new Map<string, number>();
  for (const { word, relation, weight } of related) {
    if (terms.size >= MAX_RELATED) break;
    const normalized = normalizeText(word);
    const term = normalized[0];
    if (normalized.length !== 1 || term === undefined) continue;
    const credit = RELATION_CREDIT[relation] * weight;
    if (credit >= MIN_EXPANSION_CREDIT && credit > (terms.get(term) ?? 0)) terms.set(term, credit);
  }
  return terms;
}

/**
 * The question's key terms, with how their word was written: names (capitalised within the question,
 * or words WordNet knows only as names, however typed) and words that are not common English.
 * They are what may be misspelt ("invent" is not a typo of "intent", "indited" may well be one of
 * "indicted"), and what an answer cannot do without.
 */
/** Key terms of a question → how their word was written and whether it is a name. */
type KeyTerms = ReadonlyMap<string, { readonly word: string; readonly isName: boolean }>;

function misspellableTerms(question: AnalysedQuestion): KeyTerms {
  const terms = new Map<string, { word: string; isName: boolean }>();
  const lexicon = loadLexicon();
  const { written, words } = question;
  // Whether words i and i + 1 are, together, a name WordNet writes only capitalised.
  const pairIsName = words.map((word, i) => i + 1 < words.length && lexicon.isName(`${word} ${words[i + 1] ?? ''}`));
  written.forEach((word, i) => {
    const term = normalizeTerm(word);
    if (term === null) return;
    const common = isCommonWord(word.toLowerCase());
    // Capitalised within the question, or (typed in lower case, or first) a word WordNet knows only
    // as a name, alone or with its neighbour ("france", "tehran", "harold ii", "white house"; not
    // "march" or "trump", which are words too).
    const isName = (i > 0 && /^\p{Lu}/u.test(word)) || lexicon.isName(word) || pairIsName[i - 1] === true || pairIsName[i] === true;
    if (isName || !common) terms.set(term, { word, isName });
  });
  return terms;
}

/** The corpus's terms nearest to a term it lacks, nearest and most frequent first. */
function spellingsNear(term: string, written: string, vocabulary: Vocabulary): [string, number][] {
  // A name is worth correcting from four letters ("Bien" → "Biden"); other words from five.
  const isName = /^\p{Lu}/u.test(written);
  const oneEditFrom = isName ? ONE_EDIT_FROM - 1 : ONE_EDIT_FROM;
  // A word of the dictionary ("underbid") is most likely meant as written: one slip at most, not two.
  const twoEditsFrom = isName || !isDictionaryWord(written) ? TWO_EDITS_FROM : Infinity;
  // Bounded by the word as typed: a stem may be shorter than its word ("Ties" → "tie").
  const length = Math.max(term.length, written.length);
  const maxDistance = length >= twoEditsFrom ? 2 : length >= oneEditFrom ? 1 : 0;
  if (maxDistance === 0) return [];
  return (
    [...vocabulary.termsNear(term, maxDistance)]
      .filter(([near, distance]) => distance > 0 && near.length >= oneEditFrom && sameFirstLetter(term, near))
      // A short name is only taken for one with a letter left out ("Bien" → "Biden"), never another short word.
      .filter(([near]) => term.length >= ONE_EDIT_FROM || near.length > term.length)
      .sort((a, b) => a[1] - b[1] || vocabulary.documentFrequency(b[0]) - vocabulary.documentFrequency(a[0]))
      .slice(0, MAX_CORRECTIONS)
  );
}

/**
 * The corpus's terms of the dictionary words one typing slip from a word no dictionary knows
 * ("complxity" → complexity → "complex"; "expresion" → "express"), most frequent first: a slip may
 * change its stem past what an edit distance over stems finds ("Chales" → Charles, too). Words shorter
 * than ONE_EDIT_FROM (four letters, typed in lower case, at least) have too many neighbours. The credit
 * of one slip of a word typed in lower case is scaled by the square root of the share of its dictionary
 * readings that the corpus holds: "encded" is one slip from "ended" and from "encoded", and a corpus
 * holding only "ended" is not sure to be what was meant. (Square root: on the SQuAD DEV split typed,
 * the share itself cost more answers than it saved refusals.)
 */
function dictionarySpellingsNear(term: string, written: string, vocabulary: Vocabulary): [string, number][] {
  const word = written.toLowerCase();
  // A four-letter word typed in lower case may be a slip too ("phto"); capitalised, it is more likely a
  // name or an acronym.
  const shortest = written === word ? ONE_EDIT_FROM - 1 : ONE_EDIT_FROM;
  if (word.length < shortest || isCommonWord(word) || isDictionaryWord(word)) return [];
  const found = new Set<string>();
  const readings = new Set<string>();
  for (const meant of oneSlipFrom(word)) {
    if (!sameFirstLetter(word, meant) || !isDictionaryWord(meant)) continue;
    const near = normalizeTerm(meant);
    if (near === null || near === term) continue;
    readings.add(near);
    if (vocabulary.documentFrequency(near) > 0) found.add(near);
  }
  // A capitalised slip is most likely of a name ("Chales" → Charles, not "chases"): its readings are not weighed.
  const share = written === word ? found.size / Math.max(1, readings.size) : 1;
  return [...found]
    .sort((a, b) => vocabulary.documentFrequency(b) - vocabulary.documentFrequency(a))
    .slice(0, MAX_CORRECTIONS)
    .map((near) => [near, (SPELLING_CREDIT[1] ?? 0) * Math.sqrt(share)]);
}

/** People rarely mistype a word's first letter; requiring it keeps corrections plausible. */
function sameFirstLetter(a: string, b: string): boolean {
  return a.charAt(0) === b.charAt(0);
}
