import path from 'node:path';
import { CORPUS_OPTION, JSON_OPTION, UsageError, defineCommand } from '../command.js';
import { libraryOptionsFor } from '../open-library.js';
import { SQUAD_WAYS } from '../../eval/squad-ways.js';

const SETS = ['public', 'squad', 'all'] as const;

/** `storybot eval [FILE]`: retrieval quality of storybot beside BM25 and MiniSearch (the work is in src/eval/). */
const evalCommand = defineCommand({
  name: 'eval',
  summary: 'score retrieval on the public set and SQuAD DEV, beside BM25 and MiniSearch (also npm run eval)',
  details:
    'Prints one row per set, way and engine: hit@1, hit@3, MRR@5, answered, no answer on unanswerable and\n' +
    'cross-article questions, and hit@1 over BM25’s. The data and its definitions are in eval/squad-dev/README.md.',
  positionals: [{ usage: '[FILE]', description: 'a question set in the public format instead of eval/questions.json (then --set public)' }],
  options: {
    corpus: { ...CORPUS_OPTION, description: 'the corpus the public-format set is asked of (default: CORPUS_DIR, else ./corpus)' },
    set: { type: 'string', value: 'SET', description: 'public, squad or all (default all; public when FILE is given)' },
    mode: {
      type: 'string',
      value: 'WAY',
      description:
        'SQuAD only: all (the articles as one corpus), alone (each article) or typed (each alone, typed as in a chat); default every one',
    },
    json: JSON_OPTION,
  },
  async run({ values, positionals }, io) {
    const file = positionals[0] === undefined ? undefined : path.resolve(io.cwd, positionals[0]);
    const set = oneOf('--set', values.set, SETS) ?? (file ? 'public' : 'all');
    const mode = oneOf('--mode', values.mode, SQUAD_WAYS);
    if (file && set === 'squad')
      throw new UsageError('a question FILE is in the public format: use it with --set public or all', evalCommand);
    const { runEvalCommand } = await import('../../eval/eval-command.js');
    const { corpusDir } = libraryOptionsFor(values.corpus, io);
    await runEvalCommand(
      { ...(file ? { file } : {}), ...(mode ? { mode } : {}), corpusDir, set, json: values.json === true, cwd: io.cwd },
      io.out,
      io.err,
    );
    return 0;
  },
});
export default evalCommand;

/** An option's value checked against its choices (undefined when the option is not given). */
function oneOf<T extends string>(option: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${choices.join(', ')} (got '${value}')`, evalCommand);
  return value as T;
}
