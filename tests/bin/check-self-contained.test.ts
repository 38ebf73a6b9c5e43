import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedReferences } from '../../bin/check-self-contained.js';
import { ROOT } from '../helpers.js';

const SCRIPT = path.join(ROOT, 'bin', 'check-self-contained.js');
// Written in pieces so that this test file is not itself an offending file.
const SHARED = '..' + '/' + 'shared';
const QUOTE = "'";

/** Runs the CI step on a tree; its exit code and what it printed. */
function check(root: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [SCRIPT, root], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { code: failed.status, output: failed.stderr };
  }
}

describe('the self-contained check of .ci/run', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'storybot-clone-'));
    for (const dir of ['src/eval', 'tests', 'bin', 'bench']) await mkdir(path.join(root, dir), { recursive: true });
    await writeFile(path.join(root, 'src/eval/data.ts'), "export const SET = 'eval/questions.json';\n");
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('passes a tree whose code refers only to files inside it', () => {
    expect(sharedReferences(root)).toEqual([]);
    expect(check(root).code).toBe(0);
  });

  it('fails naming each file and line that refers to the shared folder, written either way', async () => {
    await writeFile(
      path.join(root, 'tests/helpers.ts'),
      `import path from 'node:path';\n\nconst SET = path.resolve('${SHARED}/eval/questions.json');\n`,
    );
    await writeFile(
      path.join(root, 'bench/data.ts'),
      `const DIR = path.join(ROOT, ${QUOTE}..${QUOTE}, ${QUOTE}shared${QUOTE}, 'seeds');\n`,
    );
    await writeFile(path.join(root, 'src/eval/data.ts'), `// see ${SHARED.replace('/', '\\')}\\eval\n`);
    const { code, output } = check(root);
    expect(code).toBe(1);
    expect(output).toContain(`3 place(s) in src/, tests/, bin/, bench/ refer to ${SHARED}`);
    for (const place of ['bench/data.ts:1', 'src/eval/data.ts:1', 'tests/helpers.ts:3']) expect(output).toContain(`  ${place}\n`);
  });

  it('ignores folders outside the checked ones (the data itself may say where it came from)', async () => {
    await mkdir(path.join(root, 'eval'));
    await writeFile(path.join(root, 'eval/README.md'), `Copied from ${SHARED}/eval.\n`);
    expect(check(root).code).toBe(0);
  });

  it('finds nothing in this repository', () => {
    expect(sharedReferences(ROOT)).toEqual([]);
  });
});
