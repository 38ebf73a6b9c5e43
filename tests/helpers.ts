import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/corpus/article.js';
import { parseArticle } from '../src/corpus/parse-article.js';

/** The project's root directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The real corpus of the project. */
export const CORPUS_DIR = path.join(ROOT, 'corpus');
/** The public question set. */
export const PUBLIC_QUESTIONS = path.join(ROOT, 'eval/questions.json');

/** An article parsed from an in-memory file, as the corpus loader would read it. */
export function articleFrom(file: string, text: string): Article {
  return parseArticle(file, new TextEncoder().encode(text));
}
