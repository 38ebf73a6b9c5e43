import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { datingOf } from './date-dating.js';
import { extractFacts } from './extract-facts.js';

/** Sentences whose dates are labelled main or clause (issue #12's fixtures). */
export const DATING_FIXTURES = fileURLToPath(new URL('../../eval/timeline-dating.json', import.meta.url));

/** A sentence whose dates are labelled with what they date. */
export interface DatingFixture {
  readonly sentence: string;
  /** Date as written (or a part of it) → `main` (the sentence's main event) or `clause` (only a clause of it). */
  readonly dates: Readonly<Record<string, 'main' | 'clause'>>;
}

/** How well the timeline puts each statement under its own date, on labelled sentences. */
export interface DatingEvaluation {
  /** Timeline entries the fixtures give (a date with its sentence, or with the clause it dates). */
  readonly entries: number;
  /** Entries right: a main date with its whole sentence, a subordinate date with its clause only. */
  readonly correct: number;
  readonly precision: number | null;
  /** Precision when every date lists its whole sentence (as the timeline did before dating clauses). */
  readonly wholeSentencePrecision: number | null;
  /** Labelled dates the extraction did not find. */
  readonly missed: number;
}

/** Reads the fixture file's JSON (`{ sentences: [{ sentence, dates }] }`), refusing a malformed one. */
export function parseDatingFixtures(json: unknown): DatingFixture[] {
  const sentences = (json as { sentences?: unknown } | null)?.sentences;
  if (!Array.isArray(sentences)) throw new Error('storybot: timeline dating fixtures need a "sentences" array');
  return sentences.map((item, i) => {
    const { sentence, dates } = (item ?? {}) as { sentence?: unknown; dates?: unknown };
    const labels = Object.values((dates ?? {}) as object);
    if (typeof sentence !== 'string' || labels.length === 0 || labels.some((l) => l !== 'main' && l !== 'clause'))
      throw new Error(`storybot: timeline dating fixture ${i} needs a "sentence" and "dates" labelled "main" or "clause"`);
    return { sentence, dates: dates as DatingFixture['dates'] };
  });
}

/** Extracts and dates each fixture's dates as indexing does, and scores the timeline entries they give. */
export function evaluateDating(fixtures: readonly DatingFixture[]): DatingEvaluation {
  let entries = 0;
  let correct = 0;
  let wholeSentenceCorrect = 0;
  let labelled = 0;
  let missed = 0;
  for (const { sentence, dates } of fixtures) {
    const found = extractFacts(sentence, null).filter((f) => f.kind === 'date');
    for (const [written, label] of Object.entries(dates)) {
      labelled++;
      if (label === 'main') wholeSentenceCorrect++;
      const fact = found.find((f) => f.text.includes(written) || written.includes(f.text));
      if (!fact) {
        missed++;
        continue;
      }
      const { quote } = datingOf(sentence, fact, found);
      if (quote === null) continue;
      entries++;
      if ((quote.cut ? 'clause' : 'main') === label) correct++;
    }
  }
  return {
    entries,
    correct,
    precision: entries === 0 ? null : correct / entries,
    wholeSentencePrecision: labelled === 0 ? null : wholeSentenceCorrect / labelled,
    missed,
  };
}

/** The line `storybot eval` prints: the timeline's precision on DATING_FIXTURES (`shown` says how to name a path). */
export async function timelineDatingLine(shown: (file: string) => string): Promise<string> {
  const fixtures = parseDatingFixtures(JSON.parse(await readFile(DATING_FIXTURES, 'utf8')));
  return datingSummary(evaluateDating(fixtures), shown(DATING_FIXTURES));
}

function datingSummary(evaluation: DatingEvaluation, file: string): string {
  const share = (n: number | null): string => (n === null ? 'n/a' : n.toFixed(2));
  return (
    `timeline dating: precision ${share(evaluation.precision)} (${evaluation.correct} of ${evaluation.entries} entries; ` +
    `every date with its whole sentence: ${share(evaluation.wholeSentencePrecision)}; ${evaluation.missed} dates not found, ${file})`
  );
}
