import type Nlp from 'compromise';
import { createRequire } from 'node:module';
import { findKnownNames, findTitledNames, leadingTitles, lookUpName, titlesBefore, type NameKind } from './known-names.js';

/** A person, organisation or place named in a text. */
export interface NameMention {
  readonly kind: NameKind;
  /** Offsets of the mention as written, titles included ("Maj. Gen. Qassim Suleimani"). */
  readonly start: number;
  readonly end: number;
  /** Canonical name: from the alias list, else the name as written without titles or possessive. */
  readonly normalized: string;
}

interface Candidate extends NameMention {
  /** Which finder proposed it; on equal length the alias list wins, then compromise, then titles. */
  readonly rank: 0 | 1 | 2;
}

const FROM_ALIAS_LIST = 0;
const FROM_COMPROMISE = 1;
const FROM_TITLE = 2;

const requireModule = createRequire(import.meta.url);
let loaded: typeof Nlp | undefined;

/**
 * compromise, loaded on first use (0.3 s) so that commands which quote nothing do not pay for it, and
 * through its one-file CommonJS build: the package's ESM entry is 456 modules, 0.5 s to load.
 */
function nlp(text: string): ReturnType<typeof Nlp> {
  loaded ??= requireModule('compromise') as typeof Nlp;
  return loaded(text);
}

interface NlpMatch {
  readonly offset: { readonly start: number; readonly length: number };
}

const NLP_KINDS = [
  ['person', 'people'],
  ['org', 'organizations'],
  ['place', 'places'],
] as const;

/**
 * The people, organisations and places `text` names: compromise's finds, corrected and completed
 * by the alias list (for names it misses or splits) and by names written after a title (titles are
 * kept in the mention but not in the canonical name). Non-overlapping, longest first, in text order.
 */
export function findNames(text: string): NameMention[] {
  const doc = nlp(text);
  const candidates: Candidate[] = [];
  for (const [kind, method] of NLP_KINDS) {
    for (const match of doc[method]().json({ offset: true }) as NlpMatch[]) {
      const span = cleanSpan(text, match.offset.start, match.offset.start + match.offset.length);
      const candidate = span && (kind === 'person' ? personCandidate(text, span) : nameCandidate(text, kind, span));
      if (candidate) candidates.push(candidate);
    }
  }
  for (const known of findKnownNames(text)) {
    const start = known.kind === 'person' ? known.start - titlesBefore(text, known.start) : known.start;
    candidates.push({ kind: known.kind, start, end: known.end, normalized: known.canonical, rank: FROM_ALIAS_LIST });
  }
  for (const titled of findTitledNames(text)) {
    candidates.push({ ...personWithName(text, titled.start, titled.nameStart, titled.end), rank: FROM_TITLE });
  }
  return withoutOverlaps(candidates).map(({ kind, start, end, normalized }) => ({ kind, start, end, normalized }));
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Trims what compromise leaves around a name: brackets, photo-credit slashes, punctuation, possessives. */
function cleanSpan(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && !/[\p{L}\p{N}]/u.test(text.charAt(s))) s++;
  const cut = text.slice(s, e).search(/[/()[\]]/);
  if (cut >= 0) e = s + cut;
  for (;;) {
    const slice = text.slice(s, e);
    const trimmed = slice
      .replace(/\s+$/u, '')
      .replace(/[,;:!?"”“]+$/u, '')
      .replace(/['’]s?$/u, '');
    const withoutPeriod = /(?:^|[\s.])\p{L}\.$/u.test(trimmed) ? trimmed : trimmed.replace(/\.$/, '');
    if (withoutPeriod.length === slice.length) break;
    e = s + withoutPeriod.length;
  }
  return e > s ? { start: s, end: e } : null;
}

function nameCandidate(text: string, kind: NameKind, span: Span): Candidate {
  const written = text.slice(span.start, span.end);
  const known = lookUpName(written);
  return { kind: known?.kind ?? kind, start: span.start, end: span.end, normalized: known?.canonical ?? written, rank: FROM_COMPROMISE };
}

/** A person as compromise found it, with any titles before it; a bare title ("President") is dropped. */
function personCandidate(text: string, span: Span): Candidate | null {
  const nameStart = span.start + leadingTitles(text.slice(span.start, span.end));
  if (nameStart >= span.end) return null;
  return { ...personWithName(text, span.start - titlesBefore(text, span.start), nameStart, span.end), rank: FROM_COMPROMISE };
}

function personWithName(text: string, start: number, nameStart: number, end: number): NameMention {
  const name = text.slice(nameStart, end);
  const known = lookUpName(name);
  return { kind: known?.kind ?? 'person', start, end, normalized: known?.canonical ?? name };
}

/** Keeps the longest candidates (by finder rank on ties) that do not overlap a kept one. */
function withoutOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const byPreference = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank);
  const kept: Candidate[] = [];
  for (const candidate of byPreference) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
