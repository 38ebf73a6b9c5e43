import { readFileSync } from 'node:fs';
import { COMMANDS } from './cli/command-table.js';
import { UsageError, type CliCommand, type CliIo } from './cli/command.js';
import { commandHelp, commandUsage, generalHelp } from './cli/help-text.js';
import { parseCommandLine } from './cli/parse-command-line.js';

export type { CliIo } from './cli/command.js';

/** Errors that are bad input rather than failures: the message is shown as it is, exit code 2. */
const BAD_INPUT_ERRORS = new Set(['UsageError', 'QuestionError', 'CorpusDirError']);

/**
 * Runs the `storybot` command; returns the process exit code (0 ok, 1 failure, 2 bad input).
 * Parsing, `--help`, `storybot help <command>` and usage errors all come from the command table.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.err(generalHelp(COMMANDS));
      return 2;
    }
    if (first === '--help' || first === '-h') return printed(io, generalHelp(COMMANDS));
    if (first === '--version' || first === '-V') return printed(io, `storybot ${packageVersion()}`);
    if (first === 'help') return help(rest, io);
    if (first.startsWith('-'))
      throw new UsageError(`unknown option '${first}' before the command; options go after it: storybot <command> [options]`);
    const command = commandNamed(first);
    const parsed = parseCommandLine(command, rest);
    if (parsed.help) return printed(io, commandHelp(command));
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof Error && BAD_INPUT_ERRORS.has(error.name)) {
      const usage = error instanceof UsageError ? usageHint(error.command) : '';
      io.err(`storybot: ${error.message.replace(/^storybot: /, '')}${usage}`);
      return 2;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function printed(io: CliIo, text: string): number {
  io.out(text);
  return 0;
}

/** `storybot help` and `storybot help <command>`. */
function help(args: readonly string[], io: CliIo): number {
  if (args.length > 1) throw new UsageError(`unexpected argument '${args[1]}': storybot help <command>`);
  return printed(io, args[0] === undefined ? generalHelp(COMMANDS) : commandHelp(commandNamed(args[0])));
}

function commandNamed(name: string): CliCommand {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command '${name}'`);
  return command;
}

function usageHint(command: CliCommand | undefined): string {
  if (command === undefined) return `\n\n${generalHelp(COMMANDS)}`;
  return `\n\nUsage: ${commandUsage(command)}\nRun 'storybot help ${command.name}' for what each option does.`;
}

/** The version in package.json (beside src/ and dist/, where this module runs from). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return String(pkg.version);
}
