import type { Article } from '../corpus/article.js';
import { splitBlocks, type Block } from './blocks.js';
import { passageId, type Passage } from './passage.js';
import { splitSentences, type Span } from './sentences.js';

/** Longest passage, in characters. */
export const MAX_PASSAGE_CHARS = 600;
/**
 * Most passages one article is cut into. What an article costs (indexing, snapshot, facts) grows
 * with its passages, and one indexing step must not hold up answers for long: a 900 KB file of
 * one-word lines would make over 100,000. A long news feature makes a few hundred; text past the
 * bound is not indexed.
 */
export const MAX_PASSAGES_PER_ARTICLE = 2000;
/** A sentence shorter than this is joined to its neighbour rather than indexed alone. */
const MIN_SENTENCE_CHARS = 40;

/** One paragraph (or list item) of an article with its sentences, as offsets into the body. */
export interface Paragraph {
  readonly articleId: string;
  /** 1-based number among the article's blocks (headings and list items count). */
  readonly number: number;
  readonly heading: string | null;
  readonly start: number;
  readonly end: number;
  readonly sentences: readonly Span[];
}

/** An article cut into paragraphs and into the passages that are indexed. */
export interface SplitArticle {
  readonly paragraphs: readonly Paragraph[];
  readonly passages: readonly Passage[];
}

/**
 * Splits an article into paragraphs and passages. Each indexed passage is one sentence, joined
 * with a neighbour when very short, never longer than MAX_PASSAGE_CHARS (an overlong sentence is
 * cut on a word), and always a verbatim slice `body.slice(start, end)` of the article. At most
 * MAX_PASSAGES_PER_ARTICLE passages are made: the paragraphs after the one that reaches the bound are left out.
 */
export function splitArticle(article: Article): SplitArticle {
  const paragraphs: Paragraph[] = [];
  const passages: Passage[] = [];
  let heading: string | null = null;
  let index = -1;
  for (const block of blocksOf(article.body)) {
    index++;
    if (passages.length >= MAX_PASSAGES_PER_ARTICLE) break;
    const text = article.body.slice(block.start, block.end);
    if (block.kind === 'heading') {
      heading = text;
      continue;
    }
    const sentences = splitSentences(text).map((s) => ({ start: block.start + s.start, end: block.start + s.end }));
    const paragraph: Paragraph = { articleId: article.id, number: index + 1, heading, start: block.start, end: block.end, sentences };
    paragraphs.push(paragraph);
    for (const group of groupShortSentences(sentences)) {
      for (const span of capLength(article.body, group.span)) {
        if (passages.length >= MAX_PASSAGES_PER_ARTICLE) break;
        passages.push({
          id: passageId(article.id, paragraph.number, group.first, span.start - group.span.start),
          articleId: article.id,
          paragraph: paragraph.number,
          heading,
          start: span.start,
          end: span.end,
          text: article.body.slice(span.start, span.end),
          firstSentence: group.first,
          lastSentence: group.last,
        });
      }
    }
  }
  return { paragraphs, passages };
}

/** Blocks are found this many characters at a time, so that a huge article stops costing at the bound. */
const BLOCK_CHUNK_CHARS = 16_384;

/** splitBlocks over the body, a chunk of whole lines at a time: the same blocks, as they are needed. */
function* blocksOf(body: string): Generator<Block> {
  let start = 0;
  while (start < body.length) {
    const newline = body.indexOf('\n', Math.min(body.length, start + BLOCK_CHUNK_CHARS));
    const end = newline === -1 ? body.length : newline + 1;
    for (const block of splitBlocks(body.slice(start, end))) yield { kind: block.kind, start: start + block.start, end: start + block.end };
    start = end;
  }
}

interface SentenceGroup {
  readonly first: number;
  /** One past the last sentence. */
  readonly last: number;
  readonly span: Span;
}

/** Joins a very short sentence (a fragment such as "said W.S.J.") to the sentence before it. */
function groupShortSentences(sentences: readonly Span[]): SentenceGroup[] {
  const groups: SentenceGroup[] = [];
  sentences.forEach((sentence, i) => {
    const previous = groups.at(-1);
    const short = sentence.end - sentence.start < MIN_SENTENCE_CHARS;
    const previousShort = previous !== undefined && previous.span.end - previous.span.start < MIN_SENTENCE_CHARS;
    if (previous && (short || previousShort) && sentence.end - previous.span.start <= MAX_PASSAGE_CHARS) {
      groups[groups.length - 1] = { first: previous.first, last: i + 1, span: { start: previous.span.start, end: sentence.end } };
    } else {
      groups.push({ first: i, last: i + 1, span: sentence });
    }
  });
  return groups;
}

/** Cuts a span longer than MAX_PASSAGE_CHARS into pieces that end on a word. */
function capLength(body: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_PASSAGE_CHARS) {
    const window = body.slice(start, start + MAX_PASSAGE_CHARS);
    const cut = window.lastIndexOf(' ');
    const end = start + (cut > MAX_PASSAGE_CHARS / 2 ? cut : MAX_PASSAGE_CHARS);
    pieces.push({ start, end: body.slice(start, end).trimEnd().length + start });
    start = end;
    while (start < span.end && /\s/.test(body.charAt(start))) start++;
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  return pieces;
}
