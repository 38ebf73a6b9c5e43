import { answer } from '../answer/answer.js';
import { articleRef } from '../answer/answer.js';
import type { Answer, AnswerOptions } from '../answer/answer-types.js';
import type { Article, CorpusFailure } from '../corpus/article.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { SearchIndex } from '../search/search-index.js';
import type { FileChange, IndexCounts, Library, PassageContext, ReindexReport, SourceSummary } from './library-types.js';

/** The index in use, with what it was built from. Replaced whole, never changed in place. */
interface LibraryState {
  readonly index: SearchIndex;
  readonly failures: readonly CorpusFailure[];
  readonly version: number;
  readonly updatedAt: Date;
}

/**
 * Loads the corpus directory and returns the Library over it. Broken files are reported in
 * `failures` of the first reindex report (available as `loadReport`), never fatal.
 */
export async function createLibrary(corpusDir: string): Promise<Library & { readonly loadReport: ReindexReport }> {
  const library = new CorpusLibrary(corpusDir);
  const loadReport = await library.reindex();
  return Object.assign(library, { loadReport });
}

class CorpusLibrary implements Library {
  private state: LibraryState = { index: SearchIndex.empty(), failures: [], version: 0, updatedAt: new Date() };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly corpusDir: string) {}

  get version(): number {
    return this.state.version;
  }

  get updatedAt(): Date {
    return this.state.updatedAt;
  }

  answer(question: string, options?: AnswerOptions): Answer {
    return answer(this.state.index, question, options);
  }

  sources(): readonly SourceSummary[] {
    const { index } = this.state;
    return index
      .allArticles()
      .map((article) => ({ article: articleRef(article), file: article.file, passages: index.passagesOf(article.id).length }));
  }

  contextOf(passageId: string): PassageContext | null {
    const { index } = this.state;
    const passage = index.passage(passageId);
    const article = passage && index.article(passage.articleId);
    const paragraph = passage && index.paragraphOf(passage);
    if (!passage || !article || !paragraph) return null;
    return {
      article: articleRef(article),
      paragraph: paragraph.number,
      heading: paragraph.heading,
      paragraphText: article.body.slice(paragraph.start, paragraph.end),
      passageStart: passage.start - paragraph.start,
      passageEnd: passage.end - paragraph.start,
    };
  }

  /** Re-reads the corpus, builds a new index aside and swaps it in; runs one at a time. */
  reindex(): Promise<ReindexReport> {
    const run = this.queue.then(() => this.rebuild());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<ReindexReport> {
    const before = this.state;
    const { articles, failures } = await loadCorpus(this.corpusDir);
    const index = SearchIndex.build(articles);
    this.state = { index, failures, version: before.version + 1, updatedAt: new Date() };
    return {
      before: countsOf(before.index),
      after: countsOf(index),
      changes: diffArticles(before.index.allArticles(), articles, failures),
      failures,
    };
  }
}

function countsOf(index: SearchIndex): IndexCounts {
  return { articles: index.articleCount, passages: index.passageCount };
}

/** What changed per file between two loads of the corpus. */
function diffArticles(before: readonly Article[], after: readonly Article[], failures: readonly CorpusFailure[]): FileChange[] {
  const old = new Map(before.map((a) => [a.file, a]));
  const changes: FileChange[] = after.map((article) => {
    const previous = old.get(article.file);
    const change = !previous
      ? 'added'
      : previous.contentHash === article.contentHash &&
          previous.title === article.title &&
          previous.source === article.source &&
          previous.url === article.url &&
          previous.published === article.published
        ? 'unchanged'
        : 'changed';
    return { file: article.file, change };
  });
  const present = new Set([...after.map((a) => a.file), ...failures.map((f) => f.file)]);
  for (const file of old.keys()) if (!present.has(file)) changes.push({ file, change: 'removed' });
  for (const failure of failures) changes.push({ file: failure.file, change: 'failed', reason: failure.reason });
  return changes.sort((a, b) => a.file.localeCompare(b.file));
}
