import v8 from 'node:v8';
import { generateCorpus } from './corpus-generator.js';
import { loadVocabulary } from './vocabulary.js';
import { SearchIndex } from '../src/search/search-index.js';
import { encodeSnapshot, decodeSnapshot } from '../src/library/snapshot.js';
const n = Number(process.argv[2]);
const { articles } = generateCorpus(loadVocabulary(), n, n);
let t = performance.now();
const index = SearchIndex.build(articles);
console.log('build', performance.now() - t);
for (const round of [1, 2]) {
  t = performance.now();
  const data = index.toSnapshotData();
  console.log(round, 'toSnapshotData', performance.now() - t);
  for (const [k, v] of Object.entries(data)) { t = performance.now(); v8.serialize(v); console.log('  ser', k, (performance.now() - t).toFixed(1)); }
  for (const [k, v] of Object.entries(data.mini)) { t = performance.now(); v8.serialize(v); console.log('  ser mini', k, (performance.now() - t).toFixed(1)); }
}
t = performance.now(); const bytes = encodeSnapshot(index); console.log('encode', performance.now() - t);
t = performance.now(); const r = decodeSnapshot(bytes); console.log('decode', performance.now() - t);
t = performance.now(); encodeSnapshot(r.index); console.log('encode restored', performance.now() - t);
