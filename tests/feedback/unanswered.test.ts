import { describe, expect, it } from 'vitest';
import { summariseUnanswered, type UnansweredEntry } from '../../src/feedback/unanswered.js';

const entry = (question: string, at: string, reason: UnansweredEntry['reason'] = 'no-answer'): UnansweredEntry => ({
  question,
  at: `2026-12-0${at}T12:00:00.000Z`,
  reason,
});

describe('summariseUnanswered', () => {
  it('groups wordings with the same index terms, shows the most frequent wording, and lists the most frequent group first', () => {
    const list = summariseUnanswered([
      entry('What is the weather in Paris?', '1'),
      entry('Who killed Soleimani?', '1'),
      entry('who  KILLED soleimani', '2'),
      entry('Who killed Soleimani?', '3'),
      entry('When was Soleimani killed in Baghdad?', '4'),
    ]);
    expect(list).toEqual([
      { question: 'Who killed Soleimani?', count: 3, lastAsked: '2026-12-03T12:00:00.000Z', reason: 'no-answer' },
      { question: 'When was Soleimani killed in Baghdad?', count: 1, lastAsked: '2026-12-04T12:00:00.000Z', reason: 'no-answer' },
      { question: 'What is the weather in Paris?', count: 1, lastAsked: '2026-12-01T12:00:00.000Z', reason: 'no-answer' },
    ]);
  });

  it('groups a wording with one more word when three of its four terms are the same, without chaining groups', () => {
    const list = summariseUnanswered([
      entry('Who killed Soleimani in Baghdad?', '1'),
      entry('Who killed Soleimani in Baghdad in January?', '2'),
      entry('Who killed Soleimani in January?', '3'),
    ]);
    // Baghdad + January is alike to January (the latest); Baghdad alone is not, though alike to Baghdad + January.
    expect(list.map((q) => [q.question, q.count])).toEqual([
      ['Who killed Soleimani in January?', 2],
      ['Who killed Soleimani in Baghdad?', 1],
    ]);
  });

  it('keeps a disliked answer apart from the same question unanswered', () => {
    const list = summariseUnanswered([entry('who warned Iran?', '1'), entry('Who warned Iran?', '2', 'disliked')]);
    expect(list.map((q) => [q.question, q.reason])).toEqual([
      ['Who warned Iran?', 'disliked'],
      ['who warned Iran?', 'no-answer'],
    ]);
  });

  it('groups questions without any meaningful word only with the same text', () => {
    const list = summariseUnanswered([entry('???', '1'), entry('???', '2'), entry('why?', '3')]);
    expect(list.map((q) => [q.question, q.count])).toEqual([
      ['???', 2],
      ['why?', 1],
    ]);
  });
});
