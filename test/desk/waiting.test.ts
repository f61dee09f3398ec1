// Waiting at the Slack desk: the queue position, SUPPORT_HOURS, a hand-off nobody claims within
// HANDOFF_TIMEOUT_MINUTES (support link and summary for the user, the card says so, the bot answers
// again), the metrics, and /api/messages clients getting the agent's words in their next response.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { AGENT_CHANNEL, SlackHarness, buttonsOf, textOf, waitFor } from '../slack/helpers';
import { ChatSocket } from '../web/ws-client';
import { metricValue, postMessage } from '../server/bot';

/** A rule for tomorrow (UTC) only: today is always outside it. */
function tomorrowOnly(): string {
  const day = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });
  return `${day} 00:00-00:01 UTC`;
}

describe('waiting for a person', () => {
  const hours = tomorrowOnly();
  const h = useHarness(new SlackHarness(), (x) =>
    // 0.03 min: the timeout is seen within seconds. The sweep runs every 250 ms at this setting.
    x.start({ env: { NEW_CONVERSATIONS_PER_MINUTE: '1000', HANDOFF_TIMEOUT_MINUTES: '0.03', SUPPORT_HOURS: hours } }),
  );
  const metrics = async () => (await fetch(`${h.url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();

  it('tells the place in the queue and the support hours, then times out to the support link', async () => {
    const chat = await ChatSocket.open(h.url);
    try {
      await chat.say('ann', 'my region is not supported');
      const first = await chat.say('ann', 'I want to talk to a real person please');
      expect(first.text).toMatch(/next in the queue/);
      expect(first.text).toContain(`available ${hours}`);

      const card = await waitFor(() => h.posts({ channel: AGENT_CHANNEL }).find((c) => buttonsOf(c).some((b) => b.label === 'Claim')), 'the card');
      expect(textOf(card)).toMatch(/outside support hours/i);
      expect(metricValue(await metrics(), 'rlb_handoffs_waiting')).toBe(1);

      // Nobody claims it: the user gets the support link and a summary to paste.
      const timedOut = await chat.next((f) => f.type === 'message' && /nobody from the support team could pick up/i.test(f.text ?? ''), 'the timeout notice');
      expect(timedOut.text).toContain('https://www.binance.com/en/support');
      expect(timedOut.text).toMatch(/Summary for support/);
      expect(timedOut.text).toMatch(/real person please/);
      await waitFor(
        () => h.fake.callsOf('chat.update').find((c) => c.params.ts === h.tsOf(card) && /Nobody claimed it/.test(textOf(c)) && buttonsOf(c).length === 0),
        'the timed-out card',
      );
      const m = await metrics();
      expect(metricValue(m, 'rlb_handoff_timeouts_total{channel="web"}')).toBe(1);
      expect(metricValue(m, 'rlb_handoffs_waiting')).toBe(0);

      // The bot answers again, and a Claim on the old card changes nothing.
      const again = await chat.say('ann', 'are my funds safe?');
      expect(again.silent).toBeFalsy();
      expect(again.text).toBeTruthy();
      const click = await h.click(card, 'Claim', { user: 'U0AGENT' });
      const responseId = String(click.payload.response_url).split('/').pop();
      const told = await waitFor(() => h.fake.responses.find((r) => r.id === responseId), 'the no-longer-open notice');
      expect(told.body.text).toMatch(/no longer waiting/);
    } finally {
      await chat.close();
    }
  });
});

describe('queue and /api/messages', () => {
  const h = useHarness(new SlackHarness(), (x) => x.start({ env: { NEW_CONVERSATIONS_PER_MINUTE: '1000', HANDOFF_TIMEOUT_MINUTES: '60' } }));
  const metrics = async () => (await fetch(`${h.url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();

  it('a second hand-off waits behind the first; /api/messages gets the agent in its next response', async () => {
    const chat = await ChatSocket.open(h.url);
    try {
      const first = await chat.say('bea', 'I want to talk to a real person please');
      expect(first.text).toMatch(/next in the queue/);
      const api = await postMessage(h.url, { type: 'message', user: 'shop-42', text: 'I want to talk to a real person please' });
      expect(api.status).toBe(200);
      expect(api.body.at(-1).text).toMatch(/number 2 in the queue/);

      const card = await waitFor(() => h.posts({ channel: AGENT_CHANNEL }).find((c) => textOf(c).includes('Web API (/api/messages)')), 'the API card');
      // The first reply claims it; the time to claim is measured.
      await h.threadMessage('Hello shop, Ann from support here.', h.tsOf(card), { channel: AGENT_CHANNEL, user: 'U0AGENT' });
      await waitFor(() => h.fake.callsOf('chat.update').find((c) => c.params.ts === h.tsOf(card) && /Claimed by/.test(textOf(c))), 'the claimed card');
      expect(metricValue(await metrics(), 'rlb_handoff_time_to_claim_seconds_count{channel="web"}')).toBe(1);

      // No socket: the backend gets the notice and the agent's words with its next message, then a silent frame.
      const next = await postMessage(h.url, { type: 'message', user: 'shop-42', text: 'ok, waiting' });
      const frames = next.body as { text: string; agent?: string; silent?: boolean }[];
      expect(frames.find((f) => f.agent)?.text).toBe('Hello shop, Ann from support here.');
      expect(frames.find((f) => f.agent)?.agent).toBe('Agent U0AGENT (support team)');
      expect(frames.at(-1)?.silent).toBe(true);
      // Taken once: the one after has only its own (silent) answer.
      const after = await postMessage(h.url, { type: 'message', user: 'shop-42', text: 'still here' });
      expect(after.body).toHaveLength(1);
      await waitFor(
        () => h.posts({ channel: AGENT_CHANNEL, threadTs: h.tsOf(card) }).find((c) => textOf(c).includes('still here')),
        'the API user in the thread',
      );

      // /regionlock status: both open hand-offs, oldest first, with who holds them and the channel.
      const sent = await h.command('status');
      const status = await waitFor(() => h.fake.responses.find((r) => r.id === sent.responseId), 'the status list');
      const lines = String(status.body.text).split('\n');
      expect(lines[0]).toBe('Open hand-offs (2)');
      expect(lines[1]).toMatch(/^• Web chat · not known <https:\/\/slack\.com\/archives\/C0AGENTS\/p\d+\|card>: waiting (less than a minute|about \d+ min)$/);
      expect(lines[2]).toMatch(/^• Web API \(\/api\/messages\) · not known .*: claimed by Agent U0AGENT, open for /);
      expect(status.body.response_type).toBe('ephemeral');

      // With a claim in the last hour, the next visitor also hears the median time to claim.
      const third = await chat.say('cy', 'I want to talk to a real person please');
      expect(third.text).toMatch(
        /number 2 in the queue\. Over the last hour, a person usually picked up a conversation within (less than a minute|about \d+ min)\./,
      );
    } finally {
      await chat.close();
    }
  });
});
