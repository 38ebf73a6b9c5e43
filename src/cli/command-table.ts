import type { CliCommand } from './command.js';
import add from './commands/add.js';
import ask from './commands/ask.js';
import evaluate from './commands/eval.js';
import feeds from './commands/feeds.js';
import follow from './commands/follow.js';
import poll from './commands/poll.js';
import reindex from './commands/reindex.js';
import sources from './commands/sources.js';
import timeline from './commands/timeline.js';
import unfollow from './commands/unfollow.js';
import unanswered from './commands/unanswered.js';

/**
 * Every `storybot` command, in the order `storybot --help` lists them. Adding a command is a file in
 * commands/ (exporting `defineCommand({ … })`) and one line here.
 */
export const COMMANDS: readonly CliCommand[] = [ask, sources, reindex, timeline, unanswered, evaluate, add, follow, unfollow, feeds, poll];
