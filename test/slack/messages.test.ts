// Direct messages: a full diagnosis through button clicks, typed answers, and what is ignored.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { SlackHarness, buttonsOf, settle, textOf, waitFor, FAKE_BOT_ID, FAKE_BOT_USER } from './helpers';
import { testEngine } from '../helpers/bot';
import { toMrkdwn } from '../../adapters/slack/render/mrkdwn';

describe('slack direct messages', () => {
  const h = useHarness(new SlackHarness());

  it('diagnoses a KYC region lock through button clicks and leaves no dead buttons', async () => {
    const channel = 'D0ALICE';
    expect(h.fake.callsOf('auth.test').length).toBeGreaterThanOrEqual(1);
    const sent = await h.dm('my account says region not supported', { user: 'U0ALICE', channel });
    expect(sent.status).toBe(200);

    const scopeQuestion = await waitFor(() => h.posts({ channel }).find((c) => buttonsOf(c).some((b) => /every network/i.test(b.label))), 'the scope question');
    expect(scopeQuestion.params.thread_ts).toBeUndefined();
    expect(scopeQuestion.token).toBe('xoxb-test-0000-fake');
    const scopeButtons = buttonsOf(scopeQuestion);
    expect(scopeButtons.map((b) => b.label)).toEqual(expect.arrayContaining(['Every network', 'Only this network', 'Not sure']));
    // Mrkdwn, not Markdown.
    expect(textOf(scopeQuestion)).not.toMatch(/\*\*/);

    await h.click(scopeQuestion, 'Every network', { user: 'U0ALICE' });
    const scopeTs = h.tsOf(scopeQuestion);
    const updated = await waitFor(() => h.fake.callsOf('chat.update').find((c) => c.params.ts === scopeTs), 'the answered question update');
    expect(updated.params.channel).toBe(channel);
    expect(buttonsOf(updated)).toHaveLength(0);
    expect(textOf(updated)).toContain('Every network');

    const kycQuestion = await waitFor(
      () => h.posts({ channel }).find((c) => c !== scopeQuestion && buttonsOf(c).some((b) => /restricted country/i.test(b.label))),
      'the KYC question',
    );
    await h.click(kycQuestion, /restricted country/i, { user: 'U0ALICE' });
    const kycTs = h.tsOf(kycQuestion);
    await waitFor(() => h.fake.callsOf('chat.update').find((c) => c.params.ts === kycTs && buttonsOf(c).length === 0), 'the KYC question update');

    // The reply after the click is the diagnosis: it names the KYC cause (title from the knowledge files).
    const kycTitle = toMrkdwn(testEngine().knowledge.causes.kyc_region.title);
    const diagnosis = await waitFor(() => h.posts({ channel }).find((c) => h.tsOf(c) > kycTs), 'the reply after the KYC answer');
    expect(textOf(diagnosis)).toContain(kycTitle);
    expect(buttonsOf(diagnosis).some((b) => b.value.startsWith('kyc_region:'))).toBe(false);
    expect(textOf(diagnosis)).not.toMatch(/\*\*|\]\(/);

    // A second click on an answered question does nothing.
    const before = h.posts({ channel }).length;
    await h.click(kycQuestion, /restricted country/i, { user: 'U0ALICE' });
    await settle(h);
    expect(h.posts({ channel }).length).toBe(before);
  });

  it('replies in Chinese to a Chinese user: question, buttons and diagnosis', async () => {
    const channel = 'D0WANG';
    await h.dm('币安账号显示不支持您所在的地区，怎么办？', { user: 'U0WANG', channel });
    const question = await waitFor(() => h.posts({ channel }).find((c) => buttonsOf(c).length > 0), 'the scope question');
    expect(textOf(question)).toContain('所有网络');
    expect(buttonsOf(question).map((b) => b.label)).toEqual(['所有网络都这样', '只有这个网络', '不确定']);
    await h.click(question, '所有网络都这样', { user: 'U0WANG' });
    const kyc = await waitFor(() => h.posts({ channel }).find((c) => c !== question && buttonsOf(c).some((b) => /受限地区/.test(b.label))), 'the KYC question');
    expect(textOf(kyc)).toContain('KYC');
    await h.click(kyc, /受限地区/, { user: 'U0WANG' });
    const kycTitle = toMrkdwn(testEngine().pack('zh').knowledge.causes.kyc_region.title);
    const diagnosis = await waitFor(() => h.posts({ channel }).find((c) => textOf(c).includes(kycTitle)), 'the Chinese diagnosis');
    expect(textOf(diagnosis)).toContain('最可能的原因');
    expect(buttonsOf(diagnosis).map((b) => b.label)).toContain('接下来我该怎么做？');
  });

  it('continues when the answer is typed, and removes the buttons of the question', async () => {
    const channel = 'D0CAROL';
    await h.dm('binance says my region is locked, help', { user: 'U0CAROL', channel });
    const question = await waitFor(() => h.posts({ channel }).find((c) => buttonsOf(c).length > 0), 'a question with buttons');
    const qts = h.tsOf(question);
    await h.dm('it happens on every network, wifi and mobile data', { user: 'U0CAROL', channel });
    const update = await waitFor(() => h.fake.callsOf('chat.update').find((c) => c.params.ts === qts), 'buttons removed');
    expect(buttonsOf(update)).toHaveLength(0);
    const next = await waitFor(() => h.posts({ channel }).find((c) => h.tsOf(c) > qts), 'the next reply');
    expect(buttonsOf(next).some((b) => /restricted country/i.test(b.label))).toBe(true);
  });

  it('ignores bots, its own messages, edits, joins and other subtypes', async () => {
    const channel = 'D0QUIET';
    const base = { type: 'message', channel, channel_type: 'im', team: 'T0FAKE' };
    const ignored = [
      { ...base, subtype: 'bot_message', bot_id: 'B0OTHER', text: 'region not supported', ts: h.nextTs() },
      { ...base, user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: 'region not supported', ts: h.nextTs() },
      { ...base, user: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, text: 'my own words', ts: h.nextTs() },
      {
        ...base,
        subtype: 'message_changed',
        hidden: true,
        ts: h.nextTs(),
        message: { type: 'message', user: 'U0DAVE', text: 'region not supported (edited)', ts: h.nextTs() },
        previous_message: { type: 'message', user: 'U0DAVE', text: 'region', ts: h.nextTs() },
      },
      { ...base, subtype: 'message_deleted', hidden: true, ts: h.nextTs(), deleted_ts: h.nextTs() },
      {
        type: 'message',
        subtype: 'channel_join',
        channel: 'C0PUBLIC',
        channel_type: 'channel',
        user: 'U0DAVE',
        text: '<@U0DAVE> has joined the channel',
        ts: h.nextTs(),
      },
      { ...base, subtype: 'channel_topic', user: 'U0DAVE', text: 'set the topic', ts: h.nextTs() },
    ];
    for (const event of ignored) expect((await h.sendEvent(event)).status).toBe(200);
    await settle(h);
    expect(h.posts({ channel })).toHaveLength(0);
    expect(h.posts({ channel: 'C0PUBLIC' })).toHaveLength(0);
  });
});
