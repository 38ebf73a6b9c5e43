import { articleChars, blocksToMarkdown, extractMainText, MIN_ARTICLE_CHARS } from './extract-text.js';
import { LinkRefused } from './link-errors.js';
import { parseHtmlDocument } from './dom.js';
import { readPageMetadata, type PageMetadata } from './page-metadata.js';

/** An article read from a web page: its main text as Markdown and what the page says about it. */
export interface PageArticle {
  /** The main text, one block a line (see blocksToMarkdown). */
  readonly markdown: string;
  readonly paragraphs: number;
  readonly metadata: PageMetadata;
}

/**
 * Turns a fetched HTML page into an article: metadata from the page's head, main text by
 * Readability. Throws a LinkRefused ('no-article') when the page holds too little text to be an
 * article (a log-in form, a section front, a video page).
 */
export function readPageArticle(html: string, finalUrl: string): PageArticle {
  const metadata = readPageMetadata(parseHtmlDocument(html), finalUrl);
  const blocks = extractMainText(html);
  if (articleChars(blocks) < MIN_ARTICLE_CHARS)
    throw new LinkRefused(
      'no-article',
      `No article text was found at ${finalUrl} (${articleChars(blocks)} characters of main text; an article has at least ${MIN_ARTICLE_CHARS}). ` +
        'Give the link of the article page itself, or save the text as a .md file and attach it.',
    );
  return { markdown: blocksToMarkdown(blocks), paragraphs: blocks.filter((b) => b.kind !== 'heading').length, metadata };
}
