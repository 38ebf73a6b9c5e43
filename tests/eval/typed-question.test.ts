import { describe, expect, it } from 'vitest';
import { typedInChat } from '../../src/eval/typed-question.js';

describe('a question typed as in a chat (the eval’s typed way)', () => {
  it('is lower-cased, with one letter dropped from the middle of its longest word', () => {
    expect(typedInChat('Who headed the Niagara Falls Cataract Construction Company?')).toBe(
      'who headed the niagara falls cataract constrction company?',
    );
    expect(typedInChat('Who is he?')).toBe('who is he?');
  });
});
