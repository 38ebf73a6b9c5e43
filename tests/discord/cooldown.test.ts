import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';

describe('Cooldown', () => {
  it('allows up to the limit within the window, then refuses until the oldest use expires', () => {
    let now = 1_000_000;
    const cooldown = new Cooldown({ limit: 2, windowMs: 30_000, now: () => now });
    expect(cooldown.take('u').ok).toBe(true);
    now += 1_000;
    expect(cooldown.take('u').ok).toBe(true);
    expect(cooldown.take('u')).toEqual({ ok: false, retryAt: new Date(1_030_000) });
    now = 1_030_001;
    expect(cooldown.take('u').ok).toBe(true);
  });
  it('counts each user separately', () => {
    const cooldown = new Cooldown({ limit: 1, windowMs: 1_000, now: () => 0 });
    expect(cooldown.take('a').ok).toBe(true);
    expect(cooldown.take('b').ok).toBe(true);
    expect(cooldown.take('a').ok).toBe(false);
  });
  it('rejects a limit that is not a positive integer', () => {
    expect(() => new Cooldown({ limit: 0, windowMs: 1 })).toThrow(/positive integer/);
  });
});
