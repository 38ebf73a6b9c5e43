import { describe, expect, it } from 'vitest';
import { analyseQuestion, kindsOf, SYNONYM_WEIGHT } from '../../src/search/question.js';
import { normalizeTerm, normalizeText } from '../../src/search/terms.js';

describe('kindsOf', () => {
  it.each([
    ['Who warned whom and when?', ['person', 'time']],
    ['Where was Soleimani killed?', ['place']],
    ['How much enriched material does Iran have?', ['quantity']],
    ['How was Soleimani killed?', ['manner']],
    ['What year did it happen?', ['time']],
    ['On what day did the talks end?', ['time']],
    ['In which century was the castle built?', ['time']],
    ['What percentage of voters stayed home?', ['quantity']],
    ['How tall is the tower?', ['quantity']],
    ['Which city hosted the summit?', ['place']],
    ['Why did Iran change course?', ['reason']],
    ['Iran message', []],
  ])('reads %j as asking for %j', (question, kinds) => {
    expect(kindsOf(question)).toEqual(kinds);
  });
});

describe('analyseQuestion', () => {
  it('drops stop words and question words and stems the rest', () => {
    expect(
      analyseQuestion('Who was indicted by the Justice Department?')
        .terms.filter((t) => !t.synonym)
        .map((t) => t.term),
    ).toEqual(['indict', 'justic', 'depart']);
  });

  it('adds synonyms and aliases with a damped weight, phrases included', () => {
    const terms = analyseQuestion('What did the WSJ report?').terms;
    expect(terms.find((t) => t.term === 'wsj')?.weight).toBe(1);
    for (const word of ['wall', 'street', 'journal']) {
      expect(terms.find((t) => t.term === normalizeTerm(word))).toMatchObject({ weight: SYNONYM_WEIGHT, synonym: true, origins: ['wsj'] });
    }
  });

  it('reads a lower-case slip of a stop word as that word, never as a rare word of its own', () => {
    expect([...analyseQuestion('was he fined becuase of the protest').origins.keys()]).toEqual(['fine', 'protest']);
    expect([...analyseQuestion('who put himelf at the mercy of the court').origins.keys()]).toEqual(['put', 'merci', 'court']);
    // A name or a dictionary word stays as typed.
    expect([...analyseQuestion('who is Thier').origins.keys()]).toEqual(['thier']);
  });

  it('keeps the initialism U.S. apart from the pronoun "us"', () => {
    expect(normalizeTerm('U.S.')).toBe('us');
    expect(normalizeTerm('us')).toBeNull();
  });

  it('keeps a letter hyphened to a word as one word, so "X-rays" is not "rays"', () => {
    expect(normalizeText('When were X-rays discovered?')).toEqual([normalizeTerm('x-ray'), normalizeTerm('discovered')]);
    expect(normalizeText('an e-mail')).toEqual([normalizeTerm('e-mail')]);
    expect(normalizeText('long-range missiles')).toEqual(['long', 'rang', 'missil']);
  });

  it('maps irregular forms before stemming, so "told" meets "tell"', () => {
    expect(normalizeTerm('told')).toBe(normalizeTerm('tell'));
    expect(normalizeTerm('reportedly')).toBe(normalizeTerm('reported'));
  });

  it('gives earlier questions a smaller weight and judges coverage on the new question’s own terms', () => {
    const analysed = analyseQuestion('What did Nephew say?', ['Who warned Iran?']);
    expect(analysed.terms.find((t) => t.term === 'warn')?.weight).toBe(0.5);
    expect([...analysed.origins.keys()]).toEqual(['nephew', 'sai']);
  });

  it('judges a follow-up without words of its own on the earlier question', () => {
    expect([...analyseQuestion('When was that?', ['Who warned Iran?']).origins.keys()]).toEqual(['warn', 'iran']);
  });
});
