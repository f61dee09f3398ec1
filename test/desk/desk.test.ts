// The desk core with the real service and engine, an in-memory store and recording ports: claims are
// single, a timeout never beats a claim, notes and other agents stay internal, agents' secrets are
// redacted before they are relayed or kept, and the macro claims and relays.
import { describe, expect, it } from 'vitest';
import { ConversationService } from '../../src/engine/service';
import { MemoryStore } from '../../src/store/memory';
import { Desk } from '../../src/desk/desk';
import type { CardPlace, HandoffRecord, UserMessage } from '../../src/desk/types';
import type { ConversationRef } from '../../src/engine/types';
import { createLogger } from '../../src/ops/logger';
import { testEngine } from '../helpers/bot';
import { DEFAULT_EXCHANGE } from '../../src/knowledge/load';

function setup(timeoutMs = 60_000, agentLanguage = 'en') {
  let now = 1_800_000_000_000;
  const store = new MemoryStore(() => now);
  const service = new ConversationService({ engine: testEngine(), store, now: () => now });
  const desk = new Desk({
    config: { on: 'slack', timeoutMs, supportHours: null, supportHoursText: null },
    exchange: DEFAULT_EXCHANGE,
    service,
    store,
    logger: createLogger({ level: 'silent', format: 'json' }),
    now: () => now,
    agentLanguage,
  });
  service.useDesk(desk);
  const delivered: { ref: ConversationRef; message: UserMessage }[] = [];
  const cards: HandoffRecord[] = [];
  const thread: string[] = [];
  desk.registerDelivery('web', async (ref, message) => {
    delivered.push({ ref, message });
  });
  desk.registerDesk({
    async postCard(r): Promise<CardPlace> {
      cards.push(r);
      return { channel: 'C1', message: String(cards.length) };
    },
    async updateCard(r) {
      cards.push(r);
    },
    async postInThread(_r, line) {
      thread.push(line.text);
    },
  });
  const ref: ConversationRef = { channel: 'web', conversationId: 'v1', userId: 'v1' };
  const handOff = async (text = 'I want to talk to a real person please') => {
    const turn = await service.handle(ref, { text });
    expect(turn.handoff).not.toBeNull();
    // The card is posted after the turn; wait (bounded) for it.
    for (let i = 0; i < 100 && !cards.length; i++) await new Promise((r) => setTimeout(r, 5));
    return { turn, id: cards[0]!.id };
  };
  return { desk, service, store, delivered, cards, thread, ref, handOff, advance: (ms: number) => (now += ms) };
}

const ann = { id: 'U1', name: 'Ann' };
const bo = { id: 'U2', name: 'Bo' };

