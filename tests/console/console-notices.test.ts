import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../src/console/console-chat.js';
import { createLibrary } from '../../src/library/library.js';
import { tempCorpus, waitFor, zebraArticle, type TempCorpus } from '../library/helpers.js';
import { CORPUS_DIR } from '../helpers.js';

/** A writable stream and all that was written to it. */
function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('console chat notices', () => {
  let corpus: TempCorpus;
  beforeEach(async () => {
    corpus = await tempCorpus();
  });
  afterEach(async () => {
    await corpus.cleanup();
  });

  it('says in sentences what was skipped at start and what the watch added, changed and removed: no JSON', async () => {
    await writeFile(path.join(corpus.corpusDir, 'broken.md'), '---\ntitle: [unclosed\n---\nText.\n');
    const input = new PassThrough();
    const output = sink();
    const notices = sink();
    const chat = createConsoleChat({ input, output: output.stream, isTerminal: false, notices: notices.stream });
    const library = await createLibrary({ corpusDir: corpus.corpusDir, dataDir: corpus.dataDir, watch: true, onEvent: chat.notify });
    const running = chat.run(library);
    expect(notices.text()).toMatch(/^Skipped broken\.md: bad front matter: .*\.\n$/);

    const zebra = path.join(corpus.corpusDir, 'zebra.md');
    await writeFile(zebra, zebraArticle());
    await waitFor(() => notices.text().includes('Added zebra.md (2 passages).\n'), 'the added article to be told');
    await writeFile(zebra, zebraArticle('7,500'));
    await waitFor(() => notices.text().includes('Updated zebra.md: it changed (2 passages).\n'), 'the change to be told');
    await rm(zebra);
    await waitFor(() => notices.text().includes('Removed zebra.md from the index.\n'), 'the removal to be told');
    input.end();
    await running;
    await library.close();
    expect(notices.text()).not.toContain('{');
    expect(output.text()).toBe('');
  });

  it('prints a notice above the prompt on a terminal and keeps what the user was typing', async () => {
    const library = await createLibrary(CORPUS_DIR);
    const input = new PassThrough();
    const output = sink();
    const chat = createConsoleChat({ input, output: output.stream, isTerminal: true });
    const running = chat.run(library);
    input.write('Who is Massoud Pez');
    await waitFor(() => output.text().endsWith('Who is Massoud Pez'), 'the typing to be echoed');
    const before = output.text().length;
    chat.notify({ type: 'file', cause: 'watch', change: { file: 'zebra.md', change: 'added' }, passages: 2 });
    const redrawn = output.text().slice(before);
    // Back to the start of the prompt line, cleared, the notice on its own line, then the prompt and the typing again.
    // eslint-disable-next-line no-control-regex -- the escapes readline writes are what is checked
    expect(redrawn).toMatch(/^\r?(\u001b\[\d*G)?\u001b\[0J(\u001b\[1G)?Added zebra\.md \(2 passages\)\.\n.*\? Who is Massoud Pez/s);
    input.write('eshkian?\n');
    // Matched words are bold on a terminal, one by one: look for the name's last word and the citation.
    await waitFor(() => output.text().includes('Pezeshkian\u001b[22m, is said') && output.text().includes('— '), 'the answer');
    input.end();
    await running;
  });
});
