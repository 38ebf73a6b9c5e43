import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../src/links/dom.js';
import { LinkRefused } from '../../src/links/link-errors.js';
import { readPageArticle } from '../../src/links/page-article.js';
import { readPageMetadata } from '../../src/links/page-metadata.js';
import { webFixture } from './local-site.js';

const FETCHED = 'https://ledger.example/amp/harbor?utm_source=feed';

describe('readPageArticle', () => {
  it('keeps the story of a realistic news page and leaves out navigation, ads, comments, related links and captions', () => {
    const { markdown, paragraphs } = readPageArticle(webFixture('news-jsonld.html'), FETCHED);
    expect(markdown).toBe(
      [
        'Harbor crews reopened the north shipping channel on Friday afternoon, three days after a winter storm pushed two barges aground and scattered debris across the approach.',
        'The harbor master, Ines Duarte, said divers had surveyed the channel floor twice before the Coast Guard lifted its restriction at 2 p.m. “We were not going to guess,” she said. “Every pilot who goes through there needed to know the depth is what the chart says.”',
        '## Barges refloated overnight',
        'Salvage teams refloated the second barge shortly after midnight using two tugs and the high tide, according to the port authority. Neither barge leaked fuel, the authority said, and both were towed to the south terminal for inspection.',
        'Fishing boats that had waited outside the breakwater since Tuesday began coming in before dusk. Several captains said they had lost three days of catch, and the harbor board will meet on Monday to discuss waiving mooring fees for the week.',
        '## What comes next',
        'The Army Corps of Engineers plans a full sonar survey of the channel next week. Until then, vessels drawing more than 30 feet must wait for high water, the harbor master said.',
      ].join('\n\n') + '\n',
    );
    expect(paragraphs).toBe(5);
    for (const noise of ['Subscribe', 'Seaview', 'Refinance', 'Related stories', 'seadog77', 'All rights reserved', 'sandbar'])
      expect(markdown, noise).not.toContain(noise);
  });

  it('refuses a page without an article, saying what to do instead', () => {
    const refuse = (): unknown => readPageArticle(webFixture('no-article.html'), 'https://x.example/login');
    expect(refuse).toThrow(LinkRefused);
    expect(refuse).toThrow(
      /^No article text was found at https:\/\/x\.example\/login \(\d+ characters of main text; an article has at least 250\)\. /,
    );
  });
});

describe('readPageMetadata', () => {
  const metadataOf = (fixture: string, url = FETCHED) => readPageMetadata(parseHtmlDocument(webFixture(fixture)), url);

  it('prefers JSON-LD over OpenGraph, meta and title, and takes the canonical URL', () => {
    expect(metadataOf('news-jsonld.html')).toEqual({
      title: 'Harbor crews reopen the north channel after the storm',
      source: 'The Coastal Ledger',
      // The date as the publisher wrote it (its own time zone), not OpenGraph's later UTC one.
      published: '2024-03-01',
      author: 'Mara Lindqvist, Tom Okafor',
      url: 'https://ledger.example/2024/03/harbor-reopens-north-channel',
    });
  });

  it('falls back to OpenGraph, and to the fetched URL without a canonical link', () => {
    expect(metadataOf('news-opengraph.html', 'https://valleypost.example/news/ferry-vote')).toEqual({
      title: 'Council votes to keep the ferry running through winter',
      source: 'Valley Post',
      published: '2024-02-14',
      url: 'https://valleypost.example/news/ferry-vote',
    });
  });

  it('invents nothing a page does not say: only its <title>', () => {
    expect(metadataOf('news-plain.html', 'https://x.example/lib')).toEqual({
      title: 'Library extends weekend hours',
      url: 'https://x.example/lib',
    });
  });

  it('drops control characters, so a headline cannot drive a terminal', () => {
    const html = '<html><head><title>Tides\u001b[2J rise\u0007 again</title></head><body></body></html>';
    expect(readPageMetadata(parseHtmlDocument(html), 'https://tide.example/').title).toBe('Tides[2J rise again');
  });

  it('resolves JSON-LD references by @id, reads <meta name="author"> and ignores broken JSON-LD', () => {
    const html = `<html><head><title>T</title><meta name="author" content="Ana Ruiz">
      <script type="application/ld+json">{ broken</script>
      <script type="application/ld+json">{"@graph":[{"@type":"Organization","@id":"#org","name":"Tide Wire"},
        {"@type":["ReportageNewsArticle"],"headline":"Tides rise","publisher":{"@id":"#org"},"datePublished":"2024-02-31"}]}</script>
      <link rel="canonical" href="/tides"></head><body></body></html>`;
    expect(readPageMetadata(parseHtmlDocument(html), 'https://tide.example/a/b')).toEqual({
      title: 'Tides rise',
      source: 'Tide Wire',
      // 2024-02-31 is no date: left unset rather than guessed.
      author: 'Ana Ruiz',
      url: 'https://tide.example/tides',
    });
  });
});
