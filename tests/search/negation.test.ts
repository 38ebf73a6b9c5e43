import { describe, expect, it } from 'vitest';
import { asksAboutAbsence, saysNot } from '../../src/search/negation.js';

const words = (text: string): string[] => text.toLowerCase().split(/\s+/);

describe('asksAboutAbsence', () => {
  it('reads a question about something not happening, contractions included', () => {
    expect(asksAboutAbsence(words('who did not sign'))).toBe(true);
    expect(asksAboutAbsence(words("what can't parliament decide"))).toBe(true);
    expect(asksAboutAbsence(words('who never voted'))).toBe(true);
  });

  it('is not fooled by "whether or not", "may or may not" and "not only"', () => {
    expect(asksAboutAbsence(words('whether or not the law passed'))).toBe(false);
    expect(asksAboutAbsence(words('what may or may not help'))).toBe(false);
    expect(asksAboutAbsence(words('who not only signed'))).toBe(false);
    expect(asksAboutAbsence(words('who signed the treaty'))).toBe(false);
  });
});

describe('saysNot', () => {
  it('finds negations, refusals, failures and negative prefixes in any form', () => {
    for (const text of [
      'he did not sign',
      "they didn't sign",
      'she refused to sign',
      'the refusal came late',
      'the vote failed',
      'a nonviolent march',
      'the author is unknown',
    ])
      expect(saysNot(words(text))).toBe(true);
  });

  it('finds nothing in a passage that only says what happened', () => {
    expect(saysNot(words('five ministers signed the treaty in geneva'))).toBe(false);
    expect(saysNot(words('the union met under the bridge'))).toBe(false);
  });
});
