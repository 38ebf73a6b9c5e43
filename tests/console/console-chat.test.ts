import { PassThrough, Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../src/console/console-chat.js';
import { createLibrary } from '../../src/library/library.js';
import type { Library } from '../../src/library/library-types.js';
import { CORPUS_DIR } from '../helpers.js';

let library: Library;
beforeAll(async () => {
  library = await createLibrary(CORPUS_DIR);
});

/** Pipes lines into the chat, as `echo … | npm start` does, and returns all it printed. */
async function chat(...lines: string[]): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  await runConsoleChat(library, { input: Readable.from([lines.join('\n')]), output, isTerminal: false });
  return Buffer.concat(chunks).toString('utf8');
}

describe('console chat', () => {
  it('answers a piped question with quotes and sources, and ends with the input', async () => {
    const out = await chat('who warned whom and when?');
    expect(out).toContain('U.S. officials had warned Iran through back channels');
    expect(out).toContain('— Iran message to biden administration, Daily Caller News Foundation, ¶2');
    expect(out).not.toContain('\u001b[');
  });

  it('uses earlier questions as context for a follow-up', async () => {
    const out = await chat('who warned Iran?', 'when was that?');
    const followUp = out.slice(out.lastIndexOf('1. “'));
    expect(followUp).toMatch(/September|Months before the election/);
  });

  it('lists the sources, shows help, says when nothing answers, and names unknown commands', async () => {
    const out = await chat('/sources', '/help', '/ask What is the weather in Paris today?', '/frobnicate');
    expect(out).toContain('2 articles:');
    expect(out).toContain('/sources          the articles');
    expect(out).toContain('Nothing in the articles answers that.');
    expect(out).toContain('Unknown command /frobnicate. Type /help for the commands.');
  });

  it('tells the user when a question is too long, and carries on', async () => {
    const out = await chat('x'.repeat(600), 'Who is Massoud Pezeshkian?');
    expect(out).toContain('The question is too long (600 characters; at most 500).');
    expect(out).toContain('Massoud Pezeshkian');
  });
});
