import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/passages/sentences.js';

const sentencesOf = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('keeps "Oct. 14" inside its sentence', () => {
    const text =
      'Iran notified the Biden administration through similar channels on Oct. 14 that it would not do so, officials said. Then it waited.';
    expect(sentencesOf(text)).toEqual([
      'Iran notified the Biden administration through similar channels on Oct. 14 that it would not do so, officials said.',
      'Then it waited.',
    ]);
  });

  it('does not split after titles such as Maj. Gen. and Mr.', () => {
    const text = 'A drone strike killed Maj. Gen. Qassim Suleimani in 2020. Mr. Pezeshkian promised to revive the economy.';
    expect(sentencesOf(text)).toEqual([
      'A drone strike killed Maj. Gen. Qassim Suleimani in 2020.',
      'Mr. Pezeshkian promised to revive the economy.',
    ]);
  });

  it('does not split after initialisms such as U.S. and W.S.J.', () => {
    const text = 'U.S. officials told the W.S.J. Iran would stop. The U.S. President met him in Washington, DC, on Nov. 13.';
    expect(sentencesOf(text)).toEqual([
      'U.S. officials told the W.S.J. Iran would stop.',
      'The U.S. President met him in Washington, DC, on Nov. 13.',
    ]);
  });

  it('keeps a quotation with its attribution and splits before an opening quote', () => {
    const text = 'It may work. “But no one should joke about it.” [deal],” a former official told the Journal.';
    expect(sentencesOf(text)).toEqual(['It may work.', '“But no one should joke about it.” [deal],” a former official told the Journal.']);
  });

  it('does not split before a lower-case word', () => {
    expect(sentencesOf('It would be severely punished. considered act of war.')).toHaveLength(1);
  });

  it('returns offsets that slice the text exactly, without surrounding space', () => {
    const text = '  First one here.   Second one here.  ';
    expect(splitSentences(text)).toEqual([
      { start: 2, end: 17 },
      { start: 20, end: 36 },
    ]);
  });
});
