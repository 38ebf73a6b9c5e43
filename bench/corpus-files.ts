import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../src/corpus/article.js';

/** An article as a corpus file: YAML front matter, then the body. */
export function articleFileText(article: Article): string {
  const front = [`title: ${JSON.stringify(article.title)}`, `source: ${JSON.stringify(article.source)}`];
  if (article.url) front.push(`url: ${article.url}`);
  if (article.published) front.push(`published: ${article.published}`);
  return `---\n${front.join('\n')}\n---\n${article.body}`;
}

/** Writes articles as files of a corpus directory (created if missing). */
export async function writeCorpus(dir: string, articles: readonly Article[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const article of articles) await writeFile(path.join(dir, article.file), articleFileText(article));
}
