import { fileURLToPath } from 'node:url';

/*
 * The evaluation data ships in the repository's `eval/` folder. Paths are taken from this module's
 * place (src/eval/ or its build dist/eval/, both two levels below the root), not from the working
 * directory, so `storybot eval` finds them wherever it is run from.
 */
const evalFile = (name: string): string => fileURLToPath(new URL(`../../eval/${name}`, import.meta.url));

/** The public question set about the story in `corpus/`. */
export const PUBLIC_QUESTION_SET = evalFile('questions.json');
/** The SQuAD DEV package: `questions.json` and `corpus/` (see its README for the definitions). */
export const SQUAD_DEV_DIR = evalFile('squad-dev');
/** Sentence pairs of the seed articles labelled same-event or not, for the grouping figures. */
export const EVENT_PAIRS = evalFile('event-pairs.json');
