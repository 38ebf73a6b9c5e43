import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { factsOfPassage } from '../../src/facts/extract-facts.js';
import { buildTimeline, type TimelineEvent } from '../../src/facts/timeline.js';
import type { Passage } from '../../src/passages/passage.js';
import { DAILY_CALLER, EXPLAINER, indexedPassages, seedArticle } from './seed-corpus.js';

/** Index of the event dated `asWritten` whose sentence contains `words`. */
const at = (events: readonly TimelineEvent[], asWritten: string, words: string): number => {
  const index = events.findIndex((e) => e.asWritten === asWritten && e.text.includes(words));
  if (index < 0) throw new Error(`no event quotes "${words}" dated '${asWritten}'`);
  return index;
};
const eventWith = (events: readonly TimelineEvent[], asWritten: string, words: string): TimelineEvent | undefined =>
  events[at(events, asWritten, words)];

describe('buildTimeline on the seed articles', () => {
  for (const published of [null, '2024-11']) {
    it(`puts the story in order when the Daily Caller article's date is ${published ?? 'unknown'}`, () => {
      const articles = [seedArticle(DAILY_CALLER, published), seedArticle(EXPLAINER)];
      const events = buildTimeline(articles, indexedPassages(articles));
      const killing = [at(events, 'In January 2020', 'drone strike killed'), at(events, 'in 2020', 'killing Soleimani with a drone')];
      const warnings = [at(events, 'Months before the election', 'had warned Iran'), at(events, 'in September', 'strong warning')];
      const message = [
        at(events, 'Oct. 14', 'Iran notified'),
        at(events, 'In October', 'sent a message'),
        at(events, 'last month', 'surprising message'),
      ];
      const meeting = at(events, 'November 13, 2024', 'meets with');
      const indictment = at(events, 'Just last week', 'indicted three people');
      expect(Math.max(...killing)).toBeLessThan(Math.min(...warnings));
      expect(Math.max(...warnings)).toBeLessThan(Math.min(...message));
      expect(Math.max(...message)).toBeLessThan(meeting);
      expect(meeting).toBeLessThan(indictment);
      expect(events.map((e) => e.date)).toContain('2024-11-13');
    });
  }

  const articles = [seedArticle(DAILY_CALLER), seedArticle(EXPLAINER)];
  const indexed = indexedPassages(articles);
  const events = buildTimeline(articles, indexed);

  it('quotes the sentence that carries the date, verbatim, with its date as written and its source', () => {
    // "said W.S.J." is in the article, after a period with no capital: not a sentence of its own.
    expect(eventWith(events, 'Oct. 14', 'Iran notified')).toMatchObject({
      date: '2024-10-14',
      asWritten: 'Oct. 14',
      text: 'Iran notified the Biden administration through similar channels on Oct. 14 that it would not do so, officials said. said W.S.J.',
      article: { id: DAILY_CALLER, title: articles[0]?.title, source: 'Daily Caller News Foundation' },
    });
    for (const event of events) expect(articles.some((a) => a.body.includes(event.text))).toBe(true);
  });

  it('gives exact dates as they are, without a note', () => {
    const killing = eventWith(events, 'In January 2020', 'a U.S. drone strike');
    expect(killing?.date).toBe('2020-01');
    expect(killing?.note).toBeUndefined();
  });

  it("says how a relative date of an undated article was placed: from the story's latest date", () => {
    expect(eventWith(events, 'Just last week', 'indicted')?.date).toBe('2024-11');
    expect(eventWith(events, 'Just last week', 'indicted')?.note).toMatch(
      /^≈ 2024-11, from 'Just last week' in an article of unknown date, taken as 2024-11 from the latest date the story gives \('November 13, 2024'/,
    );
  });

  it('counts "Months before the election" back from the election the corpus dates, and says so', () => {
    const warning = eventWith(events, 'Months before the election', 'U.S. officials had warned Iran');
    expect(warning?.date).toBe('2024-09');
    expect(warning?.note).toContain("counting from the election dated 'November' (2024-11)");
  });

  it('narrows to sentences about given words, matching names under their variants', () => {
    const about = buildTimeline(articles, indexed, { about: 'Soleimani' });
    expect(about.length).toBeGreaterThan(0);
    expect(about.every((e) => /Soleimani|Suleimani/.test(e.text))).toBe(true);
    expect(about.some((e) => e.text.includes('Qassim Suleimani'))).toBe(true);
  });

  it('narrows to one source by id or by name', () => {
    expect(buildTimeline(articles, indexed, { source: EXPLAINER }).every((e) => e.article.id === EXPLAINER)).toBe(true);
    const dailyCaller = buildTimeline(articles, indexed, { source: 'daily caller', about: 'indicted' });
    expect(dailyCaller.map((e) => e.asWritten)).toEqual(['Just last week']);
  });

  it('uses the matcher it is given for about', () => {
    const onlyOctober = buildTimeline(articles, indexed, {
      about: 'anything',
      matchesAbout: (_about, quote) => quote.text.includes('October'),
    });
    expect(onlyOctober.length).toBeGreaterThan(0);
    expect(onlyOctober.every((e) => e.text.includes('October'))).toBe(true);
  });
});

describe('buildTimeline edge cases', () => {
  const article = (id: string, body: string, published: string | null): Article => ({
    id,
    file: `${id}.txt`,
    title: id,
    source: 'test',
    url: null,
    published,
    author: null,
    body,
    contentHash: id,
  });
  const passage = (a: Article, start: number, end: number): Passage => ({
    id: `${a.id}:1:${start}`,
    articleId: a.id,
    paragraph: 1,
    heading: null,
    start,
    end,
    text: a.body.slice(start, end),
    firstSentence: start,
    lastSentence: end,
  });

  it('keeps a date nothing can place as written, after the placed ones', () => {
    // Nothing dates the article: no publication date, no month-and-year date to infer it from.
    const a = article('a', 'The envoy arrived on Tuesday. The treaty was signed in 1998.', null);
    const events = buildTimeline(
      [a],
      [passage(a, 0, a.body.length)].map((p) => ({ passage: p, facts: factsOfPassage(p, null) })),
    );
    expect(events.map((e) => [e.date, e.asWritten])).toEqual([
      ['1998', 'in 1998'],
      ['Tuesday', 'Tuesday'],
    ]);
  });

  it('lists a date once when overlapping passages both contain it', () => {
    const a = article('b', 'Talks began in March 2023. They ended in May 2023. Nothing followed.', '2023-06-01');
    const overlapping = [passage(a, 0, 50), passage(a, 27, a.body.length)];
    const events = buildTimeline(
      [a],
      overlapping.map((p) => ({ passage: p, facts: factsOfPassage(p, a.published) })),
    );
    expect(events.map((e) => e.asWritten)).toEqual(['in March 2023', 'in May 2023']);
  });
});
