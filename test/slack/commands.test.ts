// /regionlock <question> and /regionlock triage <ticket>: private answers for agents.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { SlackHarness, settle, textOf, waitFor } from './helpers';

describe('slack /regionlock', () => {
  const h = useHarness(new SlackHarness());

  it('answers a question privately through the response_url', async () => {
    const sent = await h.command('can I still withdraw my crypto?');
    expect(sent.status).toBe(200);
    const answer = await waitFor(() => h.fake.responses.find((r) => r.id === sent.responseId), 'the private answer');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(textOf(answer).length).toBeGreaterThan(20);
    expect(textOf(answer)).toMatch(/withdraw/i);
    expect(JSON.stringify(answer.body.blocks)).not.toContain('"actions"');
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('returns the triage card for a pasted ticket', async () => {
    const ticket =
      'Customer writes: since yesterday the app says "your region is not supported". Happens on wifi and on mobile data. ' +
      'My KYC was done with my Chinese ID card, I live in mainland China. Please help, I need my money.';
    const sent = await h.command(`triage ${ticket}`);
    expect(sent.status).toBe(200);
    const card = await waitFor(() => h.fake.responses.find((r) => r.id === sent.responseId), 'the triage card');
    expect(card.body.response_type).toBe('ephemeral');
    const all = textOf(card);
    expect(all).toContain('kyc_region');
    expect(all).toMatch(/\d+%/);
    expect(all).toMatch(/Evidence/);
    expect(all).toMatch(/Suggested reply/);
    expect(all).toMatch(/processing time/i);
  });

  it('answers a Chinese question in Chinese, and triages a Chinese ticket: the card for agents in English, the reply to the customer in Chinese', async () => {
    const asked = await h.command('地区限制了还能提币吗？');
    const answer = await waitFor(() => h.fake.responses.find((r) => r.id === asked.responseId), 'the private answer');
    expect(textOf(answer)).toMatch(/提币/);
    const ticket = '客户说：从昨天开始 App 一直提示不支持您所在的地区，家里 wifi 和手机流量都一样。我是用中国身份证做的实名认证，人在大陆。钱还能取出来吗？';
    const sent = await h.command(`triage ${ticket}`);
    const card = await waitFor(() => h.fake.responses.find((r) => r.id === sent.responseId), 'the triage card');
    const all = textOf(card);
    expect(all).toContain('kyc_region');
    expect(all).toMatch(/Suggested reply/);
    // The cause is named for the agent in English; the macro speaks Chinese to the customer.
    expect(all).toContain('Verified residence (KYC)');
    expect(all).toContain('3–7 days');
    expect(all).toContain('感谢您提供的信息');
  });

  it('shows help for an empty command, and falls back to an ephemeral message when the response_url fails', async () => {
    const help = await h.command('');
    const shown = await waitFor(() => h.fake.responses.find((r) => r.id === help.responseId), 'the help');
    expect(textOf(shown)).toContain('/regionlock triage');

    h.fake.failNext('response_url', { status: 404 });
    const sent = await h.command('what does region locked mean?', { channel: 'C0SUPPORT', user: 'U0AGENT' });
    const eph = await waitFor(() => h.fake.callsOf('chat.postEphemeral').find((c) => c.params.user === 'U0AGENT'), 'the ephemeral fallback');
    expect(eph.params.channel).toBe('C0SUPPORT');
    expect(textOf(eph).length).toBeGreaterThan(20);
    expect(sent.status).toBe(200);
    await settle(h);
  });
});
