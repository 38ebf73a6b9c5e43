import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_INFO, buildIsCurrent } from '../../bin/source-or-build.js';

describe('which code `npm start` and `storybot` run', () => {
  let root: string;
  const hourAgo = new Date(Date.now() - 3_600_000);
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'storybot-build-'));
    await mkdir(path.join(root, 'src', 'search'), { recursive: true });
    await mkdir(path.join(root, 'dist'));
    for (const file of ['src/search/terms.ts', 'src/search', 'src', 'tsconfig.json']) await touch(file, hourAgo);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function touch(file: string, when: Date): Promise<void> {
    const target = path.join(root, file);
    if (path.extname(file) !== '') await writeFile(target, '', { flag: 'a' });
    await utimes(target, when, when);
  }
  const built = (startedAtMs: number): Promise<void> => writeFile(path.join(root, BUILD_INFO), JSON.stringify({ startedAtMs }));

  it('runs the build when it started after the last change to the sources', async () => {
    await built(Date.now());
    expect(buildIsCurrent(root)).toBe(true);
  });

  it('runs the sources when there is no build, or a broken one', async () => {
    expect(buildIsCurrent(root)).toBe(false);
    await writeFile(path.join(root, BUILD_INFO), 'not json');
    expect(buildIsCurrent(root)).toBe(false);
  });

  it('runs the sources when a source file, a new file or the compiler options changed since the build started', async () => {
    await built(Date.now() - 60_000);
    expect(buildIsCurrent(root)).toBe(true);
    await touch('src/search/terms.ts', new Date());
    expect(buildIsCurrent(root)).toBe(false);

    await touch('src/search/terms.ts', hourAgo);
    await touch('src/search/new-module.ts', new Date());
    expect(buildIsCurrent(root)).toBe(false);

    await rm(path.join(root, 'src/search/new-module.ts'));
    await touch('src/search', hourAgo);
    expect(buildIsCurrent(root)).toBe(true);
    await touch('tsconfig.json', new Date());
    expect(buildIsCurrent(root)).toBe(false);
  });
});
