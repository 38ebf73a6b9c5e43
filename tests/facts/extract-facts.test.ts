import { beforeAll, describe, expect, it } from 'vitest';
import { extractFacts, factsOfPassage } from '../../src/facts/extract-facts.js';
import type { FoundFact } from '../../src/facts/fact-types.js';
import { mergeFacts } from '../../src/facts/merge-facts.js';
import { DAILY_CALLER, EXPLAINER, passageWith, seedArticle, sentencePassages } from './seed-corpus.js';

const named = (facts: readonly FoundFact[], text: string): FoundFact | undefined => facts.find((f) => f.text === text);

beforeAll(() => {
  extractFacts('Warm-up: compromise loads its lexicon on first use.', null);
});

describe('extractFacts: names', () => {
  it('extracts Maj. Gen. Qassim Suleimani as a person normalized to Qassem Soleimani', () => {
    const facts = extractFacts('In January 2020, a U.S. drone strike killed Maj. Gen. Qassim Suleimani, a key figure.', null);
    expect(named(facts, 'Maj. Gen. Qassim Suleimani')).toMatchObject({ kind: 'person', normalized: 'Qassem Soleimani' });
  });

  it('normalizes the other spelling and the surname alone to the same person', () => {
    const text = 'to avenge Trump’s assassination of top Iranian general Qassem Soleimani. ultimately killing Soleimani with a drone';
    const people = extractFacts(text, null).filter((f) => f.kind === 'person');
    expect(people.filter((f) => f.normalized === 'Qassem Soleimani').map((f) => f.text)).toEqual(['Qassem Soleimani', 'Soleimani']);
  });

  it('finds Massoud Pezeshkian where the library misses him, and Mr. Pezeshkian as the same person', () => {
    const text =
      'Iran’s recently elected president, Massoud Pezeshkian, is said to be more moderate. Mr. Pezeshkian promised to revive Iran’s struggling economy.';
    const facts = extractFacts(text, null);
    expect(named(facts, 'Massoud Pezeshkian')).toMatchObject({ kind: 'person', normalized: 'Massoud Pezeshkian' });
    expect(named(facts, 'Mr. Pezeshkian')).toMatchObject({ kind: 'person', normalized: 'Massoud Pezeshkian' });
  });

  it('extracts Ali Khamenei and Richard Nephew as people', () => {
    expect(
      named(extractFacts('Still, the final decision will be made by Iran’s supreme leader, Ali Khamenei.', null), 'Ali Khamenei'),
    ).toMatchObject({
      kind: 'person',
      normalized: 'Ali Khamenei',
    });
    expect(named(extractFacts('former U.S. official Richard Nephew told the Journal.', null), 'Richard Nephew')).toMatchObject({
      kind: 'person',
      normalized: 'Richard Nephew',
    });
  });

  it('shows titles as written but keeps them out of the canonical name', () => {
    const text = 'U.S. President Joe Biden meets with U.S. President-elect Donald Trump. President Trump took a tough approach.';
    const people = extractFacts(text, null).filter((f) => f.kind === 'person');
    expect(people.map((f) => [f.text, f.normalized])).toEqual([
      ['President Joe Biden', 'Joe Biden'],
      ['President-elect Donald Trump', 'Donald Trump'],
      ['President Trump', 'Donald Trump'],
    ]);
  });

  it('takes the name written after a title as a person, even one the libraries do not know', () => {
    const facts = extractFacts('Foreign Minister Abbas Araghchi met the envoy.', null);
    expect(named(facts, 'Foreign Minister Abbas Araghchi')).toMatchObject({ kind: 'person', normalized: 'Abbas Araghchi' });
  });

  it('recognizes organisations under their variants', () => {
    const text =
      'a U.S. official told The Wall Street Journal. said W.S.J. Nephew told the Journal. The Justice Department and the Department of Justice.';
    const orgs = extractFacts(text, null).filter((f) => f.kind === 'org');
    expect(orgs.map((f) => [f.text, f.normalized])).toEqual([
      ['The Wall Street Journal', 'The Wall Street Journal'],
      ['W.S.J.', 'The Wall Street Journal'],
      ['the Journal', 'The Wall Street Journal'],
      ['Justice Department', 'Justice Department'],
      ['Department of Justice', 'Justice Department'],
    ]);
  });

  it('names places without possessives or brackets, U.S. as the United States', () => {
    const text = 'Iran’s message to the United States and U.S.-Iran relations, killing him while in Iraq. [Iran nuclear deal]';
    const places = extractFacts(text, null).filter((f) => f.kind === 'place');
    expect(places.map((f) => [f.text, f.normalized])).toEqual([
      ['Iran', 'Iran'],
      ['United States', 'United States'],
      ['U.S.', 'United States'],
      ['Iran', 'Iran'],
      ['Iraq', 'Iraq'],
      ['Iran', 'Iran'],
    ]);
  });
});

