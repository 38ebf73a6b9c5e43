/** Where the CLI writes; a terminal gets bold highlights. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTerminal: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Bad command-line input: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose usage to show; the general usage when absent. */
    readonly command?: CliCommand,
  ) {
    super(message);
  }
}

/** One option a command accepts. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** How the value is shown in the usage, e.g. `N` for `--limit N` (string options). */
  readonly value?: string;
  readonly description: string;
}

/** One positional argument a command accepts. */
export interface PositionalSpec {
  /** As shown in the usage, e.g. `"QUESTION"` or `[FILE]` (brackets mark it optional). */
  readonly usage: string;
  readonly description: string;
}

/** The values of a command's options, typed from its option table. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  readonly [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { type: 'string' } ? string : string | boolean;
};

/** What a command receives once its command line has been checked against its table. */
export interface CommandInput<O extends Record<string, OptionSpec>> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

/**
 * A `storybot` subcommand: its name, what it does, its positionals and options (from which parsing,
 * `--help` and usage errors come), and what it runs. Heavy modules are imported inside `run`, so
 * `storybot --help` or a usage error loads none of them.
 */
export interface CliCommand<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** More lines for `storybot help <command>`. */
  readonly details?: string;
  readonly positionals: readonly PositionalSpec[];
  /** Said instead of the generic message when there are more positionals than declared. */
  readonly extraArgumentHint?: string;
  readonly options: O;
  /** Returns the exit code: 0 ok, 1 failure, 2 bad input (or throws a UsageError). */
  run(input: CommandInput<O>, io: CliIo): Promise<number>;
}

/** Declares a command with its option values typed from its own table. */
export function defineCommand<const O extends Record<string, OptionSpec>>(command: CliCommand<O>): CliCommand {
  // The table holds commands of different option shapes; the parser only ever passes a command the
  // values of its own table, so widening the input type here is sound.
  return command as unknown as CliCommand;
}

/** `--corpus DIR`, shared by every command that reads the corpus. */
export const CORPUS_OPTION = {
  type: 'string',
  value: 'DIR',
  description: 'the corpus directory (default: CORPUS_DIR, else ./corpus); another directory is indexed afresh',
} as const satisfies OptionSpec;

/** `--json`, for commands that can print one JSON object instead of text. */
export const JSON_OPTION = { type: 'boolean', description: 'print one JSON object on stdout' } as const satisfies OptionSpec;
