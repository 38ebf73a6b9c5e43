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
  it('round-trips a context state', () => {
    const id = encodeButton({ kind: 'context', passageId: 'iran-message:2:0' });
    expect(decodeButton(id!)).toEqual({ kind: 'context', passageId: 'iran-message:2:0' });
  });
  it('returns null when even the state without the question cannot fit', () => {
    expect(encodeButton({ kind: 'page', page: 0, limit: 3, sourceId: 'x'.repeat(100), question: 'q' })).toBeNull();
    expect(encodeButton({ kind: 'context', passageId: 'x'.repeat(100) })).toBeNull();
  });
  it('decodes foreign or malformed ids to null', () => {
    for (const id of ['', 'other:1', 'ask:x:3::q', 'ask:1:9::q', 'ask:1:3:%E0%A4%A:q', 'ctx:']) expect(decodeButton(id)).toBeNull();
  });
});
