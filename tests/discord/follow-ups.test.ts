import { describe, expect, it } from 'vitest';
import { stripBotMention } from '../../src/discord/follow-ups.js';

describe('stripBotMention', () => {
  it('removes both mention forms of the bot and leaves other mentions', () => {
    expect(stripBotMention('<@42> when was that? <@!42> <@7>', '42').replace(/\s+/g, ' ').trim()).toBe('when was that? <@7>');
  });
});
