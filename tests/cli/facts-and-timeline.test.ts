import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { ROOT } from '../helpers.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: () => undefined, isTerminal: false, env: {}, cwd: ROOT });
  return { code, out: out.join('\n') };
}

describe('storybot timeline --json', () => {
  it('puts the story in order: the killing, the warnings, Iran’s message, the meeting, the indictment', async () => {
    const { code, out } = await cli('timeline', '--json');
    expect(code).toBe(0);
    const { events } = JSON.parse(out) as {
      events: { date: string; asWritten: string; text: string; article: { id: string; title: string; source: string } }[];
    };
    for (const e of events) {
      expect(typeof e.date).toBe('string');
      expect(typeof e.asWritten).toBe('string');
      expect(e.text).toContain(e.asWritten);
      expect(Object.keys(e.article).sort()).toEqual(['id', 'source', 'title']);
    }
    const position = (snippet: string): number => events.findIndex((e) => e.text.includes(snippet));
    const order = [
      'drone strike killed Maj. Gen. Qassim Suleimani',
      'U.S. officials had warned Iran through back channels',
      'through similar channels on Oct. 14',
      'on November 13, 2024',
      'Justice Department indicted three people',
    ].map(position);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(events[position('through similar channels on Oct. 14')]?.date).toBe('2024-10-14');
    expect(events[position('on November 13, 2024')]?.date).toBe('2024-11-13');
  });

  it('narrows to statements about some words', async () => {
    const { events } = JSON.parse((await cli('timeline', '--about', 'warning', '--json')).out) as { events: { text: string }[] };
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => /warn/i.test(e.text))).toBe(true);
  });
});

describe('who and when in answers', () => {
  it('lists the facts of the quotes in --json, each pointing to a quoted passage', async () => {
    const json = JSON.parse((await cli('ask', 'Who is Massoud Pezeshkian?', '--json')).out);
    const quoted = new Set(json.passages.map((p: { passageId: string }) => p.passageId));
    expect(json.facts.length).toBeGreaterThan(0);
    for (const fact of json.facts) expect(quoted.has(fact.passage)).toBe(true);
    expect(json.facts).toContainEqual(expect.objectContaining({ kind: 'person', text: 'Massoud Pezeshkian' }));
  });

  it('groups the two articles’ reports of the U.S. warning as one event with their differing dates', async () => {
    const { out } = await cli('ask', 'Who warned whom and when?');
    expect(out).toContain('When: Months before the election · in September');
    expect(out).toMatch(/Same event, reported by 2 sources: quotes \d \(Months before the election\) and \d \(in September\)\./);
  });

  it('prints same-event precision and recall in eval', async () => {
    expect((await cli('eval', '--set', 'public')).out).toMatch(/same-event grouping: precision \d\.\d\d, recall \d\.\d\d/);
  });
});
