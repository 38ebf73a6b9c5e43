import { describe, expect, it } from 'vitest';
import { renderUnanswered } from '../../src/discord/render-unanswered.js';
import type { UnansweredQuestion } from '../../src/feedback/unanswered.js';

const question = (i: number): UnansweredQuestion => ({
  question: `Question number ${i} about *things* ${'and more words '.repeat(12)}`,
  count: 100 - i,
  lastAsked: '2026-12-02T10:00:00.000Z',
  reason: i % 2 === 0 ? 'no-answer' : 'disliked',
});

describe('renderUnanswered', () => {
  it('lists as many questions as fit in one message, escaped, and says how many more there are', () => {
    const { content, allowedMentions } = renderUnanswered(
      Array.from({ length: 60 }, (_, i) => question(i)),
      90,
    );
    const lines = content.split('\n');
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(lines[0]).toBe('**Unanswered questions** in the last 90 days: 60, most frequent first');
    expect(lines[1]).toMatch(/^1\. Question number 0 about \\\*things\\\* .* — 100× · no answer · last <t:1796205600:R>$/);
    expect(lines[2]).toMatch(/ — 99× · answer voted 👎 · /);
    expect(lines.at(-1)).toBe(`…and ${60 - (lines.length - 2)} more (storybot unanswered lists them all)`);
    expect(allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('says so when nothing is listed', () => {
    expect(renderUnanswered([], 1).content).toBe(
      '**Unanswered questions**\nNo question went unanswered or had its answer voted 👎 in the last 1 day.',
    );
  });
});
