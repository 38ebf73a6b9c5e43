import { describe, expect, it } from 'vitest';
import { blockQuote, cutOnWord, escapeReversibly, renderHighlighted, unescapeReversibly } from '../../src/discord/render-text.js';

describe('cutOnWord', () => {
  it('returns the text unchanged when it fits', () => {
    expect(cutOnWord('short text', 10)).toBe('short text');
  });
  it('cuts on a word and ends with an ellipsis when too long', () => {
    const cut = cutOnWord('the quick brown fox jumps', 16);
    expect(cut).toBe('the quick brown…');
    expect(cut.length).toBeLessThanOrEqual(16);
  });
  it('cuts inside a single word longer than the limit without splitting a surrogate pair', () => {
    const cut = cutOnWord('a😀😀😀😀😀😀', 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});

describe('escapeReversibly', () => {
  it('round-trips any text, markdown and backslashes included', () => {
    const text = 'who *warned* __whom__ `and` \\when\\? <@123> @everyone [x](y) > # - 1.';
    expect(unescapeReversibly(escapeReversibly(text))).toBe(text);
  });
  it('leaves no unescaped markdown character', () => {
    expect(escapeReversibly('**bold**')).toBe('\\*\\*bold\\*\\*');
  });
});

describe('renderHighlighted', () => {
  it('puts the highlighted words in bold', () => {
    expect(renderHighlighted('Iran warned Trump', [{ start: 5, end: 11 }], 100)).toBe('Iran **warned** Trump');
  });
  it('merges touching highlights so no **** appears', () => {
    const out = renderHighlighted(
      'abcdef',
      [
        { start: 0, end: 3 },
        { start: 3, end: 6 },
      ],
      100,
    );
    expect(out).toBe('**abcdef**');
  });
  it('escapes markdown and masked links in the article text', () => {
    const out = renderHighlighted('a *b* [here](https://x.y) _c_', [], 200);
    expect(out).not.toMatch(/(^|[^\\])\*/);
    expect(out).toContain('\\[here](');
    expect(out).toContain('\\_c\\_');
  });
  it('cuts on a word with an ellipsis and keeps the bold markers balanced when too long', () => {
    const text = 'one two three four five six seven eight nine ten';
    const out = renderHighlighted(
      text,
      [
        { start: 8, end: 13 },
        { start: 40, end: 48 },
      ],
      20,
    );
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out.endsWith('…')).toBe(true);
    expect((out.match(/\*\*/g) ?? []).length % 2).toBe(0);
    expect(out).toContain('**three**');
  });
  it('stays within the limit even when escapes lengthen the text', () => {
    const text = '*_'.repeat(500);
    const out = renderHighlighted(text, [{ start: 0, end: 1000 }], 300);
    expect(out.length).toBeLessThanOrEqual(300);
  });
});

describe('blockQuote', () => {
  it('quotes every line', () => {
    expect(blockQuote('a\nb')).toBe('> a\n> b');
  });
});
