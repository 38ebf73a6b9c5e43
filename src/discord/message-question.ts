import { termWeight, type WordRarity } from '../facts/same-event.js';
import { splitSentences } from '../passages/sentences.js';
import { normalizeText } from '../search/terms.js';

/**
 * Longest question made from a message (characters): one or two sentences. Shorter than a typed question
 * may be (500): the engine asks that an answer cover half of the question's rare words, so a paragraph
 * of several claims is hardly ever answered by one passage, while its most telling sentence can be.
 */
export const MESSAGE_QUESTION_CHARS = 200;

// Discord markup that is not words: user/role/channel mentions, custom emoji, timestamps, links.
const DISCORD_TOKENS = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:\d+(?::\w)?>|<?https?:\/\/\S+>?/g;
// Markdown markers: bold, italics, strike-through, spoilers, code, and line starts of quotes, headings, small text, lists.
const MARKERS = /\*\*|__|~~|\|\||`+|^\s*(?:>>>|>|#{1,3}|-#|[-*]|\d+\.)\s+/gm;

/**
 * The question asked for a message ("Find in the articles"): its text without Discord markup, or, when
 * longer than `maxChars`, its most informative sentences in their order — those whose words are rarest
 * in the articles (the engine's own term rarity; words the articles never use tell nothing about them),
 * the best one and any others at least half as telling, as many as fit.
 * Null when the message has no words (an image only, emoji, a bare link).
 */
export function questionFromMessage(content: string, rarity: WordRarity, maxChars: number = MESSAGE_QUESTION_CHARS): string | null {
  const text = content.replace(DISCORD_TOKENS, ' ').replace(MARKERS, ' ');
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= maxChars) return folded;

  const sentences = text
    .split(/\n+/)
    .flatMap((line) => splitSentences(line).map(({ start, end }) => line.slice(start, end).replace(/\s+/g, ' ')))
    .map((sentence, order) => ({ sentence, order, weight: informativeness(sentence, rarity) }));
  const mostTelling = [...sentences].sort((a, b) => b.weight - a.weight || a.order - b.order);
  // Only sentences about as telling as the best one join it: small talk around a claim stays out.
  const floor = (mostTelling[0]?.weight ?? 0) / 2;
  const chosen: typeof sentences = [];
  let length = -1;
  for (const candidate of mostTelling) {
    if (candidate.weight < floor || candidate.weight === 0) break;
    if (chosen.some((c) => c.sentence === candidate.sentence)) continue;
    if (length + 1 + candidate.sentence.length > maxChars) continue;
    chosen.push(candidate);
    length += 1 + candidate.sentence.length;
  }
  // No telling sentence fits (or none uses a word of the articles): the first words of the most telling one.
  if (chosen.length === 0) return firstWords(mostTelling[0]?.sentence ?? folded, maxChars);
  return chosen
    .sort((a, b) => a.order - b.order)
    .map((c) => c.sentence)
    .join(' ');
}

/** Sum of the rarity of a sentence's distinct index terms that the articles contain. */
function informativeness(sentence: string, rarity: WordRarity): number {
  let sum = 0;
  for (const term of new Set(normalizeText(sentence))) if (rarity.frequency.get(term) !== undefined) sum += termWeight(term, rarity);
  return sum;
}

/** The words of `text` that fit in `max` characters (a sentence longer than the whole budget). */
function firstWords(text: string, max: number): string {
  const cut = text.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, max)).trim();
}
