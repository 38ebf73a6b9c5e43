import {
  ChannelType,
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
  ThreadAutoArchiveDuration,
  type AnyThreadChannel,
  type Client,
} from 'discord.js';
import type { Logger } from '../log.js';
import { MAX_CONTEXT } from './questions.js';
import { questionOf } from './render-answer.js';
import { LIMITS, cutOnWord } from './render-text.js';

/*
 * Follow-up context survives restarts because it is never kept in memory: it is rebuilt, each time,
 * from the thread itself. Every answer the bot posts starts with its question (`**Q:** …`, escaped
 * reversibly), so the thread's earlier questions are: the question of the starter message (the
 * public /ask answer the thread was opened on; the thread name `Q: …` if that message is gone), then
 * the questions of the bot's own answers inside the thread, oldest first. Bot messages are readable
 * without the privileged Message Content intent, and only questions the bot actually answered count.
 */

const THREAD_PREFIX = 'Q: ';

/** `Q: <question>` cut on a word to Discord's 100 characters. */
export function threadName(question: string): string {
  return cutOnWord(THREAD_PREFIX + question, LIMITS.threadName);
}

/** A message as needed to rebuild the context. */
export interface ThreadMessage {
  readonly id: string;
  readonly authorId: string;
  readonly content: string;
}

/** The questions asked in a bot thread, oldest first (pure part of `threadContext`). */
export function threadQuestions(
  starter: ThreadMessage | null,
  threadNameText: string,
  messages: readonly ThreadMessage[],
  botUserId: string,
): string[] {
  const fromStarter = starter ? questionOf(starter.content) : null;
  const fromName = threadNameText.startsWith(THREAD_PREFIX) ? threadNameText.slice(THREAD_PREFIX.length) : null;
  const first = fromStarter ?? fromName;
  const later = [...messages]
    .filter((m) => m.authorId === botUserId)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .flatMap((m) => questionOf(m.content) ?? []);
  return [...(first ? [first] : []), ...later].slice(-MAX_CONTEXT);
}

/** Whether this thread is one the bot opened, i.e. one whose questions are follow-ups. */
export function isBotThread(
  channel: { isThread(): boolean; ownerId?: string | null } | null,
  botUserId: string,
): channel is AnyThreadChannel {
  return channel !== null && channel.isThread() && channel.ownerId === botUserId;
}

/** Fetches the thread's history (before `beforeMessageId`, when given) and returns its questions, oldest first. */
export async function threadContext(thread: AnyThreadChannel, botUserId: string, beforeMessageId?: string): Promise<string[]> {
  const messages = await thread.messages.fetch({ limit: 100, cache: false, ...(beforeMessageId ? { before: beforeMessageId } : {}) });
  // A deleted starter message is not an error: the thread name still holds the first question.
  const starter = await thread.fetchStarterMessage({ cache: false }).catch(() => null);
  const plain = (m: { id: string; author: { id: string }; content: string }): ThreadMessage => ({
    id: m.id,
    authorId: m.author.id,
    content: m.content,
  });
  return threadQuestions(starter ? plain(starter) : null, thread.name, [...messages.values()].map(plain), botUserId);
}

/** Where a public answer's thread goes: open one, already in one, or a note saying why not. */
export type ThreadPlan = { readonly kind: 'open' } | { readonly kind: 'none'; readonly note: string | null };

/** Decides from the channel type (null in DMs) whether a thread can be opened on an answer. */
export function planThread(channelType: ChannelType | null): ThreadPlan {
  if (channelType === null || channelType === ChannelType.DM || channelType === ChannelType.GroupDM) {
    return { kind: 'none', note: 'No thread: Discord has no threads in DMs. Ask follow-ups with /ask.' };
  }
  if (
    channelType === ChannelType.PublicThread ||
    channelType === ChannelType.PrivateThread ||
    channelType === ChannelType.AnnouncementThread
  ) {
    return { kind: 'none', note: null };
  }
  if (channelType === ChannelType.GuildText || channelType === ChannelType.GuildAnnouncement) return { kind: 'open' };
  return { kind: 'none', note: 'No thread: this kind of channel has no threads. Ask in a text channel to get one.' };
}

/**
 * Opens a public thread on the answer message. Returns null on success, else a note saying why there
 * is no thread. Uses the REST route directly because the reply may come back as raw data when the
 * channel is not cached.
 */
export async function openThread(
  client: Client,
  channelId: string,
  messageId: string,
  question: string,
  logger: Logger,
): Promise<string | null> {
  try {
    await client.rest.post(Routes.threads(channelId, messageId), {
      body: { name: threadName(question), auto_archive_duration: ThreadAutoArchiveDuration.OneHour },
    });
    return null;
  } catch (error) {
    logger.warn({ err: error, channelId, messageId }, 'could not open a thread on an answer');
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions) {
      return 'No thread: I lack the Create Public Threads permission in this channel. A server admin can grant it; meanwhile ask follow-ups with /ask.';
    }
    return `No thread: Discord refused to open one (${error instanceof Error ? error.message : String(error)}). Ask follow-ups with /ask.`;
  }
}
