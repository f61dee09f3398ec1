// Direct messages and mentions through the real discord.js client against the fake Discord:
// a full diagnosis by button clicks, typed answers, a mention that opens a thread, what is ignored.
import { describe, expect, it } from 'vitest';
import { GatewayIntentBits, MessageFlags } from 'discord.js';
import { useHarness } from '../helpers/suite-harness';
import { BOT_USER, DiscordHarness, PUBLIC_CHANNEL_ID, buttonsOf, person, settle, textOf, waitFor } from './helpers';

const EPHEMERAL = MessageFlags.Ephemeral;

describe('discord conversations', () => {
  const h = useHarness(new DiscordHarness());

  it('connects with the three non-privileged intents and reports the channel as connected', () => {
    expect(h.fake.calls('GET', /^\/gateway\/bot$/).length).toBeGreaterThanOrEqual(1);
    const identify = h.fake.gatewayLog.find((p) => p.op === 2);
    const intents = identify?.d.intents as number;
    expect(intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages);
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
    const discord = h.raw.channels.find((c: { name: string }) => c.name === 'discord');
    expect(discord.connected()).toBe(true);
  });

  it('replies in Chinese to a Chinese user in a DM, buttons included', async () => {
    const li = person('Li');
    h.dm(li, '币安账号显示不支持您所在的地区，怎么办？');
    const dm = h.dmChannel(li);
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).some((b) => b.label === '所有网络都这样')), 'the Chinese scope question');
    expect(question.content).toContain('所有网络');
    expect(buttonsOf(question).map((b) => b.label)).toEqual(['所有网络都这样', '只有这个网络', '不确定']);
    h.click(question, '所有网络都这样', li);
    const kyc = await waitFor(() => h.posted(dm, question.id).find((m) => buttonsOf(m).some((b) => /受限地区/.test(b.label))), 'the Chinese KYC question');
    h.click(kyc, /受限地区/, li);
    const diagnosis = await waitFor(() => h.posted(dm, kyc.id).find((m) => m.content.includes('最可能的原因')), 'the Chinese diagnosis');
    expect(diagnosis.content).toContain('KYC');
    expect(diagnosis.content.length).toBeLessThanOrEqual(2000);
  });

  it('diagnoses a KYC region lock in a DM through button clicks, and old buttons cannot be pressed twice', async () => {
    const alice = person('Alice');
    h.dm(alice, 'my account says region not supported');
    const dm = h.dmChannel(alice);
    const scopeQuestion = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).some((b) => /every network/i.test(b.label))), 'the scope question');
    expect(buttonsOf(scopeQuestion).map((b) => b.label)).toEqual(expect.arrayContaining(['Every network', 'Only this network']));
    // Nobody is pinged by accident and links do not unfurl.
    const posted = h.fake.calls('POST', new RegExp(`^/channels/${dm}/messages$`))[0];
    expect(posted.body.allowed_mentions).toEqual({ parse: [] });
    expect(posted.body.flags & MessageFlags.SuppressEmbeds).toBeTruthy();

    const click = h.click(scopeQuestion, 'Every network', alice);
    // The click is answered by updating the question: every button disabled, the choice marked.
    const update = await h.callbackOf(click, 'the update callback');
    expect(update.type).toBe(7);
    const rows = buttonsOf(update.data);
    expect(rows.every((b) => b.disabled)).toBe(true);
    expect(rows.find((b) => b.label === 'Every network')?.style).toBe(3);

    const kycQuestion = await waitFor(
      () => h.posted(dm, scopeQuestion.id).find((m) => buttonsOf(m).some((b) => /restricted country/i.test(b.label))),
      'the KYC question',
    );
    h.click(kycQuestion, /restricted country/i, alice);
    const diagnosis = await waitFor(() => h.posted(dm, kycQuestion.id).find((m) => /KYC|verif|residen/i.test(m.content)), 'the diagnosis naming the KYC cause');
    expect(diagnosis.content.length).toBeLessThanOrEqual(2000);
    await settle(h);
    for (const m of h.posted(dm)) expect(m.content.length).toBeLessThanOrEqual(2000);

    // A second click on an answered question changes nothing and says so privately.
    const before = h.posted(dm).length;
    const again = h.click(kycQuestion, /restricted country/i, alice);
    const told = await h.callbackOf(again, 'the already-answered notice');
    expect(told.type).toBe(4);
    expect(told.data.flags & EPHEMERAL).toBeTruthy();
    await settle(h);
    expect(h.posted(dm).length).toBe(before);
  });

  it('continues when the answer is typed, and removes the buttons of the question', async () => {
    const carol = person('Carol');
    h.dm(carol, 'binance says my region is locked, help');
    const dm = h.dmChannel(carol);
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).length > 0), 'a question with buttons');
    h.dm(carol, 'it happens on every network, wifi and mobile data');
    const edit = await waitFor(() => h.fake.calls('PATCH', new RegExp(`^/channels/${dm}/messages/${question.id}$`))[0], 'the buttons removed');
    expect(edit.body.components).toEqual([]);
    const next = await waitFor(() => h.posted(dm, question.id).find((m) => buttonsOf(m).length > 0), 'the next question');
    expect(buttonsOf(next).some((b) => /restricted country/i.test(b.label))).toBe(true);
  });

  it('answers a mention in a new thread, and follow-ups in that thread continue the conversation', async () => {
    const bob = person('Bob');
    const mention = h.guildMessage(bob, 'my account says region not supported', { mention: true });
    const threadCall = await waitFor(
      () => h.fake.calls('POST', new RegExp(`^/channels/${PUBLIC_CHANNEL_ID}/messages/${mention.id}/threads$`))[0],
      'the thread',
    );
    expect(threadCall.body.name).toMatch(/region not supported/);
    const threadId = mention.id;
    const question = await waitFor(() => h.posted(threadId).find((m) => buttonsOf(m).length > 0), 'the question in the thread');
    // Nothing was answered in the channel itself.
    expect(h.posted(PUBLIC_CHANNEL_ID)).toHaveLength(0);

    // A follow-up that mentions the bot (or replies to it) carries content: the conversation goes on.
    const threadsOpened = h.fake.calls('POST', /\/threads$/).length;
    h.guildMessage(bob, 'every network, wifi and mobile', { channelId: threadId, mention: true });
    const next = await waitFor(
      () => h.posted(threadId, question.id).find((m) => buttonsOf(m).some((b) => /restricted country/i.test(b.label))),
      'the KYC question in the thread',
    );
    // No second thread was opened for the follow-up.
    expect(h.fake.calls('POST', /\/threads$/)).toHaveLength(threadsOpened);

    // Only the person who started the conversation answers its questions.
    const eve = person('Eve');
    const foreign = h.click(next, /restricted country/i, eve);
    const refused = await h.callbackOf(foreign, 'the refusal');
    expect(refused.type).toBe(4);
    expect(refused.data.flags & EPHEMERAL).toBeTruthy();
    h.click(next, /restricted country/i, bob);
    await waitFor(() => h.posted(threadId, next.id).find((m) => /KYC|verif|residen/i.test(m.content)), 'the diagnosis in the thread');

    // Without the Message Content intent a follow-up without a mention arrives empty: one hint, once.
    h.guildMessage(bob, '', { channelId: threadId });
    const hint = await waitFor(() => h.posted(threadId).find((m) => /mention me/i.test(m.content)), 'the mention hint');
    expect(hint.content).toContain(`<@${BOT_USER.id}>`);
    const count = h.posted(threadId).length;
    h.guildMessage(bob, '', { channelId: threadId });
    await settle(h);
    expect(h.posted(threadId).length).toBe(count);
  });

  it('ignores other bots, itself, webhooks, system messages and channel chatter without a mention', async () => {
    const before = h.fake.requests.length;
    const dave = person('Dave');
    const otherBot = { ...person('OtherBot'), bot: true };
    h.dm(otherBot, 'region not supported');
    h.guildMessage(otherBot, 'region not supported', { mention: true });
    h.guildMessage({ ...BOT_USER, global_name: BOT_USER.global_name }, 'my own words', { mention: true });
    h.guildMessage(dave, 'region not supported', { mention: true, extra: { webhook_id: '1100000000000007777' } });
    h.guildMessage(dave, '', { extra: { type: 7 } });
    h.guildMessage(dave, 'just chatting about region locks');
    await settle(h);
    expect(h.fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('reads a bare mention as a hello', async () => {
    const frank = person('Frank');
    const mention = h.guildMessage(frank, '', { mention: true });
    const reply = await waitFor(() => h.posted(mention.id)[0], 'the greeting in the new thread');
    expect(textOf(reply).length).toBeGreaterThan(0);
  });
});
