import { describe, expect, it } from 'vitest';
import type { AnswerPassage } from '../../src/answer/answer-types.js';
import type { Fact } from '../../src/facts/fact-types.js';
import type { SameEventGroup } from '../../src/facts/same-event.js';
import { renderGlance } from '../../src/discord/render-glance.js';
import { embedLength } from '../../src/discord/render-message.js';
import { FIXTURE_ARTICLES } from './fake-library.js';

const article = FIXTURE_ARTICLES[0]!.article;

function passage(passageId: string): AnswerPassage {
  return { passageId, text: 'text', highlights: [], article, paragraph: 1, heading: null, start: 0, end: 4, score: 1 };
}

function fact(kind: Fact['kind'], text: string, passage: string, extra: Partial<Fact> = {}): Fact {
  return { kind, text, passage, start: 0, end: text.length, ...extra };
}

const field = (embed: ReturnType<typeof renderGlance>, name: string): string | undefined =>
  embed?.fields?.find((f) => f.name === name)?.value;

describe('renderGlance', () => {
  it('names people once by their canonical name, then dates as written with how they resolve', () => {
    const embed = renderGlance({
      passages: [passage('a'), passage('b')],
      facts: [
        fact('person', 'President Trump', 'a', { normalized: 'Donald Trump' }),
        fact('date', 'Oct. 14', 'a', { normalized: '2024-10-14', note: '≈ 2024-10-14, from an article of 2024-11' }),
        fact('person', 'Trump', 'b', { normalized: 'Donald Trump' }),
        fact('date', 'November 13, 2024', 'b', { normalized: '2024-11-13' }),
      ],
      reports: [],
      first: 0,
    });
    expect(field(embed, 'Who · When')).toBe(
      '**Who:** Donald Trump\n**When:** Oct. 14 (≈ 2024-10-14, from an article of 2024-11) · November 13, 2024 (2024-11-13)',
    );
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Who · When']);
  });

  it('shows only the facts of the passages on the page', () => {
    const embed = renderGlance({
      passages: [passage('shown')],
      facts: [fact('person', 'Alice', 'shown'), fact('person', 'Bob', 'next-page')],
      reports: [],
      first: 3,
    });
    expect(field(embed, 'Who · When')).toBe('**Who:** Alice');
  });

  it('is null when the page names nothing and reports nothing', () => {
    expect(renderGlance({ passages: [passage('a')], facts: [fact('person', 'Bob', 'b')], reports: [], first: 0 })).toBeNull();
  });

  it('escapes markdown in names and dates, leaving mentions as text', () => {
    const embed = renderGlance({
      passages: [passage('a')],
      facts: [fact('person', '**Bold** [x](http://e.com) @everyone <@123>', 'a'), fact('date', '_soon_', 'a')],
      reports: [],
      first: 0,
    });
    const value = field(embed, 'Who · When') ?? '';
    expect(value).toContain('\\*\\*Bold\\*\\* \\[x](http://e.com) @everyone <@123>');
    expect(value).toContain('\\_soon\\_');
  });

  it('cuts each field cleanly to 1024 characters with "…and N more"', () => {
    const names = Array.from({ length: 300 }, (_, i) => fact('person', `Person number ${i}`, 'a'));
    const dates = Array.from({ length: 300 }, (_, i) => fact('date', `day ${i} of the war`, 'a'));
    const embed = renderGlance({ passages: [passage('a')], facts: [...names, ...dates], reports: [], first: 0 });
    const [who, when] = (field(embed, 'Who · When') ?? '').split('\n');
    expect((who?.length ?? 0) + 1 + (when?.length ?? 0)).toBeLessThanOrEqual(1024);
    expect(who).toMatch(/^\*\*Who:\*\* Person number 0 · .* · Person number \d+ · …and \d+ more$/);
    expect(when).toMatch(/^\*\*When:\*\* day 0 of the war · .* · …and \d+ more$/);
    expect(embedLength(embed!)).toBeLessThanOrEqual(1024 + 'Who · When'.length);
  });

  it('numbers the quotes that report the same event, with the dates each gives, only when two are on the page', () => {
    const group: SameEventGroup = {
      passages: ['a', 'b'],
      articles: ['one', 'two'],
      shared: ['warned'],
      tellings: [
        { passage: 'a', articleId: 'one', dates: ['Months before the election'], keyPhrases: [] },
        { passage: 'b', articleId: 'two', dates: ['in *September*'], keyPhrases: [] },
      ],
    };
    const embed = renderGlance({ passages: [passage('x'), passage('a'), passage('b')], facts: [], reports: [group], first: 3 });
    expect(field(embed, 'Same event')).toBe('Reported by 2 sources: #5 (Months before the election) · #6 (in \\*September\\*)');
    expect(renderGlance({ passages: [passage('a')], facts: [], reports: [group], first: 0 })).toBeNull();
  });
});
