import { describe, expect, it } from 'vitest';
import { parseArticle, parseArticleFile } from '../../src/corpus/parse-article.js';

const parse = (file: string, text: string) => parseArticle(file, new TextEncoder().encode(text));

describe('parseArticle', () => {
  it('reads front matter metadata and keeps the body as written', () => {
    const article = parse(
      'iran-message.md',
      '---\ntitle: "Iran: a message"\nsource: Daily Caller News Foundation\nurl: https://example.org/a\npublished: 2024-11-20\nauthor: Jane Doe\n---\nIran’s message,  as received.\n',
    );
    expect(article).toMatchObject({
      id: 'iran-message',
      title: 'Iran: a message',
      source: 'Daily Caller News Foundation',
      url: 'https://example.org/a',
      published: '2024-11-20',
      author: 'Jane Doe',
      body: 'Iran’s message,  as received.\n',
    });
  });

  it('leaves unknown metadata unset and labels a .txt article by its file name', () => {
    const article = parse('iran-de-escalatory-message.txt', 'Some text.');
    expect(article).toMatchObject({ title: 'Iran de escalatory message', source: 'unknown', url: null, published: null, author: null });
  });

  it('accepts a partial publication date', () => {
    expect(parse('a.md', '---\npublished: 2024-11\n---\nText.').published).toBe('2024-11');
  });

  it.each([
    ['---\ntitle: [unclosed\n---\nText.', /^bad front matter: /],
    ['---\ntitle: x\nText without closing line.', "bad front matter: no closing '---' line"],
    ['---\nurl: not-a-url\n---\nText.', "bad front matter: 'url' must be an http(s) address"],
    ['---\npublished: 2024-13-45\n---\nText.', "bad front matter: 'published' must be a date like 2024-11-20, 2024-11 or 2024 (got '2024-13-45')"],
    ['---\ntitle: 12\n---\nText.', "bad front matter: 'title' must be a non-empty text"],
    ['---\ntitle: x\n---\n   \n', 'the article has no text'],
  ])('rejects %j with a reason', (text, reason) => {
    expect(() => parse('a.md', text)).toThrow(reason);
  });

  it('keeps an article whose front matter has keys storybot does not read, and names them', () => {
    const { article, ignoredKeys } = parseArticleFile('a.md', new TextEncoder().encode('---\ntitle: Zebras\ntags: [a, b]\ncategory: World\nimage: x.png\n---\nText.'));
    expect(article).toMatchObject({ title: 'Zebras', body: 'Text.' });
    expect(ignoredKeys).toEqual(['tags', 'category', 'image']);
  });

  it('rejects a file that is not UTF-8', () => {
    expect(() => parseArticle('a.txt', Uint8Array.from([0x49, 0x72, 0xff, 0xfe, 0x61]))).toThrow('not UTF-8 text: save the file as UTF-8');
  });

  it('rejects an empty file', () => {
    expect(() => parse('a.txt', '')).toThrow('the article has no text');
  });
});
