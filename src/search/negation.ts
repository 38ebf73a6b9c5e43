import { loadLexicon } from './lexicon/lexicon.js';
import negationData from './negation-words.json' with { type: 'json' };
import { normalizeTerm } from './terms.js';

const QUESTION_NEGATIONS: ReadonlySet<string> = new Set(negationData.question);
/** The passage's ways of saying "not", as written and as index terms (so "refused" and "refusal" both count). */
const PASSAGE_NEGATIONS: ReadonlySet<string> = new Set([...negationData.question, ...negationData.passage]);
const PASSAGE_NEGATION_TERMS: ReadonlySet<string> = new Set(
  negationData.passage.flatMap((word) => {
    const term = normalizeTerm(word);
    return term === null ? [] : [term];
  }),
);
const CONTRACTED_NOT = /n['’]t$/;

/**
 * Whether a question asks about something not happening or not holding ("who did not sign?", "what
 * can't be reserved?"). "Whether or not", "may or may not" and "not only" ask about no absence.
 */
export function asksAboutAbsence(words: readonly string[]): boolean {
  return words.some((word, i) => {
    if (!QUESTION_NEGATIONS.has(word) && !CONTRACTED_NOT.test(word)) return false;
    return words[i - 1] !== 'or' && words[i - 2] !== 'or' && words[i + 1] !== 'only';
  });
}

/**
 * Whether a passage's words (lower-cased, as written) say that something did not happen or does not
 * hold: a negation, a contraction in n't, a word of refusing, failing, lacking or preventing in any
 * form, or a word made negative by non- or un- ("nonviolent", "unknown", "unless").
 */
export function saysNot(forms: Iterable<string>): boolean {
  for (const form of forms) {
    if (PASSAGE_NEGATIONS.has(form) || CONTRACTED_NOT.test(form) || isNegativeCompound(form)) return true;
    const term = normalizeTerm(form);
    if (term !== null && PASSAGE_NEGATION_TERMS.has(term)) return true;
  }
  return false;
}

/** "non-violent", "nonviolent", "unable", "unless": a negative prefix before a word of four letters or more. */
function isNegativeCompound(form: string): boolean {
  const rest = form.startsWith('non') ? form.slice(form[3] === '-' ? 4 : 3) : form.startsWith('un') ? form.slice(2) : '';
  return rest.length >= 4 && loadLexicon().isWord(rest);
}
