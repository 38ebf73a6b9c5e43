import { describe, expect, it } from 'vitest';
import { questionText } from '../../src/search/chat-text.js';

describe('questionText', () => {
  it('drops greetings, addressing the bot, politeness, laughter and repeated punctuation', () => {
    expect(questionText('hey bot, who warned whom and when? lol??')).toBe('who warned whom and when?');
    expect(questionText('can you pls tell me who makes the final decision in Iran?')).toBe('who makes the final decision in Iran?');
    expect(questionText('I was wondering, when did Biden meet Trump?')).toBe('when did Biden meet Trump?');
    expect(questionText('who is pezeshkian, bot?')).toBe('who is pezeshkian?');
  });

  it('drops mentions, custom emoji, emoji, emoticons, links and markdown', () => {
    expect(questionText('<@1234> **how was Soleimani killed** 😂😂 <:pepe:987654>')).toBe('how was Soleimani killed');
    expect(questionText('`who` said it :) https://example.com/x')).toBe('who said it');
  });

  it('writes chat shorthand out and reads a question in capitals lower-cased', () => {
    expect(questionText('ok so wat did u say abt the deal')).toBe('what did you say about the deal');
    expect(questionText('WHO WARNED WHOM AND WHEN')).toBe('who warned whom and when');
    expect(questionText('when did iran send the msg')).toBe('when did iran send the message');
    expect(questionText('is he gonna let them, dont they care')).toBe('is he going to let them, do not they care');
  });

  it('drops hearsay before a claim and a tag asking to confirm it, and keeps them where they are the question', () => {
    expect(questionText('i heard iran promised not to go after trump, true?')).toBe('iran promised not to go after trump?');
    expect(questionText('Is it true that Iran sent a message?')).toBe('Iran sent a message?');
    expect(questionText('did iran send a message or not?')).toBe('did iran send a message?');
    expect(questionText('apparently trump won, is that so?')).toBe('trump won?');
    expect(questionText('who read the statement?')).toBe('who read the statement?');
    expect(questionText('Which is true?')).toBe('Which is true?');
  });

  it('keeps "bot" where it is a word of the question, and a question made only of chat as typed', () => {
    expect(questionText('Who was the boss of the bot company?')).toBe('Who was the boss of the bot company?');
    expect(questionText('lol')).toBe('lol');
  });
});
