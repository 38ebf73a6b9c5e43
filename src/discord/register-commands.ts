import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Routes, type REST } from 'discord.js';
import type { Logger } from '../log.js';
import { commands, messageCommands } from './commands/index.js';

/** Where to register: one guild (instant, for development) or globally. */
export interface RegisterOptions {
  readonly rest: REST;
  readonly applicationId: string;
  readonly guildId: string | null;
  /** Holds `commands.hash`, the hash of the last registered definitions. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** Register even when the definitions did not change (the deploy-commands script). */
  readonly force?: boolean;
}

/** The JSON definitions of every slash and message command, as sent to Discord. */
export function commandDefinitions(): unknown[] {
  return [...commands, ...messageCommands].map((c) => c.data.toJSON());
}

/**
 * Registers all slash commands with ONE bulk overwrite (PUT), only when the definitions or their
 * target changed since the last successful registration: Discord rate-limits command registration
 * and global changes take time to spread, so restarts should not re-register.
 */
export async function registerCommands(options: RegisterOptions): Promise<'registered' | 'unchanged'> {
  const body = commandDefinitions();
  const scope = options.guildId ? `guild:${options.guildId}` : 'global';
  const hash = createHash('sha256')
    .update(JSON.stringify({ applicationId: options.applicationId, scope, body }))
    .digest('hex');
  const hashFile = path.join(options.dataDir, 'commands.hash');
  const previous = await readFile(hashFile, 'utf8').catch(() => null);
  if (!options.force && previous?.trim() === hash) {
    options.logger.info({ scope, commands: body.length }, 'slash commands unchanged; not registering');
    return 'unchanged';
  }
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  await options.rest.put(route, { body });
  // Written only after Discord accepted them, so a failed registration is retried at the next start.
  await mkdir(options.dataDir, { recursive: true });
  await writeFile(hashFile, `${hash}\n`);
  options.logger.info({ scope, commands: body.length }, 'registered slash commands');
  return 'registered';
}
