import type { Article } from '../corpus/article.js';
import { expandForCorpus, type ExpandedQuestion } from '../search/expand.js';
import { isClearlyNotEnglish } from '../search/question-language.js';
import { analyseQuestion, type AnalysedQuestion } from '../search/question.js';
import { CANDIDATE_POSTINGS_BUDGET, type RankedPassage } from '../search/rank.js';
import type { SearchIndex } from '../search/search-index.js';
import { normalizeTerm, normalizeText, tokenize } from '../search/terms.js';
import { acronymLetters, spelledOut } from '../search/acronyms.js';
import { asksAboutAbsence, saysNot } from '../search/negation.js';
import { kindMatch } from '../search/traits.js';
import {
  NOT_ENGLISH_NOTICE,
  type Answer,
  type AnswerOptions,
  type AnswerPassage,
  type ArticleRef,
  type Highlight,
} from './answer-types.js';
import { assembleQuotes, type Quote } from './assemble.js';

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 500;
/** Passages returned when the caller does not say. */
export const DEFAULT_LIMIT = 3;
/** Most passages one answer may hold. */
export const MAX_LIMIT = 10;
/**
 * The best passage (read with its paragraph) must hold at least this share of the question — its
 * terms weighted by rarity, related words and corrected spellings counting in part — or nothing in
 * the corpus answers it: "no answer" beats a quote about something else. Chosen on the SQuAD DEV
 * split and the public set (see the sweep in the README): about 96% of answerable questions pass.
 */
export const MIN_COVERAGE = 0.33;
/** Below MIN_COVERAGE but at least this: the passage is shown as "closest", labelled as maybe not answering. */
const MIN_COVERAGE_CLOSEST = 0.2;
const CLOSEST_LIMIT = 2;
/**
 * Share of the best passage's score that the best passage saying "not" must reach to answer a question
 * about something not happening. Chosen on the SQuAD DEV split: 16% of its unanswerable questions are
 * then refused (10% without the check) and no answerable one loses its first passage.
 */
const MIN_SCORE_SAYING_NOT = 0.7;
/**
 * Least word-vector cosine at which a passage's word stands for an uncommon dictionary word of the
 * question that the corpus lacks ("spearheaded" / "led"). Chosen on the SQuAD DEV split: each article
 * alone, hit@1 0.802 → 0.804 with cross-article questions still refused as often (0.35 answers more and
 * refuses fewer of them).
 */
const NEAR_IN_MEANING = 0.45;
/** A follow-up that continues the conversation. */
const CONTINUATION = /^(?:and|also|so|but|then|what about|how about|and what|and who|and when|and why|and how)\b/;
/** Words that point back to something said before. */
const POINTING_BACK: ReadonlySet<string> = new Set([
  'he',
  'she',
  'it',
  'they',
  'them',
  'him',
  'her',
  'his',
  'their',
  'its',
  'that',
  'this',
  'those',
  'these',
  'there',
  'then',
]);
/** Score factor of the passage the previous question was answered with. */
const EARLIER_QUOTE_FACTOR = 0.6;
/** How much more postings the second pass may score. */
const WIDER_SEARCH_FACTOR = 10;
/** Further passages must cover this much of the question and score this share of the best one. */
const MIN_COVERAGE_OTHERS = 0.4;
const MIN_RELATIVE_SCORE = 0.25;

/** A question that cannot be asked, with a message fit to show. */
export class QuestionError extends Error {
  override readonly name = 'QuestionError';
}

/** Checks a question and returns it trimmed; throws a QuestionError saying what to change. */
export function validateQuestion(question: string): string {
  const trimmed = question.trim();
  if (trimmed === '') throw new QuestionError('The question is empty: type a question about the story.');
  if (trimmed.length > MAX_QUESTION_CHARS) {
    throw new QuestionError(`The question is too long (${trimmed.length} characters; at most ${MAX_QUESTION_CHARS}). Ask it more briefly.`);
  }
  return trimmed;
}

