import lunr from 'lunr';
import MiniSearch, { type Options } from 'minisearch';
import type { Passage } from '../src/passages/passage.js';
import stopWordData from '../src/search/stop-words.json' with { type: 'json' };

/** A reference search engine, built over the same passages and asked the same questions. */
export interface Anchor {
  readonly name: string;
  /** Builds the engine over the passages; returns a search function. */
  build(passages: readonly Passage[]): (question: string) => unknown;
}

const STOP_WORDS = new Set(stopWordData.words);

function miniSearchAnchor(name: string, options: Partial<Options<Passage>>): Anchor {
  return {
    name,
    build(passages) {
      const mini = new MiniSearch<Passage>({ idField: 'id', fields: ['text'], ...options });
      mini.addAll(passages);
      return (question) => mini.search(question);
    },
  };
}

/** MiniSearch with its default options. */
export const MINISEARCH_DEFAULT = miniSearchAnchor('minisearch', {});

/**
 * MiniSearch with an English stop-word list (ours), lower-casing and nothing else: the best a
 * user gets from it by hand, and the reference `answer()` is held to.
 */
export const MINISEARCH_TUNED = miniSearchAnchor('minisearch+stop-words', {
  processTerm: (term) => {
    const lower = term.toLowerCase();
    return STOP_WORDS.has(lower) ? null : lower;
  },
});

/** lunr with its defaults (English stemmer and stop words). */
export const LUNR: Anchor = {
  name: 'lunr',
  build(passages) {
    const index = lunr(function () {
      this.ref('id');
      this.field('text');
      for (const passage of passages) this.add({ id: passage.id, text: passage.text });
    });
    // lunr reads + - : ~ ^ * as query syntax; a question uses them as punctuation.
    return (question) => index.search(question.replace(/[+\-:~^*]/g, ' '));
  },
};
