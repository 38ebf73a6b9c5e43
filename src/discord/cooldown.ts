/** The outcome of `Cooldown.take`: allowed, or refused until `retryAt`. */
export type CooldownResult = { readonly ok: true } | { readonly ok: false; readonly retryAt: Date };

/** Options of a Cooldown; `now` is injectable so tests need no timers. */
export interface CooldownOptions {
  /** Questions allowed per window and user. */
  readonly limit: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/**
 * Per-user sliding-window rate limit (e.g. 5 questions per 30 s), in memory: a restart forgets it,
 * which is fine for a courtesy limit.
 */
export class Cooldown {
  /** Questions allowed per window and user. */
  readonly limit: number;
  readonly windowMs: number;
  readonly #now: () => number;
  readonly #uses = new Map<string, number[]>();

  constructor(options: CooldownOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1)
      throw new RangeError(`Cooldown limit must be a positive integer, got ${options.limit}`);
    if (!(options.windowMs > 0)) throw new RangeError(`Cooldown windowMs must be positive, got ${options.windowMs}`);
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Records one use by `userId` when allowed; a refused use is not recorded. */
  take(userId: string): CooldownResult {
    const now = this.#now();
    const recent = (this.#uses.get(userId) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      // The oldest use in the window is the first to expire.
      const oldest = recent[0] ?? now;
      this.#uses.set(userId, recent);
      return { ok: false, retryAt: new Date(oldest + this.windowMs) };
    }
    recent.push(now);
    this.#uses.set(userId, recent);
    return { ok: true };
  }
}
