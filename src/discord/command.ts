import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Feeds } from '../feeds/feeds.js';
import type { FeedbackLog } from '../feedback/feedback-log.js';
import type { Library } from '../library/library-types.js';
import type { Logger } from '../log.js';
import type { Cooldown } from './cooldown.js';

/** What handlers need, passed explicitly (no globals). */
export interface BotServices {
  readonly config: Config;
  readonly library: Library;
  /** The followed feeds (/follow, /unfollow, /feeds); articles from links use the same fetch policy. */
  readonly feeds: Feeds;
  readonly logger: Logger;
  /** Per-user question limit shared by /ask and thread follow-ups. */
  readonly cooldown: Cooldown;
  /** The record of unanswered questions and of votes on answers. */
  readonly feedback: FeedbackLog;
}

/** One slash command: its definition and handlers. Each lives in its own file under commands/. */
export interface Command {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, services: BotServices): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, services: BotServices): Promise<void>;
}

/** One message context-menu command (Apps → …, type 3): its definition and handler, in its own file under commands/. */
export interface MessageCommand {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, services: BotServices): Promise<void>;
}
