import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { QuestionError } from '../answer/answer.js';
import type { Library } from '../library/library-types.js';
import { ANSI_STYLE, PLAIN_STYLE, renderAnswerText, renderReindexText, renderSourcesText } from './render-text.js';

/** Streams of the console chat. */
export interface ChatIo {
  readonly input: Readable;
  readonly output: Writable;
  /** Prompt and bold highlights only on a terminal. */
  readonly isTerminal: boolean;
}

const HELP = `Ask a question about the story, e.g. "who warned whom and when?".
Follow-up questions ("when was that?") use your earlier questions as context.
Commands:
  /ask <question>   the same as typing the question
  /sources          the articles, with publisher, date and passage count
  /reindex          re-read the corpus directory
  /new              forget the earlier questions (start a new conversation)
  /help             this help
Ctrl-D (end of input) quits.`;

/** How many earlier questions a follow-up sees. */
const CONTEXT_QUESTIONS = 3;

/**
 * The terminal chat used when no Discord token is configured: reads questions line by line
 * (also from a pipe) and prints the quoted passages. Resolves when the input ends.
 */
export async function runConsoleChat(library: Library, io: ChatIo): Promise<void> {
  const style = io.isTerminal ? ANSI_STYLE : PLAIN_STYLE;
  const print = (text: string): void => {
    io.output.write(`${text}\n`);
  };
  const lines = createInterface({ input: io.input, output: io.isTerminal ? io.output : undefined, terminal: io.isTerminal });
  const context: string[] = [];
  if (io.isTerminal) {
    print(`storybot — ${library.sources().length} articles indexed. Type /help for help.`);
    lines.setPrompt('? ');
    lines.prompt();
  }
  for await (const line of lines) {
    const input = line.trim();
    if (input !== '') print(await respond(input));
    if (io.isTerminal) lines.prompt();
  }

  async function respond(input: string): Promise<string> {
    const [command = '', ...words] = input.startsWith('/') ? input.split(/\s+/) : ['/ask', input];
    switch (command) {
      case '/help':
        return HELP;
      case '/sources':
        return renderSourcesText(library.sources(), library);
      case '/reindex':
        return renderReindexText(await library.reindex());
      case '/new':
        context.length = 0;
        return 'Started a new conversation.';
      case '/ask': {
        const question = input.startsWith('/') ? words.join(' ') : input;
        try {
          const answer = library.answer(question, { context: context.slice(-CONTEXT_QUESTIONS) });
          context.push(answer.question);
          return renderAnswerText(answer, style);
        } catch (error) {
          if (error instanceof QuestionError) return error.message;
          throw error;
        }
      }
      default:
        return `Unknown command ${command}. Type /help for the commands.`;
    }
  }
}
