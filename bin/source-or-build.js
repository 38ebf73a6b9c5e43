// Chooses what `npm start` and the `storybot` command run: the compiled JavaScript in dist/ when it
// was built from the current sources (a start ~0.6 s faster), else the TypeScript sources through tsx.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What dist/ is built from: a change to any of them makes it stale. */
export const BUILD_INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
/** Written by bin/build.js: when the build that made dist/ started. */
export const BUILD_INFO = path.join('dist', 'build-info.json');

/**
 * Whether `root`/dist was built after the last change to its build inputs.
 * @param {string} root
 * @returns {boolean}
 */
export function buildIsCurrent(root) {
  let startedAtMs;
  try {
    startedAtMs = JSON.parse(readFileSync(path.join(root, BUILD_INFO), 'utf8')).startedAtMs;
  } catch {
    return false;
  }
  if (typeof startedAtMs !== 'number') return false;
  return BUILD_INPUTS.every((input) => newestChange(path.join(root, input)) < startedAtMs);
}

/** @param {string} file @returns {number} newest mtime (ms) of a file or of the files of a directory, 0 when missing */
function newestChange(file) {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  const entries = readdirSync(file, { recursive: true, withFileTypes: true });
  return entries.reduce((newest, entry) => Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs), stats.mtimeMs);
}

/**
 * Imports a module of the program by its path under src/ without extension (e.g. 'cli').
 * @param {string} name
 * @returns {Promise<any>}
 */
export async function importProgram(name) {
  if (buildIsCurrent(ROOT)) return import(pathToFileURL(path.join(ROOT, 'dist', `${name}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(ROOT, 'src', `${name}.ts`)).href);
}
