import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { timelineDatingLine } from '../facts/dating-eval.js';
import { EVENT_PAIRS, PACKAGE_LOCK, PUBLIC_QUESTION_SET, REFERENCE_CACHE, SQUAD_DEV_DIR } from './eval-data.js';
import { runEvalSuite } from './eval-suite.js';
import { SQUAD_WAYS, type SquadWay } from './squad-ways.js';
import { evalRunJson, renderEvalTable } from './eval-table.js';
import { ReferenceCache } from './reference-cache.js';

/** Which sets to run: the public story set, SQuAD DEV, or both. */
export type EvalSet = 'public' | 'squad' | 'all';

/** What `storybot eval` was asked, already checked by the CLI. */
export interface EvalRequest {
  /** A question set in the public format instead of `eval/questions.json`. */
  readonly file?: string;
  /** The corpus the public-format set is asked of. */
  readonly corpusDir: string;
  readonly set: EvalSet;
  /** SQuAD ways to run; both when omitted. */
  readonly mode?: SquadWay;
  readonly json: boolean;
  /** Directory paths are shown relative to it. */
  readonly cwd: string;
}

/** Runs `storybot eval` and prints its table (or its JSON) through `out`; warnings go to `err`. */
export async function runEvalCommand(request: EvalRequest, out: (text: string) => void, err: (text: string) => void): Promise<void> {
  const file = request.file ?? PUBLIC_QUESTION_SET;
  const cache = await ReferenceCache.open(REFERENCE_CACHE);
  const run = await runEvalSuite({
    cache,
    referenceVersion: await fingerprintOf(PACKAGE_LOCK),
    ...(request.set === 'squad' ? {} : { public: { file, corpusDir: request.corpusDir, eventPairs: EVENT_PAIRS } }),
    ...(request.set === 'public' ? {} : { squad: { dir: SQUAD_DEV_DIR, ways: request.mode ? [request.mode] : SQUAD_WAYS } }),
    warn: (message) => err(`storybot: ${message}`),
  });
  await cache.save();
  if (request.json) {
    out(JSON.stringify(evalRunJson(run)));
    return;
  }
  const shown = (p: string): string => path.relative(request.cwd, p) || '.';
  const lines: string[] = [];
  if (run.publicResults) {
    lines.push(`storybot on ${shown(file)} (rank of the first gold passage; ✗ none in the top 5, - no passage):`);
    for (const r of run.publicResults) lines.push(`${r.rank === null ? (r.passages === 0 ? '  -' : '  ✗') : `@${r.rank}`}  ${r.question}`);
    lines.push('');
  }
  lines.push(renderEvalTable(run.rows), '');
  if (run.publicResults) lines.push(`public: ${shown(file)} over ${shown(request.corpusDir)}; hit = a passage holds a gold snippet.`);
  if (request.set !== 'public') {
    lines.push(
      `squad-dev: ${shown(SQUAD_DEV_DIR)}; all = the 16 articles as one corpus, alone = each article as its own corpus, typed = alone with each question lower-cased and one letter dropped from the middle of its longest word; hit as in its README.`,
    );
  }
  lines.push('bm25 and minisearch index storybot’s own passages (splitArticle); every engine returns its top 5.');
  if (run.rows.some((row) => row.msPerQuestion === null)) {
    lines.push(
      `cached: the reference answers of an earlier run over the same passages, questions, engine code and lock file (${shown(REFERENCE_CACHE)}).`,
    );
  }
  const { grouping } = run;
  if (grouping) {
    const share = (n: number | null): string => (n === null ? 'n/a' : n.toFixed(2));
    const { heldOut } = grouping;
    lines.push(
      `same-event grouping: precision ${share(grouping.precision)}, recall ${share(grouping.recall)} ` +
        `(${grouping.truePositives + grouping.falseNegatives} same / ${grouping.falsePositives + grouping.trueNegatives} different pairs, ${shown(EVENT_PAIRS)}); ` +
        `on the half not tuned on: precision ${share(heldOut.precision)}, recall ${share(heldOut.recall)} ` +
        `(${heldOut.truePositives + heldOut.falseNegatives} same / ${heldOut.falsePositives + heldOut.trueNegatives} different)`,
    );
  }
  if (request.set !== 'squad') lines.push(await timelineDatingLine(shown));
  lines.push(`took ${run.seconds.toFixed(1)} s`);
  out(lines.join('\n'));
}

/** A short hash of a file's content, or '' when it cannot be read. */
async function fingerprintOf(file: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch {
    return '';
  }
}