/**
 * Answers a question from the index: the passages that answer it, verbatim, best first, with
 * their sources and the matched words; no passages when nothing in the corpus answers it (then the
 * nearest passages, if near enough, as `closest`). A question asked in a conversation is answered as
 * if asked alone when it stands on its own; the earlier questions fill in only what a follow-up lacks
 * ("when was that?", "and Biden?"), and a follow-up is not answered with the quotes it follows.
 */
export function answer(index: SearchIndex, question: string, options: AnswerOptions = {}): Answer {
  const started = performance.now();
  const asked = validateQuestion(question);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  let read = asked;
  let analysed = expandForCorpus(analyseQuestion(read), index);
  let ranked = searchWidely(index, analysed, options.articleId);
  // An acronym the articles never use may stand for a name they spell out ("the SP" → "the Scottish Parliament").
  const spelled = spellOutAcronyms(index, read, analysed.missingKeyWords, ranked);
  if (spelled !== read) {
    read = spelled;
    analysed = expandForCorpus(analyseQuestion(read), index);
    ranked = searchWidely(index, analysed, options.articleId);
  }
  const context = options.context ?? [];
  if (context.length > 0 && isFollowUp(analysed, ranked)) {
    analysed = expandForCorpus(analyseQuestion(read, context), index);
    const previous = expandForCorpus(analyseQuestion(context.at(-1) ?? ''), index);
    const earlier = new Set(
      searchWidely(index, previous, options.articleId)
        .slice(0, 1)
        .map((r) => r.passage.id),
    );
    const kinds = analysed.kinds;
    ranked = demote(searchWidely(index, analysed, options.articleId), earlier, (r) => kindMatch(index.traitsOf(r.passage.id), kinds) > 0);
  }
  const answering = sayingWhatIsAsked(index, analysed, ranked);
  const best = answering[0];
  // A name or unknown word of the question that the corpus holds in no form, or an uncommon dictionary
  // word it lacks that the passage says in no other word: nothing answers it.
  // Nor does a passage that gives other figures than the year or number the question names.
  const confident =
    isConfident(answering) &&
    analysed.missingKeyWords.length === 0 &&
    (!best ||
      (holdsNearInMeaning(index, best, analysed.missingRareTerms) &&
        !givesOtherFigures(index, best, analysed) &&
        !namesSomeoneElsewhere(index, best, analysed)));
  const relevant =
    best && confident
      ? answering.filter((r) => r === best || (r.coverage >= MIN_COVERAGE_OTHERS && r.score >= MIN_RELATIVE_SCORE * best.score))
      : [];
  const wanted = new Set(analysed.terms.map((t) => t.term));
  const quote = (chosen: readonly RankedPassage[], count: number, candidates: readonly RankedPassage[]): AnswerPassage[] =>
    assembleQuotes(chosen, count, candidates).flatMap((q) => {
      const article = index.article(q.articleId);
      return article ? [toAnswerPassage(q, article, wanted)] : [];
    });
  const passages = quote(relevant, limit, ranked);
  const offersClosest = !confident && analysed.missingKeyWords.length === 0;
  const near = offersClosest ? ranked.filter((r) => r.coverage >= MIN_COVERAGE_CLOSEST).slice(0, CLOSEST_LIMIT) : [];
  const closest = near.length > 0 ? quote(near, CLOSEST_LIMIT, near) : [];
  const notice = passages.length === 0 && isClearlyNotEnglish(asked) ? { notice: NOT_ENGLISH_NOTICE } : {};
  return { question: asked, passages, ...(closest.length > 0 ? { closest } : {}), ...notice, tookMs: performance.now() - started };
}

/** Articles whose text an acronym is looked up in: those of the best passages found without it. */
const ACRONYM_ARTICLES = 3;

/**
 * The question with each missing key word written as an acronym replaced by the name it stands for in
 * the articles of the best passages found without it (see `spelledOut`); the question itself when none is.
 */
function spellOutAcronyms(index: SearchIndex, question: string, missing: readonly string[], ranked: readonly RankedPassage[]): string {
  const acronyms = missing.flatMap((word) => {
    const letters = acronymLetters(word);
    return letters === null ? [] : [{ word, letters }];
  });
  if (acronyms.length === 0) return question;
  const articleIds = [...new Set(ranked.slice(0, 5).map((r) => r.passage.articleId))].slice(0, ACRONYM_ARTICLES);
  const bodies = articleIds.flatMap((id) => index.article(id)?.body ?? []);
  let spelled = question;
  for (const { word, letters } of acronyms) {
    const name = spelledOut(letters, bodies);
    if (name !== null) spelled = spelled.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u'), name);
  }
  return spelled;
}

