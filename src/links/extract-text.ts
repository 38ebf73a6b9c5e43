import { Readability } from '@mozilla/readability';
import { plainText } from './plain-text.js';
import { ELEMENT_NODE, TEXT_NODE, parseHtmlDocument, type DomElement, type DomNode } from './dom.js';

/** One block of an article's main text. */
export interface TextBlock {
  readonly kind: 'paragraph' | 'heading' | 'list-item';
  /** The block's text on one line, white space collapsed. */
  readonly text: string;
}

/** Less main text than this (in characters of paragraphs) is not an article: a log-in page, an index, a gallery. */
export const MIN_ARTICLE_CHARS = 250;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TEXT_BLOCKS = new Set(['p', 'pre', 'dt', 'dd', 'td', 'th']);
/** Not article text even inside the main content: pictures and their captions, forms, embedded things. */
const SKIPPED = new Set([
  'figure',
  'img',
  'picture',
  'svg',
  'video',
  'audio',
  'iframe',
  'script',
  'style',
  'noscript',
  'form',
  'button',
  'nav',
  'aside',
]);
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'ul',
  'ol',
  'dl',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'blockquote',
  'details',
  'body',
  'center',
]);

/**
 * The main text of a news page, found by Mozilla's Readability (Firefox Reader View) over a
 * linkedom DOM: navigation, ads, comments and related links are left out. Paragraphs stay
 * paragraphs, headings headings and list items list items. Readability changes the document it
 * reads, so it gets its own parse of the page.
 */
export function extractMainText(html: string): TextBlock[] {
  const parsed = new Readability(parseHtmlDocument(html) as never, { charThreshold: MIN_ARTICLE_CHARS }).parse();
  if (!parsed?.content) return [];
  const content = parseHtmlDocument(`<!DOCTYPE html><html><body>${parsed.content}</body></html>`);
  const body = content.querySelector('body');
  return body ? blocksOf(body) : [];
}

/** Total characters of paragraph and list text: how much article there is. */
export function articleChars(blocks: readonly TextBlock[]): number {
  return blocks.filter((b) => b.kind !== 'heading').reduce((sum, b) => sum + b.text.length, 0);
}

/**
 * The blocks as Markdown, one block a line with a blank line between (the corpus reads a line as a
 * paragraph): `## ` before a heading, `- ` before a list item.
 */
export function blocksToMarkdown(blocks: readonly TextBlock[]): string {
  const marker = { paragraph: '', heading: '## ', 'list-item': '- ' } as const;
  return `${blocks.map((b) => `${marker[b.kind]}${b.text}`).join('\n\n')}\n`;
}

function blocksOf(root: DomElement): TextBlock[] {
  const blocks: TextBlock[] = [];
  let inline = '';
  const push = (kind: TextBlock['kind'], raw: string): void => {
    const text = plainText(raw);
    if (text !== '') blocks.push({ kind, text });
  };
  // Text between blocks (a div holding bare text and links) is a paragraph of its own.
  const flush = (): void => {
    push('paragraph', inline);
    inline = '';
  };
  for (const child of root.childNodes) {
    if (child.nodeType === TEXT_NODE) inline += child.textContent ?? '';
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as DomElement;
    const tag = element.tagName.toLowerCase();
    if (SKIPPED.has(tag)) continue;
    if (tag === 'br') inline += ' ';
    else if (HEADINGS.has(tag)) {
      flush();
      push('heading', inlineText(element));
    } else if (tag === 'li') {
      flush();
      push('list-item', inlineText(element));
    } else if (TEXT_BLOCKS.has(tag)) {
      flush();
      push('paragraph', inlineText(element));
    } else if (CONTAINERS.has(tag)) {
      flush();
      blocks.push(...blocksOf(element));
    } else inline += inlineText(element);
  }
  flush();
  return blocks;
}

/** The text of an element, skipping what is not text (images, scripts) and reading `<br>` as a space. */
function inlineText(node: DomNode): string {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === TEXT_NODE) text += child.textContent ?? '';
    else if (child.nodeType === ELEMENT_NODE) {
      const tag = (child as DomElement).tagName.toLowerCase();
      if (tag === 'br') text += ' ';
      else if (!SKIPPED.has(tag)) text += inlineText(child);
    }
  }
  return text;
}
