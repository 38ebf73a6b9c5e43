import { parseArgs } from 'node:util';
import { UsageError, type CliCommand, type OptionSpec } from './command.js';

/** `--help` / `-h`, accepted by every command. */
const HELP_OPTION: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h', description: 'this help' } };

/** A command line checked against a command's table: its values and positionals, or a request for its help. */
export type ParsedCommandLine =
  | { readonly help: true }
  | { readonly help: false; readonly values: Record<string, string | boolean | undefined>; readonly positionals: string[] };

/**
 * Parses the arguments after the command name with the command's own options (node:util parseArgs).
 * An option the command does not declare, a missing value or too many positionals is a UsageError
 * naming it and the command.
 */
export function parseCommandLine(command: CliCommand, args: readonly string[]): ParsedCommandLine {
  const options: Record<string, OptionSpec> = { ...command.options, ...HELP_OPTION };
  // strict: false so that the tokens, not parseArgs' own English, say what is wrong (checked below).
  const { values, positionals, tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (spec === undefined) throw new UsageError(`unknown option '${token.rawName}' for storybot ${command.name}`, command);
    if (spec.type === 'string' && token.value === undefined)
      throw new UsageError(`option '${token.rawName}' needs a value (${optionUsage(token.name, spec)})`, command);
    if (spec.type === 'boolean' && token.inlineValue)
      throw new UsageError(`option '${token.rawName}' takes no value (${optionUsage(token.name, spec)})`, command);
  }
  if (values.help === true) return { help: true };
  const extra = positionals[command.positionals.length];
  if (extra !== undefined)
    throw new UsageError(
      command.extraArgumentHint ??
        `unexpected argument '${extra}' for storybot ${command.name}${command.positionals.length === 0 ? ' (it takes none)' : ''}`,
      command,
    );
  const { help: _help, ...own } = values;
  return { help: false, values: own, positionals };
}

/** `--limit N`, `--json`: how one option is written. */
export function optionUsage(name: string, spec: { readonly type: string; readonly value?: string }): string {
  return `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
}
