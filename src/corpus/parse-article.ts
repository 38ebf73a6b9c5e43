import { createHash } from 'node:crypto';
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { UNKNOWN_SOURCE, type Article } from './article.js';

/** Extensions of article files; anything else in the corpus directory is ignored. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.md', '.txt'];

/** An article file that cannot be used, with a reason fit to show to the person who added it. */
export class ArticleError extends Error {
  override readonly name = 'ArticleError';
}

/** The front-matter keys storybot reads; others are ignored (and reported). */
export const FRONT_MATTER_KEYS: readonly string[] = ['title', 'source', 'url', 'published', 'author'];

/** An article as parsed, with the front-matter keys it had that storybot does not read. */
export interface ParsedArticle {
  readonly article: Article;
  readonly ignoredKeys: readonly string[];
}

/**
 * Parses one article file. Markdown files may start with YAML front matter (`title`, `source`,
 * `url`, `published`, `author`; other keys such as `tags` are ignored); `.txt` files are plain text.
 * What is not stated stays unset: the title then falls back to a label made from the file name, the
 * source to "unknown". Throws an ArticleError saying what is wrong and how to fix it.
 */
export function parseArticle(file: string, bytes: Uint8Array): Article {
  return parseArticleFile(file, bytes).article;
}

/** `parseArticle`, also telling which front-matter keys were ignored. */
export function parseArticleFile(file: string, bytes: Uint8Array): ParsedArticle {
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ArticleError('not UTF-8 text: save the file as UTF-8');
  }
  raw = raw.replace(/^\uFEFF/, '');
  const { data, body, ignoredKeys } = path.extname(file).toLowerCase() === '.md' ? splitFrontMatter(raw) : { data: {}, body: raw, ignoredKeys: [] };
  if (body.trim() === '') throw new ArticleError('the article has no text');

  const id = articleIdOf(file);
  const article: Article = {
    id,
    file,
    title: data.title ?? labelFromFileName(id),
    source: data.source ?? UNKNOWN_SOURCE,
    url: data.url ?? null,
    published: data.published ?? null,
    author: data.author ?? null,
    body,
    contentHash: hashText(body),
  };
  return { article, ignoredKeys };
}

/** The article id of a corpus file: its base name without extension. */
export function articleIdOf(file: string): string {
  return path.basename(file, path.extname(file));
}

/** SHA-256 (hex) of a text, used to spot duplicate and changed articles. */
export function hashText(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n').trim()).digest('hex');
}

interface FrontMatter {
  title?: string;
  source?: string;
  url?: string;
  published?: string;
  author?: string;
}

function splitFrontMatter(raw: string): { data: FrontMatter; body: string; ignoredKeys: string[] } {
  if (!/^---\r?\n/.test(raw)) return { data: {}, body: raw, ignoredKeys: [] };
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(raw.slice(3))) {
    throw new ArticleError("bad front matter: no closing '---' line");
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // The `yaml` package's core schema keeps dates as written (js-yaml would turn 2024-13-45 into
    // a valid Date); passing options also turns off gray-matter's cache, which would hide edits.
    parsed = matter(raw, { engines: { yaml: (text: string) => (parseYaml(text) ?? {}) as object } });
  } catch (error) {
    // yaml's first line ends with a colon that introduces the excerpt shown below it.
    const reason = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(/:\s*$/, '');
    throw new ArticleError(`bad front matter: ${reason} (front matter is YAML between two '---' lines)`);
  }
  if (typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    throw new ArticleError('bad front matter: expected keys such as title: and source:');
  }
  return {
    data: validateFrontMatter(parsed.data),
    body: parsed.content.replace(/^\r?\n/, ''),
    // Real Markdown often carries tags, category, image…: the article is still good, the keys are only not used.
    ignoredKeys: Object.keys(parsed.data).filter((key) => !FRONT_MATTER_KEYS.includes(key)),
  };
}

function validateFrontMatter(data: Record<string, unknown>): FrontMatter {
  const result: FrontMatter = {};
  for (const key of ['title', 'source', 'author'] as const) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.trim() === '') throw new ArticleError(`bad front matter: '${key}' must be a non-empty text`);
    result[key] = value.trim();
  }
  if (data.url !== undefined && data.url !== null) {
    if (typeof data.url !== 'string' || !/^https?:\/\/\S+$/.test(data.url)) {
      throw new ArticleError("bad front matter: 'url' must be an http(s) address");
    }
    result.url = data.url;
  }
  if (data.published !== undefined && data.published !== null) {
    result.published = normalizePublished(data.published);
  }
  return result;
}

function normalizePublished(value: unknown): string {
  const text = String(value).trim();
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (match) {
    const [, , month, day] = match;
    const probe = new Date(`${match[1]}-${month ?? '01'}-${day ?? '01'}T00:00:00Z`);
    if (!Number.isNaN(probe.getTime()) && probe.toISOString().startsWith(text)) return text;
  }
  throw new ArticleError(`bad front matter: 'published' must be a date like 2024-11-20, 2024-11 or 2024 (got '${text}')`);
}

function labelFromFileName(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
