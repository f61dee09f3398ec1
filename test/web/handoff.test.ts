// Asking for a person in the web chat: there is no agent desk behind it, so the user gets the way to
// support and a summary to paste there, and the bot keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/server/start-bot';
import { loadWebMessages } from '../../adapters/web/handoff-notice';
import { startTestBot } from '../server/bot';
import { ChatSocket } from './ws-client';

describe('hand-off in the web chat', () => {
  let bot: RunningBot;
  let socket: ChatSocket;
  const messages = loadWebMessages().en;
  beforeAll(async () => {
    bot = await startTestBot({ EXCHANGE_NAME: 'ExampleEx', EXCHANGE_SUPPORT_URL: 'https://support.example.com/help' });
    socket = await ChatSocket.open(bot.url);
  });
  afterAll(async () => {
    await socket?.close();
    await bot?.stop();
  });

  it('points to support with a summary instead of promising a person, then keeps answering', async () => {
    const user = 'wants-a-person';
    const first = await socket.say(user, 'Region Locked on my account');
    const oneNetwork = first.options!.find((o) => o.id === 'scope:one')!;
    await socket.say(user, oneNetwork.label, oneNetwork.id);
    const handoff = await socket.say(user, 'I want to talk to a human, my password is Hunter2secret');

    expect(handoff.text).toContain('**ExampleEx support**');
    expect(handoff.text).toContain('[https://support.example.com/help](https://support.example.com/help)');
    expect(handoff.text).toContain(messages.summary_heading);
    expect(handoff.text).toContain('- Region Locked on my account');
    expect(handoff.text).not.toMatch(/someone will reply here|a person will reply here/i);
    expect(handoff.text).not.toContain('Hunter2secret');

    const after = await socket.say(user, 'are my funds safe?');
    expect(after.intent).toBe('ask_asset_safety');
    expect(after.text!.length).toBeGreaterThan(20);
    expect(await bot.service.handoffStatus({ channel: 'web', conversationId: user })).toBeNull();
  });
});
