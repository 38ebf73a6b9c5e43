import { describe, expect, it } from 'vitest';
import { MESSAGE_QUESTION_CHARS, questionFromMessage } from '../../src/discord/message-question.js';
import type { WordRarity } from '../../src/facts/same-event.js';
import { normalizeText } from '../../src/search/terms.js';

/** Rarity over a few passages, by the engine's own terms. */
function rarityOver(passages: readonly string[]): WordRarity {
  const frequency = new Map<string, number>();
  for (const p of passages) for (const term of new Set(normalizeText(p))) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  return { documents: passages.length, frequency };
}

const RARITY = rarityOver([
  'Iran told the United States it would not try to assassinate Trump.',
  'Iran sent a message through an intermediary.',
  'The Biden administration warned Iran in September.',
  'Officials said Iran would face consequences.',
]);

describe('questionFromMessage', () => {
  it('keeps a short message as it is, without mentions, emoji, links and markdown', () => {
    expect(
      questionFromMessage(
        '<@123456789012345678> **Iran** said it will never negotiate with Trump <:lol:987654321> https://x.example/a',
        RARITY,
      ),
    ).toBe('Iran said it will never negotiate with Trump');
    expect(questionFromMessage('> did Iran ~~really~~ promise that?', RARITY)).toBe('did Iran really promise that?');
  });

  it('has no question for a message without words', () => {
    expect(questionFromMessage('', RARITY)).toBeNull();
    expect(questionFromMessage('<:lol:987654321> https://cdn.example/cat.png 🎉', RARITY)).toBeNull();
  });

  it('reduces a long message to its sentences with the rarest words of the articles, in their order', () => {
    const chatter = 'I was reading the news over breakfast this morning and my coffee went cold while I scrolled. ';
    const message = `${chatter.repeat(2)}Apparently Iran promised it would not assassinate Trump. ${chatter}Also the Biden administration warned Iran. ${chatter}`;
    const question = questionFromMessage(message, RARITY, 120);
    expect(question).toBe('Apparently Iran promised it would not assassinate Trump. Also the Biden administration warned Iran.');
  });

  it('cuts a single overlong sentence on a word to the budget', () => {
    const question = questionFromMessage(`Iran ${'assassinate '.repeat(60)}Trump`, RARITY);
    expect(question!.length).toBeLessThanOrEqual(MESSAGE_QUESTION_CHARS);
    expect(question).toMatch(/^Iran assassinate .* assassinate$/);
  });
});
