import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../src/library/data-dir.js';
import { CORPUS_DIR, ROOT } from '../helpers.js';

const run = promisify(execFile);
/** A data directory that cannot be created: its parent is a file. */
let unusable: string;

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'storybot-datadir-'));
  await writeFile(path.join(root, 'a-file'), '');
  unusable = path.join(root, 'a-file', 'data');
});

const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, CORPUS_DIR, ...extra });
const FIX = 'Make it a folder this user can write, or set STORYBOT_DATA_DIR to one (it is created when missing).';

describe('an unusable STORYBOT_DATA_DIR', () => {
  it('is refused with the path, the reason and the fix', async () => {
    await expect(prepareDataDir(unusable)).rejects.toThrow(
      `storybot: cannot use the data directory ${unusable} (STORYBOT_DATA_DIR): part of the path is a file, not a folder (ENOTDIR). ${FIX}`,
    );
  });

  it('stops the bot at once, before connecting, saying why', async () => {
    const failed = await run(process.execPath, [path.join(ROOT, 'bin/start.js')], {
      cwd: ROOT,
      env: env({ DISCORD_TOKEN: 'x'.repeat(30), DISCORD_API_URL: 'http://127.0.0.1:9/api', STORYBOT_DATA_DIR: unusable }),
      timeout: 20_000,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(`cannot use the data directory ${unusable}`);
  });

  it('leaves the console chat answering without a snapshot', async () => {
    const child = execFile(process.execPath, [path.join(ROOT, 'bin/start.js')], {
      cwd: ROOT,
      env: env({ STORYBOT_DATA_DIR: unusable }),
      timeout: 20_000,
    });
    child.stdin?.end('Who is Massoud Pezeshkian?\n');
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('Massoud Pezeshkian');
    expect(stderr).toContain(`cannot use the data directory ${unusable}`);
    expect(stderr).toContain('Answering without a saved index meanwhile');
    expect(stderr).not.toContain('{"level"');
  });
});
