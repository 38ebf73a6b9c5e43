import { ChannelType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/discord/render-answer.js';
import { planThread, threadName, threadQuestions } from '../../src/discord/threads.js';

const BOT = '100000000000000001';
const USER = '100000000000000002';
const answerContent = (question: string): string =>
  renderAnswer({ question, passages: [], page: 0, limit: 3, hasMore: false, source: null }).content;

describe('threadName', () => {
  it('prefixes Q: and cuts to 100 characters on a word', () => {
    const name = threadName('why '.repeat(40));
    expect(name.startsWith('Q: why')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe('threadQuestions', () => {
  it('lists the starter question, then the questions of the bot answers, oldest first, ignoring other messages', () => {
    const messages = [
      { id: '300', authorId: BOT, content: answerContent('and why?') },
      { id: '200', authorId: BOT, content: answerContent('when was that?') },
      { id: '150', authorId: USER, content: `<@${BOT}> when was that?` },
      { id: '250', authorId: BOT, content: 'You are asking too fast' },
    ];
    expect(
      threadQuestions({ id: '100', authorId: BOT, content: answerContent('who warned Iran?') }, 'Q: who warned Iran?', messages, BOT),
    ).toEqual(['who warned Iran?', 'when was that?', 'and why?']);
  });
  it('falls back to the thread name when the starter message is gone', () => {
    expect(threadQuestions(null, 'Q: who warned Iran?', [], BOT)).toEqual(['who warned Iran?']);
  });
});

describe('planThread', () => {
  it('opens a thread in text and announcement channels', () => {
    expect(planThread(ChannelType.GuildText)).toEqual({ kind: 'open' });
    expect(planThread(ChannelType.GuildAnnouncement)).toEqual({ kind: 'open' });
  });
  it('says why there is no thread in DMs and voice chats', () => {
    expect(planThread(null)).toMatchObject({ kind: 'none', note: expect.stringMatching(/DMs/) });
    expect(planThread(ChannelType.GuildVoice)).toMatchObject({ kind: 'none', note: expect.stringMatching(/no threads/) });
  });
  it('opens no thread and adds no note inside a thread', () => {
    expect(planThread(ChannelType.PublicThread)).toEqual({ kind: 'none', note: null });
  });
});