/**
 * Searches; the first pass gathers candidates with rare terms only (see CANDIDATE_POSTINGS_BUDGET), so
 * when it finds nothing that covers the question and the corpus is big enough for terms to have been
 * left out, a second pass with a wider budget looks again. Only hard or unanswerable questions pay for it.
 */
function searchWidely(index: SearchIndex, analysed: ExpandedQuestion, articleId: string | undefined): RankedPassage[] {
  const ranked = index.search(analysed, articleId);
  if (isConfident(ranked) || index.passageCount <= CANDIDATE_POSTINGS_BUDGET) return ranked;
  // Looking wider cannot help a question whose key words the corpus lacks (it is refused anyway), nor
  // one whose best passage is far from it: most of its words are then the rare ones already searched.
  const near = (ranked[0]?.coverage ?? 0) >= MIN_COVERAGE_CLOSEST;
  if (!near || analysed.missingKeyWords.length > 0) return ranked;
  return index.search(analysed, articleId, CANDIDATE_POSTINGS_BUDGET * WIDER_SEARCH_FACTOR);
}

/**
 * Whether a question asked in a conversation needs the earlier questions: it has fewer than two words
 * of its own that count ("when was that?", "and Biden?"), starts as a continuation ("and …", "what
 * about …"), or points back ("he", "that") without being answered on its own.
 */
function isFollowUp(analysed: AnalysedQuestion, alone: readonly RankedPassage[]): boolean {
  const ownTerms = [...analysed.origins.values()].filter((weight) => weight >= 1).length;
  if (ownTerms < 2 || CONTINUATION.test(analysed.words.join(' '))) return true;
  return analysed.words.some((word) => POINTING_BACK.has(word)) && !isConfident(alone);
}

/**
 * The passage the previous question was answered with ranks below the others unless it gives the kind
 * of answer now asked for: "why?" after "how was he killed?" wants the reason, not the same quote again,
 * while "when was that?" may well be answered by the quote that said what happened.
 */
function demote(ranked: readonly RankedPassage[], earlier: ReadonlySet<string>, givesKind: (r: RankedPassage) => boolean): RankedPassage[] {
  if (earlier.size === 0) return [...ranked];
  return ranked
    .map((r) => (earlier.has(r.passage.id) && !givesKind(r) ? { ...r, score: r.score * EARLIER_QUOTE_FACTOR } : r))
    .sort((a, b) => b.score - a.score);
}

/**
 * The ranked passages that can answer the question. One about something not happening ("who did not
 * sign?") is answered only by passages saying, in some form, that something did not happen, and only
 * when the best of them scores near the best passage overall (MIN_SCORE_SAYING_NOT): a passage that
 * only says it happened answers the opposite question, and is at most the closest one.
 */
function sayingWhatIsAsked(index: SearchIndex, analysed: AnalysedQuestion, ranked: readonly RankedPassage[]): readonly RankedPassage[] {
  const best = ranked[0];
  if (!best || !asksAboutAbsence(analysed.words)) return ranked;
  const saying = ranked.filter((r) => saysNot(index.wordsOf(r.passage).forms()));
  return saying[0] && saying[0].score >= MIN_SCORE_SAYING_NOT * best.score ? saying : [];
}

/**
 * Whether a passage, read with its paragraph neighbours, holds for each of these terms a word near it in
 * meaning (word-vector cosine at least NEAR_IN_MEANING); false for any term without word vectors.
 */
function holdsNearInMeaning(index: SearchIndex, passage: RankedPassage, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const similarityTo = index.similarityTo;
  if (!similarityTo) return false;
  const around = termsAround(index, passage);
  return terms.every((term) => {
    const similarity = similarityTo(term);
    return around.some((other) => other !== null && similarity(other) >= NEAR_IN_MEANING);
  });
}

