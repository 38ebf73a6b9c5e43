import { clearScreenDown, createInterface, cursorTo, moveCursor, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { QuestionError } from '../answer/answer.js';
import type { LibraryEvent } from '../library/library-events.js';
import type { Library } from '../library/library-types.js';
import { describeEvent } from './console-notices.js';
import { escapeControlChars } from '../text/control-chars.js';
import { ANSI_STYLE, PLAIN_STYLE, renderAnswerText, renderReindexText, renderSourcesText, type TextStyle } from './render-text.js';

/** Streams of the console chat. */
export interface ChatIo {
  readonly input: Readable;
  readonly output: Writable;
  /** Prompt and bold highlights only on a terminal. */
  readonly isTerminal: boolean;
  /** Where notices go when not on a terminal (default `output`), e.g. stderr, so that piped answers stay apart. */
  readonly notices?: Writable;
}

/** The console chat: notices can be told from before it runs (while the corpus loads) until it ends. */
export interface ConsoleChat {
  /** Says what a library event means in a sentence, above the prompt and what the user is typing. */
  notify(event: LibraryEvent): void;
  /** Reads questions until the input ends. */
  run(library: Library): Promise<void>;
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
  await createConsoleChat(io).run(library);
}

/** A console chat whose `notify` may be handed to the library before the library exists. */
export function createConsoleChat(io: ChatIo): ConsoleChat {
  let lines: Interface | undefined;
  /** Whether the prompt is on screen, waiting for the user (not while an answer is being printed). */
  let prompting = false;
  const context: string[] = [];
  const style = io.isTerminal ? ANSI_STYLE : PLAIN_STYLE;
  return {
    notify(event) {
      const text = describeEvent(event);
      if (text === null) return;
      if (!io.isTerminal) (io.notices ?? io.output).write(`${text}\n`);
      else if (lines && prompting) printAbovePrompt(lines, io.output, text);
      else io.output.write(`${text}\n`);
    },
    async run(library) {
      lines = createInterface({ input: io.input, output: io.isTerminal ? io.output : undefined, terminal: io.isTerminal });
      const prompt = (): void => {
        lines?.prompt();
        prompting = true;
      };
      if (io.isTerminal) {
        io.output.write(`storybot — ${library.sources().length} articles indexed. Type /help for help.\n`);
        lines.setPrompt('? ');
        prompt();
      }
      for await (const line of lines) {
        prompting = false;
        const input = line.trim();
        if (input !== '') io.output.write(`${await respond(library, input, context, style)}\n`);
        if (io.isTerminal) prompt();
      }
      prompting = false;
      // Ctrl-D or Ctrl-C leave the cursor after the prompt: end its line, so the shell's prompt starts on its own.
      if (io.isTerminal) io.output.write('\n');
    },
  };
}

/**
 * Writes a line where the prompt is and draws the prompt again below it, with what the user had
 * typed and the cursor where it was: readline's own redraw, after clearing the rows the input spans.
 */
function printAbovePrompt(lines: Interface, output: Writable, text: string): void {
  moveCursor(output, 0, -lines.getCursorPos().rows);
  cursorTo(output, 0);
  clearScreenDown(output);
  output.write(`${text}\n`);
  lines.prompt(true);
}

/** The answer to one line of input: a question or a /command. `context` holds the conversation's earlier questions. */
async function respond(library: Library, input: string, context: string[], style: TextStyle): Promise<string> {
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
      return escapeControlChars(`Unknown command ${command}. Type /help for the commands.`);
  }
}
