import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { NOT_ENGLISH_NOTICE } from '../../src/answer/answer-types.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { normalizeTerm, tokenizeWords } from '../../src/search/terms.js';
import { articleFrom, CORPUS_DIR, PUBLIC_QUESTIONS } from '../helpers.js';

const publicQuestions = (JSON.parse(readFileSync(PUBLIC_QUESTIONS, 'utf8')) as { questions: { q: string; gold: string[] }[] }).questions;
const answerable = publicQuestions.filter((q) => q.gold.length > 0).map((q) => q.q);

/** The question with one letter dropped from the middle of its rarest word (in the corpus) of five letters or more. */
function withTypo(question: string, index: SearchIndex): string {
  const words = tokenizeWords(question).filter((w) => w.length >= 5 && normalizeTerm(w) !== null);
  const rarest = words.sort((a, b) => index.documentFrequency(normalizeTerm(a) ?? '') - index.documentFrequency(normalizeTerm(b) ?? ''))[0];
  if (!rarest) return question;
  const at = Math.floor(rarest.length / 2);
  return question.replace(rarest, rarest.slice(0, at) + rarest.slice(at + 1));
}

describe('answers as people ask', () => {
  let index: SearchIndex;
  const first = (question: string, context?: string[]): string | undefined =>
    answer(index, question, context ? { context } : {}).passages[0]?.passageId;

  beforeAll(async () => {
    const corpus = await loadCorpus(CORPUS_DIR);
    index = SearchIndex.build(corpus.articles);
  });

  it('gives each public question the same first passage in capitals, with chat around it, and with a typo in its rarest word', () => {
    const variants = answerable.flatMap((q) => [q.toUpperCase(), `hey bot, ${q} lol??`, withTypo(q, index)].map((v) => [q, v] as const));
    const differing = variants.filter(([q, v]) => first(v) !== first(q) || first(q) === undefined);
    expect(differing.length / variants.length).toBeLessThanOrEqual(0.05);
  });

  it('reads two letters swapped in a word as one slip, like a letter left out, and a slip in a four-letter word', () => {
    expect(first('what would happen if iran attcaked trump')).toBe(first('what would happen if iran attacked trump'));
    expect(first('what would happen if iran attcked trump')).toBe(first('what would happen if iran attacked trump'));
    expect(first('who took the phto of biden and trump')).toBe(first('who took the photo of biden and trump'));
  });

  it('does not take one country for another because their words are near in meaning: Israel is not Iran', () => {
    expect(answer(index, 'what did the wsj say about israel').passages).toEqual([]);
    expect(answer(index, 'what did the wsj say about iran').passages[0]?.text).toContain('W.S.J.');
  });

  it('quotes the New York Times for the NYT, not the Daily Caller News Foundation', () => {
    expect(answer(index, 'what did the nyt report').passages[0]?.text).toContain('New York Times');
  });

  it('answers a self-contained question after three others exactly as when asked alone', () => {
    const earlier = ['How was Soleimani killed?', 'Who warned whom and when?', 'What did Richard Nephew say?'];
    for (const q of [
      'Who is Massoud Pezeshkian?',
      'Which allies could be affected by an escalation?',
      'Who makes the final decision in Iran?',
    ]) {
      expect(first(q, earlier)).toBe(first(q));
    }
  });

  it('says the articles are read in English when a question in another language finds nothing', () => {
    expect(answer(index, '¿Quién advirtió a Irán y cuándo?').notice).toBe(NOT_ENGLISH_NOTICE);
    expect(answer(index, 'Кто предупредил Иран?').notice).toBe(NOT_ENGLISH_NOTICE);
    expect(answer(index, 'Who invented the telephone?').notice).toBeUndefined();
  });

  it('says nothing answers a follow-up that nothing answers', () => {
    expect(answer(index, 'and the weather there?', { context: ['Where was Soleimani when he was killed?'] }).passages).toEqual([]);
  });
});

/** A question's first quoted passage (or '') from an article of these paragraphs. */
function firstQuoteIn(paragraphs: readonly string[]): (question: string) => string {
  const index = SearchIndex.build([articleFrom('fixture.md', paragraphs.join('\n\n'))]);
  return (question) => answer(index, question).passages[0]?.text ?? '';
}

