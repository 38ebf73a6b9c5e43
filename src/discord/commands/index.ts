import type { Command, MessageCommand } from '../command.js';
import addArticle from './add-article.js';
import ask from './ask.js';
import feeds from './feeds.js';
import follow from './follow.js';
import findInArticles from './find-in-articles.js';
import reindex from './reindex.js';
import removeArticle from './remove-article.js';
import sources from './sources.js';
import timeline from './timeline.js';
import unanswered from './unanswered.js';
import unfollow from './unfollow.js';

/** Every slash command, in the order Discord lists them. */
export const commands: readonly Command[] = [
  ask,
  timeline,
  sources,
  reindex,
  addArticle,
  removeArticle,
  follow,
  unfollow,
  feeds,
  unanswered,
];

/** Dispatch table: command name → command. */
export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));

/** Every message context-menu command (right-click a message → Apps). */
export const messageCommands: readonly MessageCommand[] = [findInArticles];

/** Dispatch table of the message commands: name → command (names are unique per command type, not overall). */
export const messageCommandsByName: ReadonlyMap<string, MessageCommand> = new Map(messageCommands.map((c) => [c.data.name, c]));
