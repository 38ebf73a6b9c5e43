import { describe, expect, it } from 'vitest';
import { decodeButton } from '../../src/discord/custom-id.js';
import { embedLength } from '../../src/discord/render-message.js';
import { aboutOf, renderTimeline, TIMELINE_PAGE_SIZE, type TimelineView } from '../../src/discord/render-timeline.js';
import type { TimelineEvent } from '../../src/facts/timeline.js';

function event(extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    date: '2024-10-14',
    asWritten: 'Oct. 14',
    text: 'Iran notified the Biden administration on Oct. 14.',
    article: { id: 'iran-message', title: 'Iran message', source: 'Daily Caller' },
    passage: 'iran-message:3:0',
    note: "≈ 2024-10-14, from 'Oct. 14' in an article of 2024-11",
    ...extra,
  };
}

function view(extra: Partial<TimelineView> = {}): TimelineView {
  return { events: [event()], total: 1, page: 0, source: null, about: null, ...extra };
}

const labels = (v: TimelineView): string[] =>
  renderTimeline(v).components.flatMap((row) => row.components.map((c) => ('label' in c ? (c.label ?? '') : '')));

describe('renderTimeline', () => {
  it('gives each statement its resolved date, the date as written, its source, the quote and how the date was placed', () => {
    const body = renderTimeline(view());
    expect(body.content).toBe('**Timeline**\n-# 1–1 of 1 dated statement');
    expect(body.embeds[0]?.description).toBe(
      "**2024-10-14** (“Oct. 14”) · *Iran message*, Daily Caller\n> Iran notified the Biden administration on Oct. 14.\n_≈ 2024-10-14, from 'Oct. 14' in an article of 2024-11_",
    );
    expect(body.components).toEqual([]);
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('shows a date nothing placed as written, once, and no note', () => {
    const description = renderTimeline(view({ events: [event({ date: 'one day', asWritten: 'one day', note: undefined })] })).embeds[0]
      ?.description;
    expect(description?.split('\n')[0]).toBe('**one day** · *Iran message*, Daily Caller');
    expect(description).not.toContain('_');
  });

  it('escapes markdown from the articles', () => {
    const description =
      renderTimeline(
        view({ events: [event({ text: '**loud** [link](http://x) @everyone', article: { id: 'a', title: '_t_', source: '# s' } })] }),
      ).embeds[0]?.description ?? '';
    expect(description).toContain('> \\*\\*loud\\*\\* \\[link](http://x) @everyone');
    expect(description).toContain('*\\_t\\_*, \\# s');
  });

  it('stays within Discord limits with five huge statements full of markdown', () => {
    const huge = event({
      date: '*'.repeat(300),
      asWritten: '_'.repeat(300),
      text: '*word* '.repeat(2000),
      article: { id: 'a', title: '['.repeat(500), source: '`'.repeat(500) },
      note: '~'.repeat(1000),
    });
    const body = renderTimeline(
      view({ events: Array.from({ length: TIMELINE_PAGE_SIZE }, () => huge), total: 50, about: '*'.repeat(100) }),
    );
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(body.embeds[0]!.description!.length).toBeLessThanOrEqual(4096);
    expect(embedLength(body.embeds[0]!)).toBeLessThanOrEqual(6000);
    expect(body.embeds[0]?.description).toContain('…');
  });

  it('pages with More and Back, keeping the filters in the custom_id', () => {
    const v = view({ page: 1, total: 12, source: { filter: 'iran:message', label: 'Iran message' }, about: 'warning' });
    expect(labels(v)).toEqual(['Back', 'More']);
    const ids = renderTimeline(v).components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(ids.map(decodeButton)).toEqual([
      { kind: 'timeline', page: 0, source: 'iran:message', about: 'warning', aboutInMessage: false },
      { kind: 'timeline', page: 2, source: 'iran:message', about: 'warning', aboutInMessage: false },
    ]);
    expect(renderTimeline(v).content).toBe('**Timeline** about: warning\n-# only from *Iran message* · 6–6 of 12 dated statements');
    expect(labels(view({ page: 2, total: 12 }))).toEqual(['Back']);
  });

  it('puts long about words in the message, where aboutOf reads them back exactly', () => {
    const about = 'what *did* Iran say: `about` Trump? '.repeat(3).trim();
    const body = renderTimeline(view({ total: 9, about }));
    const more = body.components[0]?.components[0];
    expect(more && 'custom_id' in more ? decodeButton(more.custom_id) : null).toEqual({
      kind: 'timeline',
      page: 1,
      source: null,
      about: null,
      aboutInMessage: true,
    });
    expect(aboutOf(body.content)).toBe(about);
    expect(aboutOf(renderTimeline(view()).content)).toBeNull();
    expect(aboutOf('**Q:** something else')).toBeUndefined();
  });

  it('says plainly when nothing is dated, naming the filters', () => {
    expect(renderTimeline(view({ events: [], total: 0 })).content).toBe('**Timeline**\nNo dated statements found in the articles.');
    expect(renderTimeline(view({ events: [], total: 0, about: 'bread', source: { filter: 'x', label: 'X' } })).content).toBe(
      '**Timeline** about: bread\n-# only from *X*\nNo dated statements about “bread” in *X*. Try other words, or leave out a filter.',
    );
  });
});
