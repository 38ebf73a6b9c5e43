#!/usr/bin/env node
// `npm run build` (and `prepare`, run by npm install / npm ci): compiles src/ into dist/, which
// `npm start` and `storybot` then run instead of the sources (see source-or-build.js). Without
// TypeScript installed (e.g. npm install --omit=dev) it skips: everything still runs through tsx.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INFO } from './source-or-build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write('storybot: TypeScript is not installed, so dist/ is not built; storybot runs its sources through tsx.\n');
  process.exit(0);
}
// Recorded before compiling: a source saved while tsc runs must make this build stale.
const startedAtMs = Date.now();
rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
writeFileSync(path.join(ROOT, BUILD_INFO), `${JSON.stringify({ startedAtMs })}\n`);
