import type { AnswerOptions, AnswerPassage, ArticleRef, Highlight, StoryAnswer } from '../../src/answer/answer-types.js';
import type {
  AddedArticle,
  FactsProgress,
  Library,
  PassageContext,
  ReindexReport,
  RemovedArticle,
  SourceSummary,
  Timeline,
} from '../../src/library/library-types.js';
import type { CorpusFailure } from '../../src/corpus/article.js';

/** A fixture article: its reference and its paragraphs (each split into one passage per sentence). */
export interface FakeArticle {
  readonly article: ArticleRef;
  readonly paragraphs: readonly string[];
}

interface FakePassage {
  readonly id: string;
  readonly article: ArticleRef;
  readonly paragraph: number;
  readonly paragraphText: string;
  readonly offset: number;
  readonly text: string;
}

const STOP = new Set('a an and are did does for from how its that the this was were what when where which who whom why with'.split(' '));
/** Words that point back to an earlier question ("when was that?"). */
const ANAPHORA = /\b(that|it|this|they|them|then|he|she)\b/i;

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w));
}

/**
 * A small but real in-memory Library for tests: word matching over fixture sentences, with
 * highlights, follow-up context (an anaphoric or short question borrows the last earlier question's
 * words), article filter, paragraph context and a reindex that swaps in `next` when given.
 */
export class FakeLibrary implements Library {
  #passages: FakePassage[] = [];
  #articles: readonly FakeArticle[] = [];
  version = 0;
  updatedAt = new Date(0);

  constructor(
    articles: readonly FakeArticle[],
    private readonly next?: { articles: readonly FakeArticle[]; failures: readonly CorpusFailure[] },
  ) {
    this.#load(articles);
  }

  #load(articles: readonly FakeArticle[]): void {
    this.#articles = articles;
    this.#passages = articles.flatMap(({ article, paragraphs }) =>
      paragraphs.flatMap((paragraphText, p) => {
        const sentences = paragraphText.match(/[^.!?]+[.!?]*\s*/g) ?? [];
        let offset = 0;
        return sentences.map((raw, s) => {
          const passage = { id: `${article.id}:${p + 1}:${s}`, article, paragraph: p + 1, paragraphText, offset, text: raw.trimEnd() };
          offset += raw.length;
          return passage;
        });
      }),
    );
    this.version += 1;
    this.updatedAt = new Date();
  }

  answer(question: string, options: AnswerOptions = {}): StoryAnswer {
    let wanted = words(question);
    const previous = options.context?.at(-1);
    if (previous && (wanted.length < 2 || ANAPHORA.test(question))) wanted = [...wanted, ...words(previous)];
    const scored = this.#passages
      .filter((p) => !options.articleId || p.article.id === options.articleId)
      .map((p): AnswerPassage => {
        const highlights = wordHighlights(p.text, new Set(wanted));
        return {
          passageId: p.id,
          text: p.text,
          highlights,
          article: p.article,
          paragraph: p.paragraph,
          heading: null,
          start: p.offset,
          end: p.offset + p.text.length,
          score: highlights.length,
        };
      })
      .filter((p) => p.score > 0)
      .sort((a, b) => b.score - a.score);
    return { question, passages: scored.slice(0, options.limit ?? 3), tookMs: 0, facts: [], reports: [] };
  }

  timeline(): Promise<Timeline> {
    return Promise.resolve({ events: [], progress: this.factsProgress() });
  }

  factsProgress(): FactsProgress {
    return { passages: this.#passages.length, passagesRead: this.#passages.length };
  }

  factsReady(): Promise<void> {
    return Promise.resolve();
  }

  addArticle(): Promise<AddedArticle> {
    return Promise.reject(new Error('FakeLibrary cannot add articles: use createLibrary over a temporary corpus'));
  }

  removeArticle(): Promise<RemovedArticle> {
    return Promise.reject(new Error('FakeLibrary cannot remove articles: use createLibrary over a temporary corpus'));
  }

  async close(): Promise<void> {}

  sources(): readonly SourceSummary[] {
    return this.#articles.map(({ article }) => ({
      article,
      file: `${article.id}.md`,
      passages: this.#passages.filter((p) => p.article.id === article.id).length,
    }));
  }

  contextOf(passageId: string): PassageContext | null {
    const p = this.#passages.find((x) => x.id === passageId);
    if (!p) return null;
    return {
      article: p.article,
      paragraph: p.paragraph,
      heading: null,
      paragraphText: p.paragraphText,
      passageStart: p.offset,
      passageEnd: p.offset + p.text.length,
    };
  }

  async reindex(): Promise<ReindexReport> {
    const before = { articles: this.#articles.length, passages: this.#passages.length };
    const failures = this.next?.failures ?? [];
    if (this.next) this.#load(this.next.articles);
    return {
      before,
      after: { articles: this.#articles.length, passages: this.#passages.length },
      changes: failures.map((f) => ({ file: f.file, change: 'failed' as const, reason: f.reason })),
      failures,
    };
  }
}

function wordHighlights(text: string, wanted: ReadonlySet<string>): Highlight[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)]
    .filter((m) => wanted.has(m[0].toLowerCase()))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Two short articles on the story, plus one with a hostile passage (pings and markdown). */
export const FIXTURE_ARTICLES: readonly FakeArticle[] = [
  {
    article: {
      id: 'wsj-iran-message',
      title: 'Iran told the US it would not try to kill Trump',
      source: 'Daily Caller News Foundation',
      url: 'https://example.com/iran-message',
      published: '2024-11-15',
    },
    paragraphs: [
      'Iran reportedly delivered a message to the United States last month: Iran will not attempt to assassinate Trump.',
      'Months before the election, U.S. officials warned Iran through back channels that any attempt to kill Trump would be an act of war. Iran answered on Oct. 14 that it would not do so.',
    ],
  },
  {
    article: { id: 'de-escalation', title: "Iran's de-escalatory message", source: 'unknown', url: null, published: null },
    paragraphs: [
      'The Biden administration warned Iran in September that any attack on Trump would be considered an act of war.',
      'In October, Iran sent a message through an intermediary saying it was not pursuing Trump.',
    ],
  },
  {
    article: {
      id: 'hostile',
      title: 'Pranks *and* @everyone',
      source: 'Troll Times',
      url: 'https://example.com/troll',
      published: '2024-01-01',
    },
    paragraphs: ['The zebra crossing prank said @everyone <@123456789012345678> **look** [here](https://evil/click) at the zebra.'],
  },
];
