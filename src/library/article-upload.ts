import path from 'node:path';
import matter from 'gray-matter';
import { UNKNOWN_SOURCE, type Article } from '../corpus/article.js';
import { MAX_ARTICLE_BYTES } from '../corpus/load-corpus.js';
import { ARTICLE_EXTENSIONS, ArticleError, parseArticle } from '../corpus/parse-article.js';
import { splitArticle } from '../passages/split-article.js';
import { ArticleRejected } from './library-errors.js';
import type { ArticleUpload } from './library-types.js';

/** An upload that passed every check: the file to write into the corpus, and the article it holds. */
export interface PreparedUpload {
  /** Generated file name (no directory part). */
  readonly file: string;
  readonly bytes: Buffer;
  readonly article: Article;
}

const METADATA_KEYS = ['title', 'source', 'url', 'published', 'author'] as const;
const SLUG_WORDS = 8;
const SLUG_MAX_CHARS = 48;
const HASH_CHARS = 8;

/**
 * Checks an upload and turns it into the file to save: a generated name (slug of the title or
 * first words, plus a short hash of the text; never a name or path from the upload), the upload's
 * text with its metadata as YAML front matter, and the parsed article. Throws an ArticleRejected
 * for a wrong type, too big, not text, empty, or bad front matter. Duplicates are the caller's
 * check: they depend on the library's contents.
 */
export function prepareUpload(upload: ArticleUpload): PreparedUpload {
  const fileName = upload.fileName ?? 'upload.md';
  checkUploadFile(fileName, upload.bytes.length);
  const ext = path.extname(fileName).toLowerCase();
  if (upload.bytes.length === 0) throw new ArticleRejected('empty', 'The file is empty: send the article text.');
  if (upload.bytes.includes(0))
    throw new ArticleRejected('encoding', 'This is not a text file: send the article as UTF-8 text (.md or .txt).');
  const uploaded = parse(`upload${ext}`, upload.bytes);
  // parseArticle falls back to a title made from the file name; parsing under another name tells a stated title from that fallback.
  const statedTitle = parse(`other${ext}`, upload.bytes).title === uploaded.title ? uploaded.title : undefined;
  const metadata: Record<string, string> = {};
  const known = { ...uploaded, title: statedTitle, source: uploaded.source === UNKNOWN_SOURCE ? undefined : uploaded.source };
  for (const key of METADATA_KEYS) {
    const value = upload[key] ?? known[key] ?? undefined;
    if (value !== undefined && value !== null) metadata[key] = value;
  }
  const hasMetadata = Object.keys(metadata).length > 0;
  // Front matter needs Markdown; a plain-text upload without metadata stays as sent.
  const file = `${slugOf(metadata.title ?? uploaded.body)}-${uploaded.contentHash.slice(0, HASH_CHARS)}${hasMetadata ? '.md' : ext}`;
  const bytes = hasMetadata ? Buffer.from(matter.stringify(uploaded.body, metadata), 'utf8') : Buffer.from(upload.bytes);
  checkSize(bytes.length);
  const article = parse(file, bytes);
  if (splitArticle(article).passages.length === 0)
    throw new ArticleRejected('empty', 'The file holds no sentences to quote (only headings).');
  if (article.contentHash !== uploaded.contentHash) {
    throw new Error(`storybot: saving the upload as ${file} would change its text; this is a bug in prepareUpload`);
  }
  return { file, bytes, article };
}

/**
 * Refuses, before its bytes are read, a file that cannot be an article: a type other than .md or
 * .txt, or more than MAX_ARTICLE_BYTES (front ends call it on what they know of a file before
 * downloading it). Throws an ArticleRejected.
 */
export function checkUploadFile(fileName: string, size: number): void {
  const ext = path.extname(fileName).toLowerCase();
  if (!ARTICLE_EXTENSIONS.includes(ext)) {
    throw new ArticleRejected(
      'type',
      `Only ${ARTICLE_EXTENSIONS.join(' and ')} files can be added (this one is ${ext === '' ? 'without extension' : ext}). Save the article as text and send it again.`,
    );
  }
  checkSize(size);
}

function checkSize(bytes: number): void {
  if (bytes > MAX_ARTICLE_BYTES) {
    throw new ArticleRejected(
      'size',
      `The file is too big (${megabytes(bytes)}; at most ${megabytes(MAX_ARTICLE_BYTES)}). Send the article text only.`,
    );
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function parse(file: string, bytes: Uint8Array): Article {
  try {
    return parseArticle(file, bytes);
  } catch (error) {
    if (!(error instanceof ArticleError)) throw error;
    if (error.message.startsWith('bad front matter')) throw new ArticleRejected('front-matter', `${capitalize(error.message)}.`);
    if (error.message.startsWith('not UTF-8'))
      throw new ArticleRejected('encoding', 'This is not UTF-8 text: save the article as UTF-8 (.md or .txt) and send it again.');
    throw new ArticleRejected('empty', 'The file holds no article text (only front matter or white space).');
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A file-name-safe slug of a text's first words: lower-case ASCII letters, digits and hyphens. */
export function slugOf(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, SLUG_WORDS);
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX_CHARS) break;
    slug = next;
  }
  return slug === '' ? 'article' : slug;
}
