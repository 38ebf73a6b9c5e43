import type { Command } from '../command.js';
import ask from './ask.js';
import reindex from './reindex.js';
import sources from './sources.js';

/** Every slash command, in the order Discord lists them. */
export const commands: readonly Command[] = [ask, sources, reindex];

/** Dispatch table: command name → command. */
export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));
