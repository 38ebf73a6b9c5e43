import { describe, expect, it } from 'vitest';
import { fitLines, renderReindex, renderSources, sourceChoices } from '../../src/discord/render-sources.js';
import { FakeLibrary, FIXTURE_ARTICLES } from './fake-library.js';

const sources = new FakeLibrary(FIXTURE_ARTICLES).sources();
const INDEX = { version: 7, updatedAt: new Date(Date.UTC(2024, 10, 15, 12, 0, 0)) };

describe('renderSources', () => {
  it('lists each article with publisher, date and passage count', () => {
    const description = renderSources(sources, INDEX).embeds[0]?.description ?? '';
    expect(description).toMatch(
      /^- \*\*Iran told the US it would not try to kill Trump\*\* · Daily Caller News Foundation · 2024-11-15 · \d+ passages$/m,
    );
    expect(description).toContain('date unknown');
  });
  it('ends with the index version and when it last changed, as a live timestamp', () => {
    expect(renderSources(sources, INDEX).embeds[0]?.description).toMatch(/\n\nIndex version 7 · last changed <t:1731672000:R>$/);
    expect(renderSources([], INDEX).content).toContain('Index version 7 · last changed <t:1731672000:R>');
  });
  it('explains how to add articles when none is indexed', () => {
    expect(renderSources([], INDEX).content).toMatch(/corpus directory.*\/reindex/);
  });
  it('stays within the embed description limit with many articles', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ ...sources[0]!, article: { ...sources[0]!.article, id: `a${i}` } }));
    const description = renderSources(many, INDEX).embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/…and \d+ more\n\nIndex version 7/);
  });
});

describe('fitLines', () => {
  it('keeps whole lines and counts the rest', () => {
    expect(fitLines(['aaaa', 'bbbb', 'cccc', 'dddd'], 18)).toBe('aaaa\n…and 3 more');
    expect(fitLines(['aaaa', 'bbbb'], 9)).toBe('aaaa\nbbbb');
  });
});

describe('renderReindex', () => {
  it('reports counts before and after and each failed file with its reason, once', () => {
    const body = renderReindex({
      before: { articles: 2, passages: 10 },
      after: { articles: 3, passages: 14 },
      changes: [
        { file: 'new.md', change: 'added' },
        { file: 'bad.md', change: 'failed', reason: 'no body' },
      ],
      failures: [{ file: 'bad.md', reason: 'front matter is not valid YAML' }],
    });
    expect(body.content).toContain('2 articles, 10 passages → 3 articles, 14 passages');
    expect(body.content).toContain('1 added');
    expect(body.content.match(/bad\.md/g)).toHaveLength(1);
    expect(body.content).toContain('front matter is not valid YAML');
  });
});

describe('renderReindex notices', () => {
  it('also lists the entries it skipped and the front-matter keys it ignored', () => {
    const body = renderReindex({
      before: { articles: 1, passages: 3 },
      after: { articles: 1, passages: 3 },
      changes: [{ file: 'a.md', change: 'unchanged' }],
      failures: [],
      notices: [
        { file: 'notes.pdf', kind: 'skipped', message: 'not an article: only .md and .txt files are read' },
        { file: 'a.md', kind: 'ignored-keys', message: "front matter key 'tags' ignored" },
      ],
    });
    expect(body.content).toContain(
      'No file changed.\nAlso:\n- `notes.pdf`: skipped (not an article: only .md and .txt files are read)\n- `a.md`: front matter key',
    );
  });
});

describe('sourceChoices', () => {
  it('matches title, publisher or id, case-insensitively', () => {
    expect(sourceChoices(sources, 'DAILY').map((c) => c.value)).toEqual(['wsj-iran-message']);
    expect(sourceChoices(sources, 'escalat').map((c) => c.value)).toEqual(['de-escalation']);
    expect(sourceChoices(sources, 'hostile').map((c) => c.value)).toEqual(['hostile']);
  });
  it('returns at most 25 choices with names of at most 100 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...sources[0]!,
      article: { ...sources[0]!.article, id: `a${i}`, title: 'T'.repeat(150) },
    }));
    const choices = sourceChoices(many, '');
    expect(choices).toHaveLength(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});
