import type { AutocompleteInteraction } from 'discord.js';
import type { BotServices } from './command.js';
import { sourceChoices } from './render-sources.js';

/** The `source` option's autocomplete, shared by /ask, /timeline and /remove-article: the matching articles. */
export async function autocompleteSource(interaction: AutocompleteInteraction, { library }: BotServices): Promise<void> {
  await interaction.respond(sourceChoices(library.sources(), interaction.options.getFocused()));
}
