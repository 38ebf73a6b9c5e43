import { stemmer } from 'stemmer';

// Function words and reporting verbs that say nothing about what happened.
const STOPWORDS = new Set(
  `a about above after again against all also although am an and any are as at be because been before being below
  between both but by can could did do does doing down during each either few for from further had has have having
  he her here hers herself him himself his how i if in into is it its itself just may me might more most must my
  myself no nor not now of off on once only or other our ours ourselves out over own same shall she should so some
  such than that the their theirs them themselves then there these they this those through to too under until up
  upon us very was we were what when where which while who whom why will with within without would yet you your
  yours yourself yourselves said says say told according reportedly also still however additionally despite since
  rather even like including`.split(/\s+/),
);

/** A word of a text with its offsets, lower-cased stem, and whether it carries content. */
export interface Word {
  readonly start: number;
  readonly end: number;
  readonly stem: string;
  readonly content: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words of `text` in order, possessives dropped ("Iran’s" → "iran"), stemmed (Porter). */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const lower = match[0].toLowerCase().replace(/['’]s$/u, '');
    const content = !STOPWORDS.has(lower) && !/^\d{1,3}$/.test(lower);
    words.push({ start: match.index, end: match.index + match[0].length, stem: stemmer(lower), content });
  }
  return words;
}

/** The distinct stems of the content words of `text` ("indicted" and "indictments" → "indict"). */
export function contentStems(text: string): Set<string> {
  return new Set(
    wordsOf(text)
      .filter((w) => w.content)
      .map((w) => w.stem),
  );
}
