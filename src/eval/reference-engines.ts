import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';
import type { Passage } from '../passages/passage.js';

/** A retrieval engine as the eval asks it: the best passages for a question, best first. */
export interface RetrievalEngine {
  search(question: string, limit: number): readonly Passage[];
}

const K1 = 1.2;
const B = 0.75;
const STOP_WORDS = new Set(englishStopWords);

/** Lower-cased words without the stopword package's English list, Porter-stemmed. */
export function bm25Terms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w)).map((w) => stemmer(w));
}

/**
 * Textbook Okapi BM25 (k1 1.2, b 0.75, idf ln(1 + (N − n + ½)/(n + ½))) over passages: the
 * reference storybot's ranking is measured against. Passages holding none of the question's terms
 * are never returned; equal scores keep the passages' order.
 */
export class Bm25Engine implements RetrievalEngine {
  readonly #passages: readonly Passage[];
  /** Per term, the passages holding it (by index) and how often. */
  readonly #postings = new Map<string, Map<number, number>>();
  readonly #lengths: number[];
  readonly #averageLength: number;

  constructor(passages: readonly Passage[]) {
    this.#passages = passages;
    this.#lengths = passages.map((passage, index) => {
      const terms = bm25Terms(passage.text);
      for (const term of terms) {
        const posting = this.#postings.get(term) ?? new Map<number, number>();
        posting.set(index, (posting.get(index) ?? 0) + 1);
        this.#postings.set(term, posting);
      }
      return terms.length;
    });
    this.#averageLength = this.#lengths.reduce((a, b) => a + b, 0) / Math.max(1, passages.length);
  }

  search(question: string, limit: number): readonly Passage[] {
    return this.scored(question, limit).map((r) => r.passage);
  }

  /** The best passages with their BM25 scores, best first. */
  scored(question: string, limit: number): { passage: Passage; score: number }[] {
    const scores = new Map<number, number>();
    const n = this.#passages.length;
    for (const term of new Set(bm25Terms(question))) {
      const posting = this.#postings.get(term);
      if (posting === undefined) continue;
      const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
      for (const [index, tf] of posting) {
        const norm = K1 * (1 - B + (B * (this.#lengths[index] ?? 0)) / this.#averageLength);
        scores.set(index, (scores.get(index) ?? 0) + (idf * tf * (K1 + 1)) / (tf + norm));
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([index, score]) => ({ passage: this.#passages[index]!, score }));
  }
}

/** MiniSearch with all its defaults (BM25+, no prefix or fuzzy match, stop words kept) over the passages' text. */
export class MiniSearchEngine implements RetrievalEngine {
  readonly #byId: Map<string, Passage>;
  readonly #mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });

  constructor(passages: readonly Passage[]) {
    this.#byId = new Map(passages.map((p) => [p.id, p]));
    this.#mini.addAll(passages.map((p) => ({ id: p.id, text: p.text })));
  }

  search(question: string, limit: number): readonly Passage[] {
    return this.#mini
      .search(question)
      .slice(0, limit)
      .map((result) => this.#byId.get(result.id as string)!);
  }
}

/** The reference engines by name, with what their answers depend on besides passages and packages: their code. */
export const REFERENCE_ENGINES = {
  bm25: { build: (passages: readonly Passage[]): RetrievalEngine => new Bm25Engine(passages), code: `${Bm25Engine}\n${bm25Terms}` },
  minisearch: { build: (passages: readonly Passage[]): RetrievalEngine => new MiniSearchEngine(passages), code: `${MiniSearchEngine}` },
} as const;