/**
 * Whether a passage, read with its paragraph neighbours, gives figures (years, counts: two digits or
 * more) but not one the question names in digits ("in 2019" when it says 2020, "12 academies" when it
 * says 16): it tells of another year or another count. Number words ("the two women") are left out:
 * a question counts what it asks for more often than the passage does.
 */
function givesOtherFigures(index: SearchIndex, passage: RankedPassage, analysed: AnalysedQuestion): boolean {
  const asked = analysed.written.filter((word) => FIGURE.test(word));
  if (asked.length === 0) return false;
  const around = new Set(termsAround(index, passage));
  const figures = [...around].filter((term): term is string => term !== null && FIGURE.test(term));
  return figures.length > 0 && asked.some((word) => !around.has(normalizeTerm(word)));
}

/**
 * Whether the question names someone or something the corpus tells of in only a few passages
 * (RARE_NAME_PASSAGES) that the passage, its neighbours (NAME_REACH each side), its heading and its
 * article's title all leave unnamed, in any form: the passage tells of someone else ("What did George
 * Carlin send?" answered by a sentence about another protester two paragraphs from him).
 */
function namesSomeoneElsewhere(index: SearchIndex, passage: RankedPassage, analysed: ExpandedQuestion): boolean {
  const rare = analysed.names.filter((name) => {
    const passages = index.documentFrequency(name);
    return passages > 0 && passages <= RARE_NAME_PASSAGES && !passage.covered.has(name);
  });
  if (rare.length === 0) return false;
  const around = new Set(termsAround(index, passage, NAME_REACH));
  const { heading, articleId } = passage.passage;
  for (const text of [heading ?? '', index.article(articleId)?.title ?? '']) for (const term of normalizeText(text)) around.add(term);
  return rare.some((name) => !around.has(name));
}

/**
 * A name in at most this many passages singles out what the question is about, and must be named by
 * the passage or by one of NAME_REACH passages each side of it. Chosen on the SQuAD DEV split among
 * 1–5 and 1–2 (sweep in docs/performance.md): when chosen, each article alone, 403 → 457 of 2,445
 * unanswerable questions refused for hit@1 0.808 → 0.806; all 16 as one corpus, 319 → 372 for 0.811 → 0.808.
 */
const RARE_NAME_PASSAGES = 2;
const NAME_REACH = 2;

/** The index terms of a passage and of its paragraph neighbours (`reach` each side): what the gate's checks read. */
function termsAround(index: SearchIndex, passage: RankedPassage, reach = 1): (string | null)[] {
  const terms: (string | null)[] = [];
  for (const p of [passage.passage, ...index.neighboursOf(passage.passage, reach)]) {
    const words = index.wordsOf(p).terms;
    for (let at = 0; at < words.length; at++) terms.push(words.termAt(at));
  }
  return terms;
}

/** A figure written in digits: a year, a count, an amount. */
const FIGURE = /^\d{2,}$/;

/** Whether the best passage covers enough of the question to answer it. */
function isConfident(ranked: readonly RankedPassage[]): boolean {
  return (ranked[0]?.coverage ?? 0) >= MIN_COVERAGE;
}

/** The reference to an article that answers carry. */
export function articleRef(article: Article): ArticleRef {
  return { id: article.id, title: article.title, source: article.source, url: article.url, published: article.published };
}

function toAnswerPassage(quote: Quote, article: Article, wanted: ReadonlySet<string>): AnswerPassage {
  const text = article.body.slice(quote.start, quote.end);
  return {
    passageId: quote.lead.id,
    text,
    highlights: highlightsIn(text, wanted),
    article: articleRef(article),
    paragraph: quote.paragraph,
    heading: quote.lead.heading,
    start: quote.start,
    end: quote.end,
    score: Math.round(quote.score * 10_000) / 10_000,
  };
}

/** The words of a text whose index term is one of the wanted terms. */
export function highlightsIn(text: string, wanted: ReadonlySet<string>): Highlight[] {
  return tokenize(text)
    .filter((token) => wanted.has(normalizeTerm(token.text) ?? ''))
    .map((token) => ({ start: token.start, end: token.end }));
}
