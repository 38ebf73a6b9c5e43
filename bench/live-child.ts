/**
 * Run in a fresh process by the bench: the live library (see live-library.ts) over a corpus
 * directory, with nothing else in the heap, as the bot runs it. A garbage collection of the bench
 * process's own heap (its indexes, the reference engines) would otherwise count as the product's
 * block. Reads `{ questions, uploads }` from a JSON file; prints the LiveFigures as its last line.
 *
 *   live-child.ts CORPUS_DIR DATA_DIR INPUT_JSON
 */
import { readFile } from 'node:fs/promises';
import type { Article } from '../src/corpus/article.js';
import { measureLiveLibrary } from './live-library.js';

const [corpusDir, dataDir, inputFile] = process.argv.slice(2);
if (!corpusDir || !dataDir || !inputFile) throw new Error('usage: live-child.ts CORPUS_DIR DATA_DIR INPUT_JSON');
const input = JSON.parse(await readFile(inputFile, 'utf8')) as { questions: string[]; uploads: Article[] };
const figures = await measureLiveLibrary(corpusDir, dataDir, input.questions, input.uploads, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(`${JSON.stringify(figures)}\n`);
