// Abuse limits: per-user rate limit, message length, concurrent conversations, hostile frames.
// None of them may take the process down; a normal conversation still works afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/server/start-bot';
import { ChatSocket } from '../web/ws-client';
import { loadConfig } from '../../src/config';
import { createService } from '../../src/engine/index';
import { MemoryStore } from '../../src/store/memory';
import { getJson, postMessage, startTestBot } from './bot';

let bot: RunningBot | undefined;
const sockets: ChatSocket[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await bot?.stop();
  bot = undefined;
});

async function stillServing(b: RunningBot): Promise<void> {
  expect((await getJson(`${b.url}/healthz`)).body.status).toBe('ok');
  const reply = await postMessage(b.url, { type: 'message', user: `healthy-${Date.now()}`, text: 'my region is not supported' });
  expect(reply.body[0].intent).toBe('report_lock');
}

describe('limits', () => {
  it('answers a user who sends too fast with a polite message, and only that user', async () => {
    bot = await startTestBot({ RATE_LIMIT_PER_MINUTE: '3' });
    const polite = bot.service.message('rate_limited');
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push((await postMessage(bot.url, { type: 'message', user: 'fast', text: 'hello' })).body[0]);
    expect(replies.slice(0, 3).every((r) => r.text !== polite)).toBe(true);
    expect(replies.slice(3).map((r) => r.text)).toEqual([polite, polite]);
    expect(replies[3].state).toBe('rate_limited');
    await stillServing(bot);
  });

  it('reads only the first MAX_MESSAGE_CHARS of a long message and says so', async () => {
    bot = await startTestBot({ MAX_MESSAGE_CHARS: '100' });
    const long = `my region is not supported ${'and it is really annoying '.repeat(200)}`;
    const { body } = await postMessage(bot.url, { type: 'message', user: 'long', text: long });
    expect(body[0].text.startsWith(bot.service.message('too_long'))).toBe(true);
    expect(body[0].intent).toBe('report_lock');
  });

  it('refuses new conversations beyond MAX_CONVERSATIONS while existing ones continue', async () => {
    bot = await startTestBot({ MAX_CONVERSATIONS: '10' });
    const busy = bot.service.message('busy');
    for (let i = 0; i < 10; i++) {
      const { body } = await postMessage(bot.url, { type: 'message', user: `conv-${i}`, text: 'my region is not supported' });
      expect(body[0].text).not.toBe(busy);
    }
    const refused = await postMessage(bot.url, { type: 'message', user: 'conv-new', text: 'my region is not supported' });
    expect(refused.body[0].text).toBe(busy);
    const existing = await postMessage(bot.url, { type: 'message', user: 'conv-3', text: 'Every network', option_id: 'scope:all' });
    expect(existing.body[0].text).not.toBe(busy);
    expect((await getJson(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('stops counting idle conversations against MAX_CONVERSATIONS once SESSION_IDLE_MINUTES have passed', async () => {
    let now = Date.now();
    const store = new MemoryStore(() => now);
    const config = loadConfig({ MAX_CONVERSATIONS: '10', SESSION_IDLE_MINUTES: '30' });
    const service = createService(config, store);
    const busy = service.message('busy');
    const ref = (i: number) => ({ channel: 'web' as const, conversationId: `idle-${i}`, userId: `idle-${i}` });
    for (let i = 0; i < 10; i++) await service.handle(ref(i), { text: 'my region is not supported' });
    expect((await service.handle(ref(10), { text: 'my region is not supported' })).reply).toBe(busy);
    now += 31 * 60_000;
    expect((await service.handle(ref(10), { text: 'my region is not supported' })).reply).not.toBe(busy);
  });

  it('survives hostile WebSocket frames', async () => {
    bot = await startTestBot({ MAX_MESSAGE_CHARS: '100' });
    const s = await ChatSocket.open(bot.url);
    sockets.push(s);
    s.raw('not json at all');
    s.raw('{"type":"message","text":"no user"}');
    s.raw({ type: 'message', user: 'x'.repeat(500), text: 'user id too long' });
    s.raw({ type: 'message', user: 'weird-types', text: { nested: true }, option_id: ['x'], mid: 42 });
    s.raw({ type: 'hello', user: null });
    s.socket.send(Buffer.from([0xff, 0x00, 0xfe]));
    // Stays usable after all that:
    const reply = await s.say('after-garbage', 'my region is not supported');
    expect(reply.intent).toBe('report_lock');

    // A frame far above the size limit closes that socket (1009), and nothing else.
    const big = await ChatSocket.open(bot.url);
    const closed = new Promise<number>((resolve) => big.socket.once('close', (code) => resolve(code)));
    big.raw({ type: 'message', user: 'huge', text: 'x'.repeat(1_000_000) });
    expect(await closed).toBe(1009);
    await stillServing(bot);
  });

  it('keeps up with one user flooding the socket: every message gets an answer or the polite refusal', async () => {
    bot = await startTestBot({ RATE_LIMIT_PER_MINUTE: '10' });
    const polite = bot.service.message('rate_limited');
    const s = await ChatSocket.open(bot.url);
    sockets.push(s);
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => s.say('flooder', `message number ${i}`)));
    expect(replies.filter((r) => r.text === polite)).toHaveLength(50);
    await stillServing(bot);
  });

  it('refuses WebSocket upgrades from another site (Origin mismatch) and on other paths', async () => {
    bot = await startTestBot();
    await expect(ChatSocket.open(bot.url, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const ok = await ChatSocket.open(bot.url, { origin: bot.url });
    sockets.push(ok);
    expect((await ok.say('same-origin', 'hello')).type).toBe('message');
  });
});
