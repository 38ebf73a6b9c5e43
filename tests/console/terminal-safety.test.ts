import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { runConsoleChat } from '../../src/console/console-chat.js';
import { createLibrary } from '../../src/library/library.js';
import { escapeControlChars } from '../../src/text/control-chars.js';
import { ROOT } from '../helpers.js';

/** Control sequences an article might carry: clear the screen, recolour, a C1 CSI, a lone carriage return. */
const HOSTILE = '\u001b[2J\u001b[31m';
let corpus: string;

beforeAll(async () => {
  corpus = await mkdtemp(path.join(tmpdir(), 'storybot-hostile-'));
  await writeFile(
    path.join(corpus, 'zebras.md'),
    `---\ntitle: "Zebras ${HOSTILE}in Lisbon"\nsource: Wire\n---\nThe zebra parade in Lisbon ${HOSTILE}drew 4,000 people\u009b2J on Saturday.\rOverwritten.\nOrganisers\tcounted them on 14 October 2024.\r\n`,
  );
});

/** Every escape sequence that is not the bold the terminal style adds itself. */
const foreignControls = (text: string): string[] =>
  [
    ...text
      .replaceAll('\u001b[1m', '')
      .replaceAll('\u001b[22m', '')
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      .matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g),
  ]
    .map((m) => m[0])
    .filter((c) => c !== '\r');

async function cli(...argv: string[]): Promise<string> {
  const out: string[] = [];
  await runCli(argv, { out: (t) => out.push(t), err: (t) => out.push(t), isTerminal: true, env: {}, cwd: ROOT });
  return out.join('\n');
}

describe('article text on a terminal', () => {
  it('shows control characters as escapes and keeps newlines and tabs', () => {
    expect(escapeControlChars(`a${HOSTILE}b\u009bc\rd\r\ne\tf\ng\u007f`)).toBe('a\\x1b[2J\\x1b[31mb\\x9bc\\x0dd\r\ne\tf\ng\\x7f');
  });

  it('never reaches the terminal raw from storybot ask, sources, reindex or timeline', async () => {
    const answer = await cli('ask', 'How many people did the zebra parade in Lisbon draw?', '--corpus', corpus);
    expect(answer).toContain('\\x1b[2J\\x1b[31mdrew');
    expect(answer).toContain('\u001b[1m'); // the terminal style's own bold is kept
    for (const output of [
      answer,
      await cli('sources', '--corpus', corpus),
      await cli('reindex', '--corpus', corpus),
      await cli('timeline', '--corpus', corpus),
    ])
      expect(foreignControls(output)).toEqual([]);
  });

  it('never reaches the terminal raw from the console chat', async () => {
    const library = await createLibrary(corpus);
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    await runConsoleChat(library, {
      input: Readable.from(['How many people did the zebra parade draw?\n/sources\n']),
      output,
      isTerminal: false,
    });
    expect(printed).toContain('Zebras \\x1b[2J\\x1b[31min Lisbon');
    expect(foreignControls(printed)).toEqual([]);
  });
});
