import { describe, expect, it } from 'vitest';
import { asUserRefusal, checkAttachment } from '../../src/discord/article-files.js';
import { renderAdded, renderRemoved } from '../../src/discord/render-articles.js';
import { UserError } from '../../src/discord/user-error.js';
import { ArticleNotFound, ArticleRejected } from '../../src/library/library-errors.js';
import { FIXTURE_ARTICLES } from './fake-library.js';

const article = FIXTURE_ARTICLES[0]!.article;

describe('renderAdded', () => {
  it('says what was added, how many passages, the file, and quotes the first passage', () => {
    const body = renderAdded({
      article,
      file: 'iran-told-abc.md',
      passages: 4,
      firstPassage: { passageId: 'p', paragraph: 1, text: 'Iran *said* no.' },
    });
    expect(body.content).toBe(
      'Added *Iran told the US it would not try to kill Trump* (Daily Caller News Foundation · 2024-11-15): 4 passages, saved as `iran-told-abc.md`. /ask can quote it now.\n' +
        'First passage (paragraph 1):\n> Iran \\*said\\* no.',
    );
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('cuts a huge first passage to fit the 2000-character message', () => {
    const text = '*x* '.repeat(3000);
    const body = renderAdded({
      article: { ...article, title: '_'.repeat(400) },
      file: 'f.md',
      passages: 1,
      firstPassage: { passageId: 'p', paragraph: 1, text },
    });
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(body.content).toMatch(/…$/);
    expect(body.content).toContain('1 passage,');
  });
});

describe('renderRemoved', () => {
  it('says where the file went and how to restore it', () => {
    expect(renderRemoved({ article, file: 'a.md', trashFile: '.trash/a.md', passages: 1 }, 'corpus').content).toBe(
      'Removed *Iran told the US it would not try to kill Trump* (1 passage): answers no longer quote it.\n' +
        'Its file moved to `corpus/.trash/a.md`. To restore it, move it back to `corpus/a.md`, then run /reindex (or just wait a moment: the bot watches the corpus directory).',
    );
  });
});

describe('checkAttachment', () => {
  it('accepts .md and .txt up to 1 MB', () => {
    expect(() => checkAttachment({ name: 'A.MD', size: 1_000_000 })).not.toThrow();
    expect(() => checkAttachment({ name: 'a.txt', size: 10 })).not.toThrow();
  });
  it('refuses other types and bigger files, saying why', () => {
    expect(() => checkAttachment({ name: 'a.docx', size: 10 })).toThrow(/^Only \.md and \.txt files can be added \(this one is \.docx\)/);
    expect(() => checkAttachment({ name: 'README', size: 10 })).toThrow(/this one is without extension/);
    expect(() => checkAttachment({ name: 'a.md', size: 1_000_001 })).toThrow(
      'The file is too big (1.0 MB; at most 1.0 MB). Send the article text only.',
    );
  });
});

describe('asUserRefusal', () => {
  it("turns the library's refusals into UserErrors with the same message, and passes anything else on", async () => {
    await expect(asUserRefusal(Promise.reject(new ArticleRejected('duplicate', 'Already there.')))).rejects.toEqual(
      new UserError('Already there.'),
    );
    await expect(asUserRefusal(Promise.reject(new ArticleNotFound('No such article.')))).rejects.toBeInstanceOf(UserError);
    const bug = new Error('disk full');
    await expect(asUserRefusal(Promise.reject(bug))).rejects.toBe(bug);
    await expect(asUserRefusal(Promise.resolve(3))).resolves.toBe(3);
  });
});
