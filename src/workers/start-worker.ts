import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose module is `name` beside the module at `here` (its
 * `import.meta.url`): the compiled `name.js` in dist/, or, when running from the TypeScript
 * sources, `name.ts` loaded through tsx (a worker does not inherit the loader that `--import tsx`
 * or tsx's `register()` installed in the main thread).
 */
export function startWorker(here: string, name: string): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here));
  const tsx = pathToFileURL(tsxEsmApi(here)).href;
  const source = new URL(`./${name}.ts`, here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`, {
    eval: true,
  });
}

/** The file of tsx's ESM `register()` API, found through its package exports (its CommonJS build cannot register from a worker). */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const file = exports['./esm/api']?.import.default;
  if (!file) throw new Error(`storybot: tsx (${manifest}) has no ESM register API; run npm run build to use the compiled workers`);
  return path.join(path.dirname(manifest), file);
}
