import { describe, expect, it } from 'vitest';
import { renderContext } from '../../src/discord/render-context.js';
import { FIXTURE_ARTICLES } from './fake-library.js';

const article = FIXTURE_ARTICLES[0]!.article;

describe('renderContext', () => {
  it('shows the whole paragraph with the passage in bold, then the source', () => {
    const paragraphText = 'First sentence. Officials warned Iran. Last sentence.';
    const body = renderContext({ article, paragraph: 2, heading: 'The warning', paragraphText, passageStart: 16, passageEnd: 38 });
    expect(body.embeds[0]?.description).toBe(
      '-# The warning\n> First sentence. **Officials warned Iran.** Last sentence.\n— *Iran told the US it would not try to kill Trump*, Daily Caller News Foundation · 2024-11-15 · paragraph 2 · <https://example.com/iran-message>',
    );
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('keeps a passage deep in a very long paragraph visible and stays within 4096 characters', () => {
    const filler = 'lorem ipsum '.repeat(600);
    const paragraphText = `${filler}Officials warned Iran. ${filler}`;
    const body = renderContext({
      article,
      paragraph: 1,
      heading: null,
      paragraphText,
      passageStart: filler.length,
      passageEnd: filler.length + 22,
    });
    const description = body.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toContain('**Officials warned Iran.**');
    expect(description.startsWith('> …')).toBe(true);
  });
});
