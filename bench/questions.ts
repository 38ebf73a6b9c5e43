import type { Passage } from '../src/passages/passage.js';
import stopWordData from '../src/search/stop-words.json' with { type: 'json' };
import { Random } from './random.js';

/** Words this frequent (by rank) are never what a question is about. */
const COMMON_RANK = 300;
const STOP_WORDS = new Set(stopWordData.words);

/**
 * Asks `count` questions about randomly chosen passages: each names two or three content words
 * of its passage (none of the 300 most frequent words) and, where the passage has one, a name,
 * wrapped in the usual question words. Deterministic for a given seed.
 */
export function generateQuestions(passages: readonly Passage[], rank: ReadonlyMap<string, number>, count: number, seed: number): string[] {
  const random = new Random(seed);
  const questions: string[] = [];
  for (let attempt = 0; questions.length < count && attempt < count * 20; attempt++) {
    const question = questionAbout(random.pick(passages).text, rank, random);
    if (question) questions.push(question);
  }
  return questions;
}

function questionAbout(text: string, rank: ReadonlyMap<string, number>, random: Random): string | null {
  const content = [...new Set(text.match(/\b[a-z]{3,}\b/g) ?? [])].filter(
    (w) => !STOP_WORDS.has(w) && (rank.get(w) ?? Infinity) >= COMMON_RANK,
  );
  if (content.length < 2) return null;
  const start = random.int(0, content.length - 2);
  const [a, b, c] = content.slice(start, start + random.int(2, 3)) as [string, string, string | undefined];
  const words = c ? `${a} ${b} ${c}` : `${a} ${b}`;
  // A name is two capitalised words together, not at the start of the sentence.
  const name = /(?<=\s)\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+/u.exec(text)?.[0];
  switch (random.int(0, 5)) {
    case 0:
      return `Who ${words}?`;
    case 1:
      return `When did ${name ?? 'they'} ${words}?`;
    case 2:
      return name ? `What did ${name} say about ${words}?` : `What was said about ${words}?`;
    case 3:
      return `Where did the ${words} happen?`;
    case 4:
      return `How many ${words}?`;
    default:
      return `Why ${words}?`;
  }
}