describe('answers worded unlike the article', () => {
  it('reads a sentence with its paragraph: the quote lacks the words its neighbour holds', () => {
    const index = SearchIndex.build([
      articleFrom(
        'council.md',
        [
          'The city council approved a bike lane on Main Street on Monday. Construction will take six weeks.',
          'The council also discussed parking fees downtown, which several residents opposed at length.',
        ].join('\n\n'),
      ),
    ]);
    const [best] = answer(index, 'How long will the Main Street bike lane take to build?').passages;
    expect(best?.text).toContain('six weeks');
  });

  it('bridges wordings through the dictionary: bought ≈ purchased, began ≈ started, Parisian → Paris, numbers as words', () => {
    const best = firstQuoteIn([
      'The museum purchased the painting from a private collector for a record sum.',
      'The restoration work started in the spring and was finished before the opening.',
      'Several galleries in Paris lent drawings for the exhibition.',
      'The show ran for 3 months and drew large crowds.',
    ]);
    expect(best('Who bought the painting?')).toContain('purchased');
    expect(best('When did the restoration begin?')).toContain('started');
    expect(best('Which Parisian galleries lent drawings?')).toContain('Paris');
    expect(best('How long did the show run, three months?')).toContain('3 months');
  });

  it('bridges wordings no dictionary relates through word vectors: troops ≈ soldiers, car ≈ vehicle', () => {
    const best = firstQuoteIn([
      'The villagers crossed the old bridge at dawn on Friday.',
      'The soldiers crossed the old bridge at night on Tuesday.',
      'A bus was stopped at the border in March.',
      'A vehicle was stopped at the border in April.',
    ]);
    expect(best('When did the troops cross the old bridge?')).toContain('Tuesday');
    expect(best('When was the car stopped at the border?')).toContain('April');
  });

  it('finds a misspelt name, and one normal form per inflection family', () => {
    const index = SearchIndex.build([
      articleFrom('b.md', 'Massoud Pezeshkian traditionally avoided the press.\n\nOther leaders were getting more attention.'),
    ]);
    expect(answer(index, 'What did Pezeshkain avoid?').passages[0]?.text).toContain('Pezeshkian');
    expect(normalizeTerm('traditional')).toBe(normalizeTerm('traditionally'));
    expect(normalizeTerm('getting')).toBeNull();
    expect(normalizeTerm('three')).toBe(normalizeTerm('3'));
  });

  it('finds a word mistyped into another word’s stem, and a mistyped name', () => {
    const best = firstQuoteIn([
      'Those who disobey the law may be fined by the courts.',
      'Civil disobedience is the refusal to obey certain laws.',
      'Civil disobedience has a long history in many countries.',
      'Charles Parsons invented the steam turbine in Newcastle.',
    ]);
    // "disobeience" stems as "disobey" does, but is one slip from "disobedience".
    expect(best('what is civil disobeience')).toContain('Civil disobedience');
    expect(best('What did Chales Parsons invent?')).toContain('steam turbine');
  });

  it('reads an acronym of several words as all of them: "News" alone is not the NYT', () => {
    const local = SearchIndex.build([articleFrom('fire.md', 'The local news agency reported the fire on Friday.')]);
    expect(answer(local, 'What did the NYT report about the fire?').passages).toEqual([]);
    expect(answer(local, 'What did the news agency report about the fire?').passages[0]?.text).toContain('the fire');
  });

  it('reads an acronym the articles never use as the name they spell out, and a contraction as its word', () => {
    const best = firstQuoteIn([
      'The Presiding Officer of the Scottish Parliament sets the date of the vote.',
      'Members of the Scottish Parliament may not sit in the House of Lords.',
      'The Justice Department indicted three men on Friday.',
    ]);
    expect(best('Who sets the date of the vote in the SP?')).toContain('Presiding Officer');
    expect(best('Where may MSPs not sit?')).toContain('House of Lords');
    expect(best('Who sets the date of the vote in the XQ?')).toBe('');
    expect(normalizeTerm("who've")).toBeNull();
    expect(normalizeTerm("they'll")).toBeNull();
  });

  it('does not take a broader term or a whole for a name: "city" and "England" do not put Newcastle in an article', () => {
    const best = firstQuoteIn(['The first settlement in the city was recorded in 1803, when ships from England arrived at the port.']);
    expect(best('What was the first recorded settlement in Newcastle?')).toBe('');
    expect(best('What was the first recorded settlement in the city?')).toContain('1803');
    // A short name typed with a letter missing is still found: the bound is the word as typed, not its stem.
    expect(firstQuoteIn(['The New York Times reported the message first.'])('Which paper did the New York Tmes quote?')).toContain('Times');
  });

  it('refuses a question about a name the articles lack however it is typed, and answers it when they have it', () => {
    const best = firstQuoteIn(['The president said on Monday that the talks with the officials would resume in the spring.']);
    expect(best('What did Putin say about the talks?')).toBe('');
    expect(best('what did putin say about the talks')).toBe('');
    expect(best('what did the president of france say about the talks')).toBe('');
    // Two words that only together are a name, typed in lower case.
    expect(best('what did the white house say about the talks')).toBe('');
    expect(
      firstQuoteIn(['The White House said on Monday that the talks would resume in the spring.'])(
        'what did the white house say about the talks',
      ),
    ).toContain('spring');
    expect(best('what did the president say about the talks')).toContain('resume');
    expect(
      firstQuoteIn(['Putin said on Monday that the talks would resume in the spring.'])('what did putin say about the talks'),
    ).toContain('spring');
  });

  it('answers a question with a rare word the articles lack when the passage says it otherwise, and only then', () => {
    const best = firstQuoteIn([
      'General Ney led the attack on the fortress in 1805.',
      'The fortress was rebuilt by engineers in stone a decade later.',
    ]);
    expect(best('Who spearheaded the attack on the fortress?')).toContain('General Ney led');
    expect(best('Which oxidative attack hit the fortress?')).toBe('');
  });

  it('offers the nearest passages as closest, apart, when nothing quite answers', () => {
    const index = SearchIndex.build([
      articleFrom('c.md', 'The bridge over the river was closed for repairs in May.\n\nThe mayor opened a new library downtown in June.'),
    ]);
    const middling = answer(index, 'When was the bridge demolished by the army?');
    expect(middling.passages).toEqual([]);
    expect(middling.closest?.map((p) => p.text)).toEqual(['The bridge over the river was closed for repairs in May.']);
    expect(answer(index, 'Why was the tunnel under the sea flooded by engineers?').closest).toBeUndefined();
  });
});

