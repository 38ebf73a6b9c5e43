import { REST, type Client, type InternalRequest, type ResponseLike, type RESTOptions } from 'discord.js';

/*
 * Discord's global limit (50 requests a second) is on what a bot does with its token. Interaction
 * callbacks, and the interaction webhooks that answer edits and follow-ups go to, are outside it
 * (developer docs, "Rate Limits → Global Rate Limit": interaction endpoints are not bound to it),
 * and discord.js sends them without the token (`auth: false`). But @discordjs/rest counts every
 * request but the callback against its client-side copy of the global limit, so at 50 questions a
 * second the answers queued behind each other and behind thread creation.
 */
const INTERACTION_ROUTE = /^\/(?:interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+)(?:\/|$)/;

/** Interaction webhooks come and go with every question: sweep their idle queues every minute, not every hour. */
const INTERACTION_HANDLER_SWEEP_MS = 60_000;

/**
 * The client's REST manager, with interaction responses (callbacks, edits, follow-ups, deletes)
 * sent through a second manager that keeps their per-route limits (from Discord's headers) but
 * no global budget, so answers never wait behind the bot's own calls or each other. Everything
 * the bot does with its token still goes through the 50-a-second global budget.
 */
export class InteractionAwareRest extends REST {
  private readonly interactions: REST;

  constructor(options: Partial<RESTOptions>) {
    super(options);
    this.interactions = new REST({
      ...options,
      globalRequestsPerSecond: Number.POSITIVE_INFINITY,
      handlerSweepInterval: INTERACTION_HANDLER_SWEEP_MS,
    });
  }

  override queueRequest(request: InternalRequest): Promise<ResponseLike> {
    if (request.auth === false && INTERACTION_ROUTE.test(request.fullRoute)) return this.interactions.queueRequest(request);
    return super.queueRequest(request);
  }

  override clearHashSweeper(): void {
    super.clearHashSweeper();
    this.interactions.clearHashSweeper();
  }

  override clearHandlerSweeper(): void {
    super.clearHandlerSweeper();
    this.interactions.clearHandlerSweeper();
  }
}

/** Gives the client an InteractionAwareRest (before login: discord.js sets the token on `client.rest` then). */
export function useInteractionAwareRest(client: Client): void {
  // The manager discord.js made is dropped: stop its sweep timers.
  client.rest.clearHashSweeper();
  client.rest.clearHandlerSweeper();
  client.rest = new InteractionAwareRest(client.options.rest ?? {});
}
