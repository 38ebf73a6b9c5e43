import type { Command } from '../command.js';
import addArticle from './add-article.js';
import ask from './ask.js';
import feeds from './feeds.js';
import follow from './follow.js';
import reindex from './reindex.js';
import removeArticle from './remove-article.js';
import sources from './sources.js';
import timeline from './timeline.js';
import unfollow from './unfollow.js';

/** Every slash command, in the order Discord lists them. */
export const commands: readonly Command[] = [ask, timeline, sources, reindex, addArticle, removeArticle, follow, unfollow, feeds];

/** Dispatch table: command name → command. */
export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));
