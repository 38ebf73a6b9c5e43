import { describe, expect, it } from 'vitest';
import { kindMatch, traitsOf } from '../../src/search/traits.js';

const givesTime = (text: string): boolean => kindMatch(traitsOf(text), ['time']) === 1;

describe('traitsOf', () => {
  it.each([
    'Iran notified the Biden administration on Oct. 14 that it would not do so.',
    'The Normans conquered England in 1066.',
    'The abbey was rebuilt in the 1050s.',
    'The style spread in the 10th and 11th centuries.',
    'The city was founded around 300 BC.',
    'Talks resumed two weeks later.',
  ])('reads a time in %j', (text) => {
    expect(givesTime(text)).toBe(true);
  });

  it.each(['The committee approved the plan.', 'Seven officials attended the meeting.'])('reads no time in %j', (text) => {
    expect(givesTime(text)).toBe(false);
  });

  it('tells people, places and quantities apart', () => {
    expect(kindMatch(traitsOf('President Trump spoke in Washington.'), ['person', 'place'])).toBe(1);
    expect(kindMatch(traitsOf('Iran holds 182 kilograms of enriched uranium.'), ['quantity'])).toBe(1);
    expect(kindMatch(traitsOf('The talks ended quietly.'), ['quantity'])).toBe(0);
  });
});
