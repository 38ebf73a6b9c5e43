/** A non-empty line of an article: a paragraph, a heading or a list item. */
export interface Block {
  readonly kind: 'paragraph' | 'heading' | 'list-item';
  /** Offsets of the block's text (without list marker or `#`s) in the article body. */
  readonly start: number;
  readonly end: number;
}

const LIST_MARKER = /^\s*(?:[-*•‣◦]|\d{1,3}[.)])\s+/;
const MARKDOWN_HEADING = /^\s*#{1,6}\s+/;
const MAX_HEADING_LENGTH = 100;

/**
 * Splits an article body into blocks, one per non-empty line. A line is a heading when it is a
 * Markdown heading, or short (≤ 100 characters, at most 14 words) without end punctuation;
 * a list item when it starts with a bullet or a number.
 */
export function splitBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  let offset = 0;
  for (const line of body.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const trimmedEnd = lineStart + line.replace(/\s+$/, '').length;
    if (trimmedEnd === lineStart || line.trim() === '') continue;
    const marker = LIST_MARKER.exec(line) ?? MARKDOWN_HEADING.exec(line);
    const start = lineStart + (marker ? marker[0].length : line.length - line.trimStart().length);
    const text = body.slice(start, trimmedEnd);
    blocks.push({ kind: kindOf(line, text), start, end: trimmedEnd });
  }
  return blocks;
}

function kindOf(line: string, text: string): Block['kind'] {
  if (MARKDOWN_HEADING.test(line)) return 'heading';
  if (LIST_MARKER.test(line)) return 'list-item';
  const words = text.split(/\s+/);
  if (text.length > MAX_HEADING_LENGTH || words.length > 14) return 'paragraph';
  if (!/[.!?:;,"”’)\]…]$/.test(text)) return 'heading';
  // A short question in Title Case ("What’s Next for U.S.-Iran Relations?") is a heading too.
  return text.endsWith('?') && isTitleCase(words) ? 'heading' : 'paragraph';
}

function isTitleCase(words: readonly string[]): boolean {
  const long = words.filter((w) => /^\p{L}{4,}/u.test(w));
  return long.length > 0 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.75;
}
