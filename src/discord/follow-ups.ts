import type { AnyThreadChannel, Message } from 'discord.js';
import type { BotServices } from './command.js';
import { answerPage, DEFAULT_RESULTS, recordIfUnanswered, takeQuestion, validateQuestion } from './questions.js';
import { renderAnswer } from './render-answer.js';
import { isBotThread, threadContext } from './threads.js';

/** Removes mentions of the bot (`<@id>` / `<@!id>`) from a message to leave the question. */
export function stripBotMention(content: string, botUserId: string): string {
  return content.replaceAll(new RegExp(`<@!?${botUserId}>`, 'g'), ' ');
}

/**
 * Whether a message is a follow-up question: posted by a person in a thread the bot opened, and
 * mentioning the bot (or any message there when followAllThreadMessages is on).
 */
export function isFollowUp(
  message: Message,
  thread: AnyThreadChannel | null,
  botUserId: string,
  followAll: boolean,
): thread is AnyThreadChannel {
  return (
    !message.author.bot &&
    !message.system &&
    thread !== null &&
    isBotThread(thread, botUserId) &&
    (followAll || message.mentions.users.has(botUserId))
  );
}

/** Answers a follow-up in a bot thread, with the thread's earlier questions as context. */
export async function answerFollowUp(message: Message, thread: AnyThreadChannel, services: BotServices): Promise<void> {
  const { library, cooldown } = services;
  const botId = message.client.user.id;
  const question = validateQuestion(stripBotMention(message.content, botId));
  takeQuestion(cooldown, message.author.id);
  const context = await threadContext(thread, botId, message.id);
  const view = answerPage(library, { question, page: 0, limit: DEFAULT_RESULTS, sourceId: null, context });
  await message.reply(renderAnswer(view));
  await recordIfUnanswered(view, message.author.id, services);
}
