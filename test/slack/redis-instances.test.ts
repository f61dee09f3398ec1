// Slack over HTTP with two real `region-lock-bot start` processes on one real Redis (Debian's
// redis-server, free loopback port, no persistence) and one fake Slack Web API: a retry that lands on
// the other instance is answered once, and two agents claiming at the same moment give one winner.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startBotProcess, type BotProcess } from '../helpers/cli-process';
import { useRedisSuite } from '../helpers/redis-suite';
import { AGENT_CHANNEL, FAKE_TEAM, SlackHarness, baseEnv, buttonsOf, waitFor } from './helpers';

const h = new SlackHarness();
const suite = useRedisSuite(h.fake);

async function instance(extra: Record<string, string> = {}): Promise<BotProcess> {
  const dir = suite.dataDir('rlb-slack-inst-');
  const env = baseEnv(h.fake, dir);
  return startBotProcess(dir, { ...env, LOG_LEVEL: 'info', REDIS_URL: suite.url(), ...extra });
}

/** A harness aimed at one instance (same fake Slack). */
function at(bot: BotProcess): SlackHarness {
  const other = new SlackHarness();
  (other as unknown as { fake: unknown }).fake = h.fake;
  other.url = bot.url;
  return other;
}

const dm = (user: string, channel: string, text: string) => ({
  type: 'message',
  channel,
  channel_type: 'im',
  user,
  text,
  ts: h.nextTs(),
  team: FAKE_TEAM,
  client_msg_id: randomUUID(),
});

describe('slack with two instances on one Redis', () => {
  it('a retry of an event delivered to the other instance is answered once', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const channel = 'D0RETRY';
    const body = JSON.stringify(h.eventEnvelope(dm('U0RETRY', channel, 'my region is not supported'), 'Ev0RETRYSAME'));
    expect((await at(a).post(body, 'application/json')).status).toBe(200);
    await waitFor(() => h.posts({ channel })[0], 'the first answer');

    // Slack did not see the 200 in time and retries; the load balancer sends it to B.
    const retry = await at(b).post(body, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    // A new message on B afterwards: once its answer is out, anything B did with the retry is out too.
    await at(b).sendEvent(dm('U0RETRY', channel, 'is my money safe?'));
    await waitFor(() => h.posts({ channel })[1], 'the answer to the next message');
    expect(h.posts({ channel })).toHaveLength(2);
  });

  it('two agents clicking Claim at the same moment on two instances: exactly one claims it', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const channel = 'D0CLAIM';
    await at(a).sendEvent(dm('U0CLAIM', channel, 'my account says region not supported'));
    await waitFor(() => h.posts({ channel })[0], 'the first reply');
    await at(b).sendEvent(dm('U0CLAIM', channel, 'I want to talk to a real person please'));
    const card = await waitFor(
      () => h.posts({ channel: AGENT_CHANNEL }).find((c) => buttonsOf(c).some((btn) => btn.label === 'Claim') && JSON.stringify(c.params).includes('U0CLAIM')),
      'the hand-off card',
    );

    const updatesBefore = h.fake.callsOf('chat.update').length;
    const [one, two] = await Promise.all([at(a).click(card, 'Claim', { user: 'U0AGENT1' }), at(b).click(card, 'Claim', { user: 'U0AGENT2' })]);
    const ids = [one, two].map((c) => String(c.payload.response_url).split('/').pop());
    const claimedCards = () =>
      h.fake
        .callsOf('chat.update')
        .slice(updatesBefore)
        .filter((c) => buttonsOf(c).some((btn) => btn.label === 'Release'));
    const refusals = () => h.fake.responses.filter((r) => ids.includes(r.id) && /already claimed/.test(JSON.stringify(r.body)));
    await waitFor(() => claimedCards().length + refusals().length >= 2, 'both clicks answered');
    expect(claimedCards()).toHaveLength(1);
    expect(refusals()).toHaveLength(1);
  });

  it("Socket Mode: an event delivered on both instances' connections is answered once", async () => {
    const before = h.fake.socketConnections;
    await Promise.all([instance({ SLACK_APP_TOKEN: 'xapp-1-A0FAKE-1-fake' }), instance({ SLACK_APP_TOKEN: 'xapp-1-A0FAKE-1-fake' })]);
    await waitFor(() => h.fake.socketConnections >= before + 2, 'both socket connections');
    const channel = 'D0SOCKTWO';
    // The fake sends each envelope on every open connection: both instances receive this event.
    h.fake.sendSocketEnvelope('events_api', h.eventEnvelope(dm('U0SOCKTWO', channel, 'my region is not supported')));
    await waitFor(() => h.posts({ channel })[0], 'the answer');
    h.fake.sendSocketEnvelope('events_api', h.eventEnvelope(dm('U0SOCKTWO', channel, 'is my money safe?')));
    await waitFor(() => h.posts({ channel })[1], 'the answer to the next message');
    const after = () => h.posts({ channel }).length;
    // Both instances acknowledged the envelopes; the two events got two answers, not four.
    await waitFor(() => h.fake.socketAcks.length >= 4, 'the acks of both instances');
    expect(after()).toBe(2);
  });
});