describe('desk core', () => {
  it('two claims at once: one wins, the other is told who holds it', async () => {
    const t = setup();
    const { id } = await t.handOff();
    const [a, b] = await Promise.all([t.desk.claim(id, ann), t.desk.claim(id, bo)]);
    expect([a.result, b.result].sort()).toEqual(['already_claimed', 'claimed']);
    const holder = a.result === 'claimed' ? ann : bo;
    expect((a.result === 'claimed' ? b : a).holder?.id).toBe(holder.id);
    expect(t.delivered.filter((d) => /has joined/.test(d.message.text))).toHaveLength(1);
  });

  it('a timeout after a claim changes nothing; an unclaimed one times out once', async () => {
    const claimed = setup(1000);
    const first = await claimed.handOff();
    await claimed.desk.claim(first.id, ann);
    claimed.advance(5000);
    await Promise.all([claimed.desk.sweep(), claimed.desk.sweep()]);
    expect((await claimed.desk.record(first.id))?.status).toBe('claimed');

    const waiting = setup(1000);
    const second = await waiting.handOff();
    waiting.advance(5000);
    await Promise.all([waiting.desk.sweep(), waiting.desk.sweep()]);
    expect((await waiting.desk.record(second.id))?.status).toBe('timed_out');
    expect(waiting.delivered.filter((d) => /nobody from the support team could pick up/i.test(d.message.text))).toHaveLength(1);
    // The bot answers again, and the late claim is refused.
    expect((await waiting.service.handle(waiting.ref, { text: 'are my funds safe?' })).silent).toBe(false);
    expect((await waiting.desk.claim(second.id, ann)).result).toBe('not_handed_off');
  });

  it('first reply claims; notes and other agents stay internal; agents’ secrets are redacted', async () => {
    const t = setup();
    const { id } = await t.handOff();
    expect(await t.desk.agentMessage(id, ann, 'note: looks like KYC')).toEqual({ kind: 'note' });
    expect((await t.desk.record(id))?.status).toBe('waiting');
    expect(await t.desk.agentMessage(id, ann, 'Hello, your reset code is 482913 from the sms code')).toEqual({ kind: 'relayed', claimed: true });
    expect(await t.desk.agentMessage(id, bo, 'I can take it')).toEqual({ kind: 'internal', holder: ann });
    const relayed = t.delivered.filter((d) => d.message.kind === 'agent');
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.message).toMatchObject({ kind: 'agent', agent: 'Ann (support team)' });
    expect(relayed[0]!.message.text).not.toContain('482913');
    expect(JSON.stringify(await t.desk.auditTrail(id))).not.toContain('482913');
    // The user's next message goes to the thread, redacted; the bot is silent.
    const turn = await t.service.handle(t.ref, { text: 'my password is Hunter22!xy' });
    expect(turn.silent).toBe(true);
    expect(t.thread.at(-1)).not.toContain('Hunter22');
    // …and the card now says a secret was shared.
    expect(t.cards.at(-1)?.secretShared).toBe(true);
  });

  it('a macro claims, reaches the user under the agent’s name, and is noted in the thread', async () => {
    const t = setup();
    const { id } = await t.handOff();
    expect((await t.desk.sendMacro(id, ann, 'kyc_region')).kind).toBe('relayed');
    const macro = t.delivered.find((d) => d.message.kind === 'agent')!;
    expect(macro.message.text).toBe(testEngine().macro('kyc_region', false));
    expect(t.thread.at(-1)).toMatch(/Ann sent the macro for/);
    expect((await t.desk.record(id))?.agent).toEqual(ann);
  });

  it('a Chinese conversation: the user is answered in Chinese, the card stays in the agents’ language', async () => {
    const t = setup(1000);
    const { turn, id } = await t.handOff('我要人工客服，机器人解决不了');
    expect(turn.language).toBe('zh');
    expect(turn.reply).toMatch(/下一位就轮到您了|您目前排在第/);
    expect(t.desk.texts.card_title).toBe('A customer needs a person');
    expect((await t.desk.record(id))?.language).toBe('zh');
    expect((await t.desk.sendMacro(id, ann, 'kyc_region')).kind).toBe('relayed');
    const joined = t.delivered.find((d) => d.message.kind === 'notice')!;
    expect(joined.message.text).toContain('Ann');
    expect(joined.message.text).toMatch(/客服团队/);
    const macro = t.delivered.find((d) => d.message.kind === 'agent')!;
    expect(macro.message).toMatchObject({ agent: 'Ann（人工客服）' });
    expect(macro.message.text).toBe(testEngine().macro('kyc_region', false, 'zh'));
    expect(macro.message.text).not.toBe(testEngine().macro('kyc_region', false, 'en'));
    // The agents' thread note names the cause in the agents' language.
    expect(t.thread.at(-1)).toMatch(/Ann sent the macro for/);
    await t.desk.close(id, ann, true);
    expect(t.delivered.at(-1)?.message.text).toMatch(/已解决/);
  });

  it('a Chinese conversation that nobody claims times out in Chinese; AGENT_LANGUAGE=zh puts the card in Chinese', async () => {
    const t = setup(1000, 'zh');
    const { id } = await t.handOff('我要人工客服，机器人解决不了');
    expect(t.desk.texts.card_title).toBe('有用户需要人工客服');
    t.advance(5000);
    await t.desk.sweep();
    expect((await t.desk.record(id))?.status).toBe('timed_out');
    expect(t.delivered.at(-1)?.message.text).toMatch(/非常抱歉/);
    expect(t.delivered.at(-1)?.message.text).toMatch(/给客服的摘要/);
  });
});
