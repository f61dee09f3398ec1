// Socket Mode (SLACK_APP_TOKEN set): events arrive over a WebSocket instead of HTTP.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { SlackHarness, buttonsOf, textOf, waitFor, FAKE_TEAM } from './helpers';

describe('slack socket mode', () => {
  const h = useHarness(new SlackHarness(), (harness) => harness.start({ env: { SLACK_APP_TOKEN: 'xapp-1-A0FAKE-1-fake' } }));

  it('connects with the app token and answers a DM and a button click', async () => {
    const open = await waitFor(() => h.fake.callsOf('apps.connections.open')[0], 'apps.connections.open');
    expect(open.token).toBe('xapp-1-A0FAKE-1-fake');
    await waitFor(() => h.fake.socketConnections > 0, 'the WebSocket connection');
    const health = await fetch(`${h.url}/healthz`).then((r) => r.json());
    expect(health.channels.slack).toBe(true);
    expect(h.logs.find(/slack: ready/).at(0)?.mode).toBe('socket');

    const channel = 'D0SOCK';
    const envelopeId = h.fake.sendSocketEnvelope(
      'events_api',
      h.eventEnvelope({ type: 'message', channel, channel_type: 'im', user: 'U0SOCK', text: 'my account says region not supported', ts: h.nextTs() }),
    );
    await waitFor(() => h.fake.socketAcks.find((a) => a.envelope_id === envelopeId), 'the envelope ack');
    const question = await waitFor(() => h.posts({ channel }).find((c) => buttonsOf(c).length > 0), 'the reply');
    expect(question.token).toBe('xoxb-test-0000-fake');

    const button = buttonsOf(question).find((b) => b.label === 'Every network')!;
    const ts = h.tsOf(question);
    h.fake.sendSocketEnvelope('interactive', {
      type: 'block_actions',
      user: { id: 'U0SOCK', username: 'sock', team_id: FAKE_TEAM },
      team: { id: FAKE_TEAM, domain: 'fake' },
      channel: { id: channel, name: 'directmessage' },
      container: { type: 'message', channel_id: channel, message_ts: ts },
      message: { type: 'message', ts, text: question.params.text, blocks: question.params.blocks },
      trigger_id: h.nextId('trig.'),
      response_url: h.fake.responseUrl(),
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: button.block_id,
          value: button.value,
          text: { type: 'plain_text', text: button.label },
          action_ts: '1',
        },
      ],
    });
    await waitFor(() => h.fake.callsOf('chat.update').find((c) => c.params.ts === ts), 'the answered question');
    const next = await waitFor(() => h.posts({ channel }).find((c) => h.tsOf(c) > ts), 'the next question');
    expect(textOf(next).length).toBeGreaterThan(10);
  });

  it('takes /regionlock over the socket and answers privately', async () => {
    const responseUrl = h.fake.responseUrl();
    const envelopeId = h.fake.sendSocketEnvelope('slash_commands', {
      token: 'legacy-verification-token',
      team_id: FAKE_TEAM,
      channel_id: 'C0SUPPORT',
      user_id: 'U0AGENT',
      command: '/regionlock',
      text: 'triage my KYC says mainland China and the app shows region locked on every network',
      response_url: responseUrl,
      trigger_id: h.nextId('trig.'),
      api_app_id: 'A0FAKE',
    });
    await waitFor(() => h.fake.socketAcks.find((a) => a.envelope_id === envelopeId), 'the envelope ack');
    const id = responseUrl.split('/').pop();
    const card = await waitFor(() => h.fake.responses.find((r) => r.id === id), 'the triage card');
    expect(card.body.response_type).toBe('ephemeral');
    expect(textOf(card)).toContain('kyc_region');
  });

  it('does not take events over HTTP in socket mode', async () => {
    const res = await h.dm('hello', { user: 'U0HTTP', channel: 'D0HTTP' });
    expect(res.status).toBe(404);
  });
});
