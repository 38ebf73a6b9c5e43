import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleFeedPolls } from '../../src/feeds/feed-schedule.js';
import type { FeedPollResult } from '../../src/feeds/feeds.js';

describe('scheduleFeedPolls', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls at once, then every interval after the previous round ended, until stopped; a failing round is not fatal', async () => {
    let rounds = 0;
    const feeds = {
      poll: async (): Promise<FeedPollResult[]> => {
        rounds++;
        if (rounds === 2) throw new Error('disk full');
        return [];
      },
    };
    const schedule = scheduleFeedPolls(feeds, 30);
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds).toBe(1);
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(rounds).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rounds).toBe(2);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(rounds).toBe(3);
    schedule.stop();
    await vi.advanceTimersByTimeAsync(120 * 60_000);
    expect(rounds).toBe(3);
  });
});
