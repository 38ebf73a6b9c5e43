#!/usr/bin/env node
// CI step: fails when product code, tests, scripts or benchmarks refer to the shared folder beside
// the repository. A fresh clone has nothing beside it, so such a reference works in the developers'
// checkouts and in CI (whose clone has the folder beside it) and fails on every user's machine.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders that must stand on the repository alone. */
export const CHECKED_DIRS = ['src', 'tests', 'bin', 'bench'];
/** The folder's name as written in a path (built here so that this file does not match itself). */
const SHARED = '../' + 'shared';
/** The folder after a parent step, with either slash, and the two as separate path.join arguments. */
const PATTERNS = [/\.\.[\\/]+shared\b/, /['"`]\.\.['"`]\s*,\s*['"`]shared['"`]/];

/**
 * The `file:line` places under `root`'s checked folders that refer to the shared folder.
 * @param {string} root
 * @returns {string[]}
 */
export function sharedReferences(root) {
  /** @type {string[]} */
  const found = [];
  for (const dir of CHECKED_DIRS) {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
    } catch {
      continue; // a folder the repository does not have
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (PATTERNS.some((pattern) => pattern.test(line))) found.push(`${path.relative(root, file)}:${i + 1}`);
        });
    }
  }
  return found.sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const found = sharedReferences(root);
  if (found.length > 0) {
    process.stderr.write(
      `storybot: ${found.length} place(s) in ${CHECKED_DIRS.join('/, ')}/ refer to ${SHARED}, which a fresh clone does not have:\n` +
        found.map((place) => `  ${place}\n`).join('') +
        `Copy what they need into the repository (eval data lives in eval/) and refer to it there.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`storybot: nothing in ${CHECKED_DIRS.join('/, ')}/ refers to ${SHARED}\n`);
}
