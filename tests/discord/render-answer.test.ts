import { describe, expect, it } from 'vitest';
import { CLOSEST_LABEL, type AnswerPassage } from '../../src/answer/answer-types.js';
import { NO_ANSWER, questionOf, renderAnswer, type AnswerView } from '../../src/discord/render-answer.js';
import { embedLength } from '../../src/discord/render-message.js';
import { FIXTURE_ARTICLES } from './fake-library.js';

const article = FIXTURE_ARTICLES[0]!.article;

function passage(text: string, extra: Partial<AnswerPassage> = {}): AnswerPassage {
  return {
    passageId: `${article.id}:1:0`,
    text,
    highlights: [],
    article,
    paragraph: 2,
    heading: null,
    start: 0,
    end: text.length,
    score: 1,
    ...extra,
  };
}

function view(extra: Partial<AnswerView> = {}): AnswerView {
  return {
    question: 'who warned whom and when?',
    passages: [passage('Officials warned Iran.', { highlights: [{ start: 10, end: 16 }] })],
    page: 0,
    limit: 3,
    hasMore: false,
    source: null,
    ...extra,
  };
}

describe('renderAnswer', () => {
  it('quotes each passage with its bold words, then title, publisher, date, paragraph and <link>', () => {
    const body = renderAnswer(view());
    expect(body.embeds[0]?.description).toBe(
      '> Officials **warned** Iran.\n— *Iran told the US it would not try to kill Trump*, Daily Caller News Foundation · 2024-11-15 · paragraph 2 · <https://example.com/iran-message>',
    );
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });
  it('says nothing answers when there are no passages', () => {
    const body = renderAnswer(view({ passages: [] }));
    expect(body.content).toContain(NO_ANSWER);
    expect(body.embeds).toHaveLength(0);
  });
  it('shows the nearest passages apart, labelled as maybe not answering, when nothing answers', () => {
    const body = renderAnswer(view({ passages: [], closest: [passage('Officials met in Vienna.')] }));
    expect(body.content).toContain(NO_ANSWER);
    expect(body.content).toContain(CLOSEST_LABEL);
    expect(body.embeds?.[0]?.description).toContain('Officials met in Vienna.');
  });

  it('shows the question on its first line so questionOf reads it back exactly', () => {
    const question = 'what did *Iran* say about <@123> & `Trump`?';
    expect(questionOf(renderAnswer(view({ question })).content)).toBe(question);
  });
  it('stays within every Discord limit with five huge passages and a long question', () => {
    const huge = 'word '.repeat(3000).trim();
    const body = renderAnswer(
      view({
        question: 'q*'.repeat(250),
        passages: Array.from({ length: 5 }, (_, i) => passage(huge, { passageId: `p:${i}:0`, highlights: [{ start: 0, end: 4 }] })),
        limit: 5,
        hasMore: true,
      }),
    );
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(body.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    for (const e of body.embeds) {
      expect(e.description!.length).toBeLessThanOrEqual(4096);
      expect(e.description).toContain('…');
    }
  });
  it('offers More on a first page with more passages, and Back on later pages, with custom ids of at most 100 characters', () => {
    const ids = (v: AnswerView): string[] =>
      renderAnswer(v).components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    const labels = (v: AnswerView): string[] =>
      renderAnswer(v).components.flatMap((row) => row.components.map((c) => ('label' in c ? (c.label ?? '') : '')));
    expect(labels(view({ hasMore: true }))).toEqual(['More', 'Show in context']);
    expect(labels(view({ page: 1 }))).toEqual(['Back', 'Show in context']);
    for (const id of ids(view({ page: 1, hasMore: true, question: 'x'.repeat(500) }))) expect(id.length).toBeLessThanOrEqual(100);
  });
  it('does not link URLs that could break the markdown', () => {
    const body = renderAnswer(view({ passages: [passage('text', { article: { ...article, url: 'javascript:alert(1)' } })] }));
    expect(body.embeds[0]?.description).not.toContain('javascript');
  });
});
