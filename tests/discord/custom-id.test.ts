import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, decodeButton, encodeButton, type ButtonState } from '../../src/discord/custom-id.js';

describe('custom-id codec', () => {
  it('round-trips a page state with a short question containing colons', () => {
    const state: ButtonState = { kind: 'page', page: 2, limit: 3, sourceId: 'a:b file', question: 'who warned: whom?' };
    const id = encodeButton(state);
    expect(id).not.toBeNull();
    expect(decodeButton(id!)).toEqual(state);
  });
  it('leaves a long question out (to be read from the message) and stays within 100 characters', () => {
    const id = encodeButton({ kind: 'page', page: 1, limit: 5, sourceId: null, question: 'why '.repeat(40) });
    expect(id!.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(decodeButton(id!)).toEqual({ kind: 'page', page: 1, limit: 5, sourceId: null, question: null });
  });
  it('round-trips the feedback buttons, and decodes no other vote', () => {
    for (const state of [{ kind: 'vote', vote: 'up' }, { kind: 'vote', vote: 'down' }, { kind: 'share' }] as const) {
      expect(decodeButton(encodeButton(state)!)).toEqual(state);
    }
    expect(decodeButton('vote:meh')).toBeNull();
  });
  it('round-trips a context state', () => {
    const id = encodeButton({ kind: 'context', passageId: 'iran-message:2:0' });
    expect(decodeButton(id!)).toEqual({ kind: 'context', passageId: 'iran-message:2:0' });
  });
  it('returns null when even the state without the question cannot fit', () => {
    expect(encodeButton({ kind: 'page', page: 0, limit: 3, sourceId: 'x'.repeat(100), question: 'q' })).toBeNull();
    expect(encodeButton({ kind: 'context', passageId: 'x'.repeat(100) })).toBeNull();
  });
  it('round-trips a timeline state with a source and about words containing colons', () => {
    const state: ButtonState = { kind: 'timeline', page: 3, source: 'a:b file', about: 'warning: Iran', aboutInMessage: false };
    expect(decodeButton(encodeButton(state)!)).toEqual(state);
    const bare: ButtonState = { kind: 'timeline', page: 0, source: null, about: null, aboutInMessage: false };
    expect(encodeButton(bare)).toBe('tl:0::');
    expect(decodeButton('tl:0::')).toEqual(bare);
  });
  it('leaves long about words out of a timeline id (to be read from the message)', () => {
    const id = encodeButton({ kind: 'timeline', page: 1, source: 'iran', about: 'word '.repeat(30), aboutInMessage: false });
    expect(id).toBe('tlm:1:iran');
    expect(decodeButton(id!)).toEqual({ kind: 'timeline', page: 1, source: 'iran', about: null, aboutInMessage: true });
    expect(encodeButton({ kind: 'timeline', page: 1, source: 'x'.repeat(100), about: null, aboutInMessage: false })).toBeNull();
  });
  it('decodes foreign or malformed ids to null', () => {
    for (const id of [
      '',
      'other:1',
      'ask:x:3::q',
      'ask:1:9::q',
      'ask:1:3:%E0%A4%A:q',
      'ctx:',
      'tl:1:',
      'tl:x::',
      'tlm:1::q',
      'tl:1:%E0%A4%A:',
    ])
      expect(decodeButton(id)).toBeNull();
  });
});
