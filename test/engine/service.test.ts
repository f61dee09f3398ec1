import { describe, expect, it } from 'vitest';
import { ConversationService } from '../../src/engine/service';
import { MemoryStore } from '../../src/store/memory';
import { testEngine } from '../helpers/bot';
import type { ConversationRef } from '../../src/engine/types';

const ref = (id = 'c1', user = 'u1'): ConversationRef => ({ channel: 'web', conversationId: id, userId: user });

function service(opts: Partial<ConstructorParameters<typeof ConversationService>[0]> = {}) {
  return new ConversationService({ engine: testEngine(), store: new MemoryStore(), ...opts });
}

describe('conversation service', () => {
  it('keeps state between turns and emits hand-offs', async () => {
    const s = service();
    const handoffs: unknown[] = [];
    s.on('handoff', (_r, summary) => handoffs.push(summary));
    await s.handle(ref(), { text: 'region locked' });
    const t = await s.handle(ref(), { text: 'every network' });
    expect(t.state).toBe('ask_kyc_region');
    await s.handle(ref(), { text: 'let me talk to a human' });
    expect(handoffs).toHaveLength(1);
    expect((await s.handle(ref(), { text: 'hello?' })).silent).toBe(true);
    expect(await s.claim(ref(), 'Ana')).toBe('claimed');
    expect(await s.claim(ref(), 'Bo')).toBe('already_claimed');
    expect(await s.release(ref())).toBe(true);
    expect((await s.handle(ref(), { text: 'are my funds safe' })).silent).toBe(false);
  });

  it('serialises concurrent messages of one conversation', async () => {
    // Writes land late: without the per-conversation chain the second message would read the
    // state from before the first one and be asked the scope question again.
    const slow = new MemoryStore();
    const set = slow.set.bind(slow);
    slow.set = (async (...args: Parameters<typeof set>) => {
      await new Promise((r) => setTimeout(r, 30));
      return set(...args);
    }) as typeof slow.set;
    const s = service({ store: slow });
    const turns = await Promise.all([s.handle(ref(), { text: 'region locked' }), s.handle(ref(), { text: 'every network' })]);
    expect(turns[1]!.state).toBe('ask_kyc_region');
  });

  it('rate-limits a flooding user politely', async () => {
    const s = service({ rateLimitPerMinute: 3 });
    const turns = [];
    for (let i = 0; i < 5; i++) turns.push(await s.handle(ref(), { text: 'hello' }));
    expect(turns[4]!.state).toBe('rate_limited');
    expect(turns[4]!.reply.length).toBeGreaterThan(10);
  });

  it('cuts oversized messages and refuses new conversations beyond the limit', async () => {
    const s = service({ maxMessageChars: 200, maxConversations: 1 });
    const t = await s.handle(ref('a'), { text: 'are my funds safe '.repeat(100) });
    expect(t.flags.truncated).toBe(true);
    // Cut in one place: the notice appears once.
    const notice = s.message('too_long');
    expect(t.reply.startsWith(notice)).toBe(true);
    expect(t.reply.split(notice)).toHaveLength(2);
    const busy = await s.handle(ref('b', 'u2'), { text: 'hello' });
    expect(busy.state).toBe('busy');
  });
});
