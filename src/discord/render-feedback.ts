import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { encodeButton } from './custom-id.js';
import type { Vote, VoteOutcome } from '../feedback/feedback-log.js';
import { messageBody, type MessageBody } from './render-message.js';

const VOTE_EMOJI: Readonly<Record<Vote, string>> = { up: '👍', down: '👎' };

/** The row under every answer: 👍, 👎 and, on a private answer, Share in channel. */
export function feedbackRow(shareable: boolean): APIActionRowComponent<APIButtonComponent> {
  const buttons: APIButtonComponent[] = (['up', 'down'] as const).map((vote) => ({
    type: ComponentType.Button,
    custom_id: encodeButton({ kind: 'vote', vote }) ?? '',
    label: VOTE_EMOJI[vote],
    style: ButtonStyle.Secondary,
  }));
  if (shareable) {
    buttons.push({
      type: ComponentType.Button,
      custom_id: encodeButton({ kind: 'share' }) ?? '',
      label: 'Share in channel',
      style: ButtonStyle.Success,
    });
  }
  return { type: ComponentType.ActionRow, components: buttons };
}

/** What a voter is told, privately and at once. */
export function renderVoteReceipt(vote: Vote, outcome: VoteOutcome): MessageBody {
  const other = vote === 'up' ? 'down' : 'up';
  if (outcome === 'unchanged') {
    return messageBody(`You already voted ${VOTE_EMOJI[vote]} on this answer. Press ${VOTE_EMOJI[other]} to change your vote.`);
  }
  return messageBody(outcome === 'changed' ? `Thanks — noted. Your vote is now ${VOTE_EMOJI[vote]}.` : 'Thanks — noted.');
}
