import { LIMITS, cutOnWord } from './render-text.js';
import { messageBody, type MessageBody } from './render-message.js';

/** Ephemeral notice for an expected failure (UserError) or any short reply. */
export function renderNotice(text: string): MessageBody {
  return messageBody(cutOnWord(text, LIMITS.content));
}

/** What the user sees when a handler fails unexpectedly; the id finds the log entry. */
export function renderFailure(errorId: string): MessageBody {
  return messageBody(
    `Something went wrong (error id \`${errorId}\`). Try again in a moment; if it keeps failing, give this id to the bot's admin.`,
  );
}

/** Cooldown refusal with a live Discord timestamp ("in 12 seconds"). */
export function cooldownMessage(retryAt: Date, limit: number, windowMs: number): string {
  return `You are asking too fast (at most ${limit} questions per ${Math.round(windowMs / 1000)} seconds). Try again <t:${Math.ceil(retryAt.getTime() / 1000)}:R>.`;
}
