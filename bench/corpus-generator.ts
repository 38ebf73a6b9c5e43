import { hashText } from '../src/corpus/parse-article.js';
import type { Article } from '../src/corpus/article.js';
import { splitArticle } from '../src/passages/split-article.js';
import { Random } from './random.js';
import type { Vocabulary } from './vocabulary.js';

/** A generated corpus and the number of passages the product's splitter makes of it. */
export interface SyntheticCorpus {
  readonly articles: readonly Article[];
  readonly passages: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const TITLES = ['President', 'Minister', 'Senator', 'Governor', 'General', 'Judge'];
const UNITS = ['percent', 'million', 'billion', 'dollars', 'people', 'miles', 'troops'];
const SOURCES = ['Daily Ledger', 'Morning Wire', 'Evening Courier', 'News Foundation', 'Metro Desk'];

/**
 * Generates articles until the splitter has made at least `passages` passages. Sentences are
 * 30–60 words drawn by real English frequency, sprinkled with names, dates and numbers, so a
 * content word selects a few passages as in real news. Deterministic for a given seed.
 */
export function generateCorpus(vocabulary: Vocabulary, passages: number, seed: number): SyntheticCorpus {
  const random = new Random(seed);
  const articles: Article[] = [];
  let count = 0;
  while (count < passages) {
    const article = generateArticle(vocabulary, random, `synthetic-${String(articles.length).padStart(6, '0')}`);
    articles.push(article);
    count += splitArticle(article).passages.length;
  }
  return { articles, passages: count };
}

/** One article of 3–8 paragraphs of 2–5 sentences. */
export function generateArticle(vocabulary: Vocabulary, random: Random, id: string): Article {
  const paragraphs = Array.from({ length: random.int(3, 8) }, () =>
    Array.from({ length: random.int(2, 5) }, () => sentence(vocabulary, random)).join(' '),
  );
  const body = `${paragraphs.join('\n\n')}\n`;
  return {
    id,
    file: `${id}.md`,
    title: capitalise(Array.from({ length: random.int(4, 9) }, () => vocabulary.words.draw(random)).join(' ')),
    source: random.pick(SOURCES),
    url: `https://example.com/${id}`,
    published: `${random.int(2018, 2025)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
    author: null,
    body,
    contentHash: hashText(body),
  };
}

/** A sentence of 30–60 words; about one word in twelve is a name, date or number. */
function sentence(vocabulary: Vocabulary, random: Random): string {
  const target = random.int(30, 60);
  const words: string[] = [];
  while (words.length < target) {
    if (random.chance(0.08)) words.push(...special(vocabulary, random));
    else words.push(vocabulary.words.draw(random));
    if (random.chance(0.06)) words[words.length - 1] += ',';
  }
  if (random.chance(0.25)) words.push('said', ...personName(vocabulary, random));
  const text = words.join(' ').replace(/,$/, '');
  return `${capitalise(text)}.`;
}

function special(vocabulary: Vocabulary, random: Random): string[] {
  switch (random.int(0, 4)) {
    case 0:
      return personName(vocabulary, random);
    case 1:
      return [random.pick(TITLES), vocabulary.names.draw(random)];
    case 2:
      return ['on', random.pick(MONTHS), `${random.int(1, 28)},`, String(random.int(1990, 2025))];
    case 3:
      return [String(random.chance(0.5) ? random.int(2, 99) : random.int(100, 9999)), random.pick(UNITS)];
    default:
      return ['in', vocabulary.names.draw(random)];
  }
}

function personName(vocabulary: Vocabulary, random: Random): string[] {
  return [vocabulary.names.draw(random), vocabulary.names.draw(random)];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