describe('questions about what did not happen', () => {
  it('does not answer "who did not …?" with a passage saying who did, and quotes the one saying who refused', () => {
    const index = SearchIndex.build([
      articleFrom('treaty.md', 'Five ministers signed the trade treaty in Geneva on Friday.\n\nThe talks ended with a dinner at the lake.'),
    ]);
    const asked = answer(index, "Which minister didn't sign the trade treaty?");
    expect(asked.passages).toEqual([]);
    expect(asked.closest?.[0]?.text).toContain('Five ministers signed');
    const refused = firstQuoteIn([
      'Five ministers signed the trade treaty in Geneva on Friday.',
      'The minister of Norway refused to sign the trade treaty until the fishing rules change.',
    ]);
    expect(refused('Which minister did not sign the trade treaty?')).toContain('refused to sign');
    expect(refused('Who signed the trade treaty, whether or not they liked it?')).toContain('Five ministers signed');
  });
});

describe('questions naming someone', () => {
  it('does not answer with a passage about someone else, far from the one the question names', () => {
    const fixture = [
      'Maria Alvarez founded the bakery on Elm Street in 1998. She later opened a second shop near the station.',
      'The council praised the bakery for hiring apprentices from the town.',
      'At the ceremony, the mayor Tomas Brennan handed out the awards.',
    ];
    const index = SearchIndex.build([articleFrom('bakery.md', fixture.join('\n\n'))]);
    const someoneElse = answer(index, 'When did Tomas Brennan open a second shop near the station?');
    expect(someoneElse.passages).toEqual([]);
    expect(someoneElse.closest?.[0]?.text).toContain('second shop');
    expect(answer(index, 'When did Maria Alvarez open a second shop near the station?').passages[0]?.text).toContain('second shop');
    expect(answer(index, 'What did Tomas Brennan hand out at the ceremony?').passages[0]?.text).toContain('awards');
  });
});

describe('questions naming a year or a figure', () => {
  it('does not answer with a passage that gives another year, and answers with the one that gives the asked year', () => {
    const fixture = [
      'The city council approved the bike lane on Main Street in 2021 after a long debate.',
      'The harbour museum reopened to visitors in 2019, when the storm repairs were finished.',
    ];
    const index = SearchIndex.build([articleFrom('council.md', fixture.join('\n\n'))]);
    const otherYear = answer(index, 'When did the city council approve the bike lane in 2019?');
    expect(otherYear.passages).toEqual([]);
    expect(otherYear.closest?.[0]?.text).toContain('in 2021');
    expect(answer(index, 'What did the city council approve in 2021?').passages[0]?.text).toContain('bike lane');
    // A count written as a word is how the question asks, not a figure the passage must repeat.
    expect(answer(index, 'Which two things did the city council approve?').passages[0]?.text).toContain('bike lane');
  });
});
