import type { CliCommand } from './command.js';
import { optionUsage } from './parse-command-line.js';

/** `storybot ask "QUESTION" [--limit N] [--corpus DIR] [--json]`. */
export function commandUsage(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, spec]) => `[${optionUsage(name, spec)}]`);
  return ['storybot', command.name, ...command.positionals.map((p) => p.usage), ...options].join(' ');
}

/** The general help: every command of the table with its one-line summary. */
export function generalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: storybot <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run 'storybot help <command>' (or 'storybot <command> --help') for its options; 'storybot --version' prints the version.`,
  ].join('\n');
}

/** `storybot help <command>`: its usage, what it does, its arguments and options. */
export function commandHelp(command: CliCommand): string {
  const rows: [string, string][] = [
    ...command.positionals.map((p): [string, string] => [p.usage, p.description]),
    ...Object.entries(command.options).map(([name, spec]): [string, string] => [
      `${spec.short ? `-${spec.short}, ` : ''}${optionUsage(name, spec)}`,
      spec.description,
    ]),
    ['-h, --help', 'this help'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    `Usage: ${commandUsage(command)}`,
    '',
    command.summary.charAt(0).toUpperCase() + command.summary.slice(1) + '.',
    ...(command.details ? [command.details] : []),
    '',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
  ].join('\n');
}
