import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { MessageBody } from './render-message.js';
import { renderFailure, renderNotice } from './render-notices.js';
import { UserError } from './user-error.js';

/**
 * The one error boundary around every handler. A UserError is shown as is; anything else is logged
 * with a short random id and the user gets "Something went wrong (error id …)". Never throws: one
 * bad interaction must not take the process down.
 * `tell` delivers a message to the user (ephemeral for interactions, a reply for thread messages).
 */
export async function withErrorBoundary(
  logger: Logger,
  context: Record<string, unknown>,
  tell: (body: MessageBody) => Promise<unknown>,
  handler: () => Promise<void>,
): Promise<void> {
  try {
    await handler();
  } catch (error) {
    let body: MessageBody;
    if (error instanceof UserError) {
      logger.debug({ ...context, reason: error.message }, 'refused a request');
      body = renderNotice(error.message);
    } else {
      const errorId = randomBytes(4).toString('hex');
      logger.error({ ...context, err: error, errorId }, 'handler failed');
      body = renderFailure(errorId);
    }
    try {
      await tell(body);
    } catch (tellError) {
      // E.g. the interaction expired; nothing more can reach the user.
      logger.warn({ ...context, err: tellError }, 'could not tell the user about an error');
    }
  }
}
