import { MAX_QUESTION_CHARS, QuestionError, validateQuestion as validateDomainQuestion } from '../answer/answer.js';
import type { Library } from '../library/library-types.js';
import type { Cooldown } from './cooldown.js';
import type { AnswerView } from './render-answer.js';
import { cooldownMessage } from './render-notices.js';
import { UserError } from './user-error.js';

/** Longest question accepted (characters): the domain's rule, shown to Discord as the option's limit. */
export const MAX_QUESTION = MAX_QUESTION_CHARS;
/** Passages per page when the user does not say. */
export const DEFAULT_RESULTS = 3;
/** At most this many earlier questions of a thread are passed as context. */
export const MAX_CONTEXT = 10;

/**
 * Normalises whitespace and applies the domain's question rules (the same as the console's and the
 * CLI's), turning a refusal into a UserError the user sees.
 */
export function validateQuestion(raw: string): string {
  try {
    return validateDomainQuestion(raw.replace(/\s+/g, ' '));
  } catch (error) {
    if (error instanceof QuestionError) throw new UserError(error.message);
    throw error;
  }
}

/** Counts one question against the user's cooldown, or refuses with when to retry. */
export function takeQuestion(cooldown: Cooldown, userId: string): void {
  const result = cooldown.take(userId);
  if (!result.ok) throw new UserError(cooldownMessage(result.retryAt, cooldown.limit, cooldown.windowMs));
}

/** What to ask the library for one page. */
export interface PageRequest {
  readonly question: string;
  readonly page: number;
  readonly limit: number;
  readonly sourceId: string | null;
  /** Earlier questions of the thread, oldest first. */
  readonly context: readonly string[];
}

/** Asks the library for one page of passages (one more than shown, to know whether "More" applies). */
export function answerPage(library: Library, request: PageRequest): AnswerView {
  const source = request.sourceId === null ? null : (library.sources().find((s) => s.article.id === request.sourceId)?.article ?? null);
  if (request.sourceId !== null && !source) {
    throw new UserError(
      `No article has the id "${request.sourceId}". Pick one from the list that appears as you type in \`source\`, or see /sources.`,
    );
  }
  const first = request.page * request.limit;
  const answer = library.answer(request.question, {
    limit: first + request.limit + 1,
    ...(source ? { articleId: source.id } : {}),
    context: request.context.slice(-MAX_CONTEXT),
  });
  return {
    question: request.question,
    passages: answer.passages.slice(first, first + request.limit),
    ...(request.page === 0 && answer.closest ? { closest: answer.closest } : {}),
    ...(answer.notice ? { note: answer.notice } : {}),
    facts: answer.facts,
    reports: answer.reports,
    factsPending: answer.factsPending === true,
    page: request.page,
    limit: request.limit,
    hasMore: answer.passages.length > first + request.limit,
    source,
  };
}
