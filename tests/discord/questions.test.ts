import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';
import { answerPage, takeQuestion, validateQuestion } from '../../src/discord/questions.js';
import { UserError } from '../../src/discord/user-error.js';
import { FakeLibrary, FIXTURE_ARTICLES } from './fake-library.js';

const library = new FakeLibrary(FIXTURE_ARTICLES);

describe('validateQuestion', () => {
  it('normalises whitespace', () => {
    expect(validateQuestion('  who\n warned   Iran? ')).toBe('who warned Iran?');
  });
  it('refuses an empty or overlong question with a message fit to show', () => {
    expect(() => validateQuestion('   ')).toThrow(UserError);
    expect(() => validateQuestion('x'.repeat(501))).toThrow(/501 characters/);
  });
});

describe('takeQuestion', () => {
  it('refuses with a Discord relative timestamp when the cooldown is exhausted', () => {
    const cooldown = new Cooldown({ limit: 1, windowMs: 30_000, now: () => 10_000 });
    takeQuestion(cooldown, 'u');
    expect(() => takeQuestion(cooldown, 'u')).toThrow(/<t:40:R>/);
  });
});

describe('answerPage', () => {
  it('returns one page and says whether more passages exist', () => {
    const first = answerPage(library, { question: 'Iran Trump', page: 0, limit: 2, sourceId: null, context: [] });
    expect(first.passages).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = answerPage(library, { question: 'Iran Trump', page: 1, limit: 2, sourceId: null, context: [] });
    expect(second.passages.map((p) => p.passageId)).not.toContain(first.passages[0]!.passageId);
  });
  it('restricts to the chosen article and names it', () => {
    const view = answerPage(library, { question: 'Iran', page: 0, limit: 5, sourceId: 'de-escalation', context: [] });
    expect(view.source?.title).toBe("Iran's de-escalatory message");
    expect(view.passages.every((p) => p.article.id === 'de-escalation')).toBe(true);
  });
  it('refuses an unknown article id, pointing to /sources', () => {
    expect(() => answerPage(library, { question: 'Iran', page: 0, limit: 3, sourceId: 'nope', context: [] })).toThrow(/\/sources/);
  });
});