describe('extractFacts: dates', () => {
  const oct14 = 'Iran notified the Biden administration through similar channels on Oct. 14 that it would not do so, officials said.';

  it('resolves Oct. 14 in an article of 2024-11 to 2024-10-14 and says so', () => {
    expect(named(extractFacts(oct14, '2024-11'), 'Oct. 14')).toMatchObject({
      kind: 'date',
      normalized: '2024-10-14',
      note: "≈ 2024-10-14, from 'Oct. 14' in an article of 2024-11",
    });
  });

  it('keeps Oct. 14 as written when the publication date is unknown', () => {
    const fact = named(extractFacts(oct14, null), 'Oct. 14');
    expect(fact).toMatchObject({ kind: 'date' });
    expect(fact?.normalized).toBeUndefined();
    expect(fact?.note).toBeUndefined();
  });

  it("keeps 'Just last week' as written when the publication date is unknown", () => {
    const text = 'Just last week, the Justice Department indicted three people for their roles in a plot to kill President Trump.';
    const fact = named(extractFacts(text, null), 'Just last week');
    expect(fact).toMatchObject({ kind: 'date', start: 0, end: 14 });
    expect(fact?.normalized).toBeUndefined();
  });

  it("resolves 'last month' in an article of 2024-11 to 2024-10", () => {
    const text = 'Iran reportedly delivered a surprising message to the United States last month: Iran will no longer attempt it.';
    expect(named(extractFacts(text, '2024-11'), 'last month')).toMatchObject({
      normalized: '2024-10',
      note: "≈ 2024-10, from 'last month' in an article of 2024-11",
    });
  });

  it('gives exact dates their ISO form without a note, whatever the publication date', () => {
    const text =
      'Biden meets Trump on November 13, 2024. In January 2020, a U.S. drone strike killed him. Since 2020, Iran has attempted several times to kill President Trump.';
    const dates = extractFacts(text, null).filter((f) => f.kind === 'date');
    expect(dates.map((f) => [f.text, f.normalized, f.note])).toEqual([
      ['November 13, 2024', '2024-11-13', undefined],
      ['In January 2020', '2020-01', undefined],
      ['Since 2020', '2020', undefined],
    ]);
  });

  it('shows relative dates as written, with what qualifies them', () => {
    const text =
      'Months before the election, U.S. officials had warned Iran. The warning in September was strong. Trump has said in recent weeks that he is prepared.';
    expect(
      extractFacts(text, null)
        .filter((f) => f.kind === 'date')
        .map((f) => f.text),
    ).toEqual(['Months before the election', 'in September', 'in recent weeks']);
  });

  it('does not take lower-case month or weekday words for dates', () => {
    expect(extractFacts('Protesters march through Tehran; the sat phone rang now.', '2024-11').filter((f) => f.kind === 'date')).toEqual(
      [],
    );
  });

  it('reads a weekday as the one before publication: Tuesday in an article of Friday 2024-11-15 is 2024-11-12', () => {
    expect(named(extractFacts('The officials met on Tuesday in Oman.', '2024-11-15'), 'Tuesday')).toMatchObject({
      normalized: '2024-11-12',
      note: "≈ 2024-11-12, from 'Tuesday' in an article of 2024-11-15",
    });
  });

  it('reads a month and day later than publication as last year: Dec. 24 in an article of 2024-11 is 2023-12-24', () => {
    expect(named(extractFacts('The talks began on Dec. 24 in Muscat.', '2024-11'), 'Dec. 24')).toMatchObject({ normalized: '2023-12-24' });
  });
});

describe('factsOfPassage on the seed articles', () => {
  const articles = [seedArticle(DAILY_CALLER, '2024-11'), seedArticle(EXPLAINER)];
  const passages = articles.flatMap((article) => sentencePassages(article).map((passage) => ({ passage, article })));

  it('points every fact to its passage, its text a verbatim slice of the passage', () => {
    for (const { passage, article } of passages) {
      for (const fact of factsOfPassage(passage, article.published)) {
        expect(fact.passage).toBe(passage.id);
        expect(passage.text.slice(fact.start, fact.end)).toBe(fact.text);
      }
    }
  });

  it('extracts all sentences of both seed articles well within a second (time printed, not asserted)', () => {
    const started = performance.now();
    const count = passages.reduce((n, { passage, article }) => n + factsOfPassage(passage, article.published).length, 0);
    const tookMs = performance.now() - started;
    console.log(`facts: ${count} facts from ${passages.length} sentence passages in ${tookMs.toFixed(0)} ms (after warm-up)`);
    expect(count).toBeGreaterThan(0);
  });
});

describe('mergeFacts', () => {
  const article = seedArticle(DAILY_CALLER, '2024-11');
  const first = passageWith(article, 'Months before the election');
  const second = passageWith(article, 'Just last week');

  it('lists a person once for several passages, with every passage that names them', () => {
    const merged = mergeFacts([...factsOfPassage(first, '2024-11'), ...factsOfPassage(second, '2024-11')]);
    const trump = merged.filter((f) => f.normalized === 'Donald Trump');
    expect(trump).toHaveLength(1);
    expect(trump[0]?.passages).toEqual([first.id, second.id]);
  });

  it('orders people, organisations, places, then dates, each date kept with its own text', () => {
    const merged = mergeFacts([...factsOfPassage(first, '2024-11'), ...factsOfPassage(second, '2024-11')]);
    expect(merged.map((f) => f.kind)).toEqual(
      [...merged.map((f) => f.kind)].sort(
        (a, b) => ['person', 'org', 'place', 'date'].indexOf(a) - ['person', 'org', 'place', 'date'].indexOf(b),
      ),
    );
    expect(merged.filter((f) => f.kind === 'date').map((f) => f.text)).toEqual(['Months before the election', 'Just last week']);
  });

  it('merges the same resolved date written differently', () => {
    const facts = [
      ...factsOfPassage({ id: 'p1', text: 'It happened in 2020.' }, null),
      ...factsOfPassage({ id: 'p2', text: 'Since 2020, it grew.' }, null),
    ];
    expect(mergeFacts(facts)).toMatchObject([{ kind: 'date', text: 'in 2020', normalized: '2020', passages: ['p1', 'p2'] }]);
  });
});
