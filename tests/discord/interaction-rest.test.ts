import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { InteractionAwareRest } from '../../src/discord/interaction-rest.js';
import { startDiscordStandin, type DiscordStandin } from '../e2e/discord-standin.js';

let standin: DiscordStandin | undefined;
let rest: InteractionAwareRest | undefined;

afterEach(async () => {
  rest?.clearHandlerSweeper();
  rest?.clearHashSweeper();
  await standin?.close();
});

describe('InteractionAwareRest', () => {
  it("sends interaction callbacks, edits and follow-ups without waiting for the bot's global budget", async () => {
    const local = await startDiscordStandin();
    standin = local;
    // A global budget of one request a second: the bot's second and third calls must wait for it.
    rest = new InteractionAwareRest({ api: local.apiUrl, globalRequestsPerSecond: 1 }).setToken(local.token);
    await rest.get(Routes.user('@me'));
    // The budget is spent for this second: the bot's next call waits, and it was asked for first.
    const botCall = rest.get(Routes.user('@me'));
    // Unknown interactions (answered 404) are enough: what matters is when each request leaves.
    const interactionCalls = [1, 2, 3, 4, 5].map((i) =>
      i === 1
        ? rest?.post(Routes.interactionCallback(local.applicationId, `token-${i}`), { body: { type: 5 }, auth: false })
        : rest?.patch(Routes.webhookMessage(local.applicationId, `token-${i}`, '@original'), { body: { content: 'answer' }, auth: false }),
    );
    await Promise.allSettled(interactionCalls);
    await botCall;
    const order = local.requests.map((r) => (r.path === '/users/@me' ? 'bot' : 'interaction'));
    expect(order).toEqual(['bot', ...Array<string>(5).fill('interaction'), 'bot']);
  });

  it('still sends what the bot does with its token with the token', async () => {
    const local = await startDiscordStandin();
    standin = local;
    rest = new InteractionAwareRest({ api: local.apiUrl }).setToken(local.token);
    await expect(rest.get(Routes.user('@me'))).resolves.toMatchObject({ id: local.botUserId });
  });
});
