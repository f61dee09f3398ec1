// 100 messages in parallel over the WebSocket: every one gets its own, correct reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/server/start-bot';
import { MemoryStore } from '../../src/store/memory';
import { startTestBot } from '../server/bot';
import { ChatSocket } from './ws-client';

describe('web socket under parallel load', () => {
  let bot: RunningBot;
  const store = new MemoryStore();
  const sockets: ChatSocket[] = [];
  beforeAll(async () => {
    bot = await startTestBot({}, store);
    for (let i = 0; i < 10; i++) sockets.push(await ChatSocket.open(bot.url));
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await bot?.stop();
  });

  it('answers 100 parallel messages from 100 users on 10 sockets, each with the right reply', async () => {
    const messages = Array.from({ length: 100 }, (_, i) => ({
      socket: sockets[i % 10],
      user: `load-user-${i}`,
      text: i % 2 === 0 ? 'my region is not supported' : 'are my funds safe?',
      expected: i % 2 === 0 ? 'report_lock' : 'ask_asset_safety',
    }));
    const replies = await Promise.all(messages.map((m) => m.socket.say(m.user, m.text)));

    expect(replies).toHaveLength(100);
    replies.forEach((reply, i) => {
      expect(reply.intent, `reply ${i} to "${messages[i].text}"`).toBe(messages[i].expected);
      expect(reply.text!.length).toBeGreaterThan(20);
    });
    const scopeQuestions = replies.filter((r, i) => messages[i].expected === 'report_lock' && r.options!.some((o) => o.id === 'scope:all'));
    expect(scopeQuestions).toHaveLength(50);
    // Each user's conversation was stored separately.
    expect(await store.count('conv:web:v1.')).toBe(100); // one issued id each
  });
});
