// The "Triage ticket" message shortcut.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { SlackHarness, textOf, waitFor } from './helpers';

describe('slack triage_ticket shortcut', () => {
  const h = useHarness(new SlackHarness());

  const ticket = 'Hi, I received an email that Binance is leaving my country and now my account shows Region Locked. What happens to my coins?';

  it('shows the triage card of a message to the agent who used it', async () => {
    const sent = await h.shortcut(ticket, { user: 'U0AGENT' });
    expect(sent.status).toBe(200);
    const card = await waitFor(() => h.fake.responses.find((r) => r.id === sent.responseId), 'the triage card');
    expect(card.body.response_type).toBe('ephemeral');
    expect(textOf(card)).toContain('policy_change');
    expect(textOf(card)).toMatch(/Likely causes/);
  });

  it('falls back to an ephemeral message, then to a DM, when the response_url does not work', async () => {
    h.fake.failNext('response_url', { status: 410 });
    await h.shortcut(ticket, { user: 'U0AGENT2', channel: 'C0TICKETS' });
    const eph = await waitFor(() => h.fake.callsOf('chat.postEphemeral').find((c) => c.params.user === 'U0AGENT2'), 'the ephemeral card');
    expect(eph.params.channel).toBe('C0TICKETS');
    expect(textOf(eph)).toContain('policy_change');

    h.fake.failNext('response_url', { status: 410 });
    h.fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    await h.shortcut(ticket, { user: 'U0AGENT3', channel: 'C0PRIVATE' });
    await waitFor(() => h.fake.callsOf('conversations.open').find((c) => c.params.users === 'U0AGENT3'), 'the DM being opened');
    const dm = await waitFor(() => h.posts({ channel: 'D0AGENT3' })[0], 'the card in a DM');
    expect(textOf(dm)).toContain('policy_change');
  });
});
