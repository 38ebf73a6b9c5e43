import type MiniSearch from 'minisearch';
import { FIELD_WEIGHTS, type IndexedPassage } from './index-options.js';
import { internalsOf, type MiniSearchInternals } from './mini-internals.js';

/** A query term and its weight (MiniSearch's `boostTerm`). */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/** A passage found by `bestMatches`, with its BM25 score. */
export interface Match {
  readonly id: string;
  readonly score: number;
}

/** MiniSearch's default BM25+ parameters, which the index is searched with. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * What is gathered per passage while scoring, by MiniSearch short id: score, how many of the terms the
 * passage holds, and the last term counted (a term can match in two fields). Kept between calls and
 * grown as needed, so a search allocates nothing per posting; `touched` lists the ids to reset.
 */
const scratch = { scores: new Float64Array(0), terms: new Uint16Array(0), lastTerm: new Int32Array(0) };

/**
 * Per index (keyed by its field-length Map) and field, passage lengths by short id, −1 until first read:
 * a lookup in MiniSearch's Map of 100k lengths costs about 0.5 µs, most of a posting's time. A passage's
 * lengths never change (a changed passage is a new one with a new id), so entries stay valid.
 */
const lengthTables = new WeakMap<object, Int32Array[]>();

function lengthTable(m: MiniSearchInternals, fieldId: number): Int32Array {
  let tables = lengthTables.get(m._fieldLength);
  if (!tables) lengthTables.set(m._fieldLength, (tables = []));
  let table = tables[fieldId];
  if (!table || table.length <= m._nextId) {
    const grown = new Int32Array(Math.max(1024, (m._nextId + 1) * 2)).fill(-1);
    if (table) grown.set(table);
    tables[fieldId] = table = grown;
  }
  return table;
}

function scratchFor(size: number): typeof scratch {
  if (scratch.scores.length < size) {
    const length = Math.max(size, scratch.scores.length * 2, 1024);
    scratch.scores = new Float64Array(length);
    scratch.terms = new Uint16Array(length);
    scratch.lastTerm = new Int32Array(length).fill(-1);
  }
  return scratch;
}

/**
 * The `limit` best passages for some terms, scored exactly as `MiniSearch.search` would score them
 * (BM25+ per term and field, FIELD_WEIGHTS and term weights, times the number of terms matched; OR),
 * read from MiniSearch's own postings. MiniSearch builds a result object with match lists for
 * every passage a term is in (about 2.5 µs a posting: 30 ms for a word in 9,000 of 100k passages);
 * this keeps a score and a term count per passage and only the best `limit` at the end (about 0.1 µs).
 * `keep` filters passages by id before they compete.
 */
export function bestMatches(
  mini: MiniSearch<IndexedPassage>,
  terms: readonly WeightedTerm[],
  limit: number,
  keep?: (id: string) => boolean,
): Match[] {
  const m = internalsOf(mini);
  const { scores, terms: termCounts, lastTerm } = scratchFor(m._nextId + 1);
  const touched: number[] = [];
  terms.forEach(({ term, weight }, t) => {
    const fields = m._index.get(term);
    if (!fields) return;
    for (const [field, fieldId] of Object.entries(m._fieldIds)) {
      const postings = fields.get(fieldId);
      if (!postings) continue;
      const fieldWeight = FIELD_WEIGHTS[field as keyof typeof FIELD_WEIGHTS] ?? 1;
      // Discarded passages linger in the postings until MiniSearch vacuums; they neither count nor score.
      const clean = m._dirtCount === 0;
      let matching = postings.size;
      if (!clean)
        postings.forEach((_freq, doc) => {
          if (!m._documentIds.has(doc)) matching--;
        });
      const idf = Math.log(1 + (m._documentCount - matching + 0.5) / (matching + 0.5));
      const averageLength = m._avgFieldLength[fieldId] ?? 1;
      const factor = weight * fieldWeight * idf;
      const lengths = lengthTable(m, fieldId);
      postings.forEach((freq, doc) => {
        if (!clean && !m._documentIds.has(doc)) return;
        let length = lengths[doc] ?? -1;
        if (length < 0) lengths[doc] = length = m._fieldLength.get(doc)?.[fieldId] ?? 0;
        const score = factor * (BM25.d + (freq * (BM25.k + 1)) / (freq + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)));
        if (termCounts[doc] === 0) {
          touched.push(doc);
          scores[doc] = score;
          termCounts[doc] = 1;
        } else {
          scores[doc] = (scores[doc] ?? 0) + score;
          if (lastTerm[doc] !== t) termCounts[doc] = (termCounts[doc] ?? 0) + 1;
        }
        lastTerm[doc] = t;
      });
    }
  });
  // Passages come in the order they were first met, so on equal scores the earlier one stays ahead, as
  // in MiniSearch's stable sort.
  const best: Match[] = [];
  for (const doc of touched) {
    const final = (scores[doc] ?? 0) * (termCounts[doc] ?? 0);
    scores[doc] = 0;
    termCounts[doc] = 0;
    lastTerm[doc] = -1;
    if (best.length === limit && final <= (best[limit - 1]?.score ?? Infinity)) continue;
    const id = m._documentIds.get(doc);
    if (id === undefined || (keep && !keep(id))) continue;
    let at = best.length;
    while (at > 0 && final > (best[at - 1]?.score ?? Infinity)) at--;
    best.splice(at, 0, { id, score: final });
    if (best.length > limit) best.pop();
  }
  return best;
}
