import { fileURLToPath } from 'node:url';

/*
 * Paths are taken from this module's place (src/eval/ or its build dist/eval/, both two levels below
 * the repository's root), not from the working directory, so `storybot eval` finds them wherever it
 * is run from.
 */
const fromRoot = (file: string): string => fileURLToPath(new URL(`../../${file}`, import.meta.url));

/** The public question set about the story in `corpus/`. */
export const PUBLIC_QUESTION_SET = fromRoot('eval/questions.json');
/** The SQuAD DEV package: `questions.json` and `corpus/` (see its README for the definitions). */
export const SQUAD_DEV_DIR = fromRoot('eval/squad-dev');
/** Sentence pairs of the seed articles labelled same-event or not, for the grouping figures. */
export const EVENT_PAIRS = fromRoot('eval/event-pairs.json');
/** The lock file: the installed MiniSearch, stemmer and stopword, which the reference answers depend on. */
export const PACKAGE_LOCK = fromRoot('package-lock.json');
/** Where the reference engines' answers are kept between runs (the usual folder for a package's caches). */
export const REFERENCE_CACHE = fromRoot('node_modules/.cache/storybot/eval-references.json');
