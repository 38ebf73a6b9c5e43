import type { AddedArticle, ArticleUpload, Library } from '../library/library-types.js';
import type { PageArticle } from './page-article.js';
import { safeFetch, type FetchPolicy } from './safe-fetch.js';
import { readPageOffThread } from './web-reader.js';

/** Media types of the pages an article is read from. */
export const HTML_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml'];

/** Metadata an admin gives with a link; each overrides what the page says. */
export interface LinkOverrides {
  readonly title?: string;
  readonly source?: string;
  readonly published?: string;
  readonly author?: string;
}

/** The metadata keys a reply reports as found or not found. */
const REPORTED_FIELDS = ['title', 'source', 'published', 'author'] as const;

/** An article added (or updated) from a link, with what the page itself said. */
export interface LinkArticle {
  readonly added: AddedArticle;
  /** False for an update that found the article as it already was. */
  readonly changed: boolean;
  readonly page: PageArticle;
  /** The reported fields neither the page nor the admin gave: left unset. */
  readonly missing: readonly (typeof REPORTED_FIELDS)[number][];
}

/** How replies name the reported fields. */
const FIELD_LABELS = { title: 'title', source: 'publisher', published: 'date', author: 'author' } as const;

/**
 * What a reply says about an article read from a link, one sentence each: the paragraphs read, the
 * fields the page gave, those the admin gave (`given`: they win over the page), those left unset.
 */
export function describeLinkArticle({ page, missing }: LinkArticle, given: readonly string[], link: (url: string) => string): string[] {
  const labels = (keys: readonly (typeof REPORTED_FIELDS)[number][]): string => keys.map((k) => FIELD_LABELS[k]).join(', ');
  const found = REPORTED_FIELDS.filter((k) => page.metadata[k] !== undefined && !given.includes(k));
  const stated = REPORTED_FIELDS.filter((k) => given.includes(k));
  return [
    `Read ${page.paragraphs} ${page.paragraphs === 1 ? 'paragraph' : 'paragraphs'} from ${link(page.metadata.url)}.`,
    found.length > 0 ? `Found on the page: ${labels(found)}.` : 'The page states no title, publisher, date or author.',
    ...(stated.length > 0 ? [`Given by you: ${labels(stated)}.`] : []),
    ...(missing.length > 0 ? [`Not found, left unset: ${labels(missing)}.`] : []),
  ];
}

/** Fetches a page under the safety policy and reads its article (LinkRefused when it cannot). */
export async function fetchPageArticle(url: string, policy: FetchPolicy): Promise<PageArticle> {
  const page = await safeFetch({ url, accept: HTML_TYPES, wanted: 'an HTML page' }, policy);
  // safeFetch answers notModified only to a conditional request, and this one is not.
  if (page.notModified) throw new Error(`storybot: ${url} answered 304 to an unconditional request`);
  return readPageOffThread(page.text, page.url);
}

/**
 * Adds the article at a link to the library, as an ordinary Markdown file with front matter named
 * from its headline. With `update`, replaces that article instead (a feed item whose content
 * changed). Refusals: LinkRefused (fetch, type, size, no article) or the library's ArticleRejected
 * (same text or same canonical URL as an indexed article); nothing is written then.
 */
export async function addArticleFromLink(
  library: Library,
  url: string,
  policy: FetchPolicy,
  overrides: LinkOverrides = {},
  update?: { readonly articleId: string },
): Promise<LinkArticle> {
  const page = await fetchPageArticle(url, policy);
  const upload = uploadOf(page, overrides);
  const added = update ? await library.updateArticle(update.articleId, upload) : { ...(await library.addArticle(upload)), changed: true };
  const { changed, ...article } = added;
  return { added: article, changed, page, missing: REPORTED_FIELDS.filter((key) => upload[key] === undefined) };
}

/** The upload of a page's article: its Markdown with the page's metadata, the admin's overriding it. */
export function uploadOf(page: PageArticle, overrides: LinkOverrides): ArticleUpload {
  const { metadata } = page;
  const pick = (key: (typeof REPORTED_FIELDS)[number]): Partial<ArticleUpload> => {
    const value = overrides[key] ?? metadata[key];
    return value === undefined ? {} : { [key]: value };
  };
  return {
    fileName: 'page.md',
    bytes: new TextEncoder().encode(page.markdown),
    url: metadata.url,
    ...pick('title'),
    ...pick('source'),
    ...pick('published'),
    ...pick('author'),
  };
}
