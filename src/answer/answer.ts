import type { Article } from '../corpus/article.js';
import { analyseQuestion } from '../search/question.js';
import { CANDIDATE_POSTINGS_BUDGET, type RankedPassage } from '../search/rank.js';
import type { SearchIndex } from '../search/search-index.js';
import { normalizeTerm, tokenize } from '../search/terms.js';
import type { Answer, AnswerOptions, AnswerPassage, ArticleRef, Highlight } from './answer-types.js';
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
export const MIN_COVERAGE = 0.38;
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
 * their sources and the matched words; no passages when nothing in the corpus answers it.
 */
export function answer(index: SearchIndex, question: string, options: AnswerOptions = {}): Answer {
  const started = performance.now();
  const asked = validateQuestion(question);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const analysed = analyseQuestion(asked, options.context);
  let ranked = index.search(analysed, options.articleId);
  // The first pass gathers candidates with rare terms only (see CANDIDATE_POSTINGS_BUDGET); when it
  // finds nothing that covers the question and the corpus is big enough for terms to have been left
  // out, a second pass with a wider budget looks again. Only hard or unanswerable questions pay for it.
  if (!isConfident(ranked) && index.passageCount > CANDIDATE_POSTINGS_BUDGET) {
    ranked = index.search(analysed, options.articleId, CANDIDATE_POSTINGS_BUDGET * WIDER_SEARCH_FACTOR);
  }
  const best = ranked[0];
  const relevant =
    best && isConfident(ranked)
      ? ranked.filter((r) => r === best || (r.coverage >= MIN_COVERAGE_OTHERS && r.score >= MIN_RELATIVE_SCORE * best.score))
      : [];
  const wanted = new Set(analysed.terms.map((t) => t.term));
  const passages = assembleQuotes(relevant, limit, ranked).flatMap((quote) => {
    const article = index.article(quote.articleId);
    return article ? [toAnswerPassage(quote, article, wanted)] : [];
  });
  return { question: asked, passages, tookMs: performance.now() - started };
}

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
