// Retries and duplicates, bad signatures, malformed payloads, Slack API errors and rate limits.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { SlackHarness, settle, sign, sleep, waitFor, ERROR, SIGNING_SECRET, WARN } from './helpers';

describe('slack robustness', () => {
  const h = useHarness(new SlackHarness());

  it('answers an event once although Slack retries it and delivers it twice', async () => {
    const channel = 'D0RETRY';
    const event = { type: 'message', channel, channel_type: 'im', user: 'U0RETRY', text: 'my account says region not supported', ts: h.nextTs() };
    const first = await h.sendEvent(event, { eventId: 'EvRETRY0001' });
    expect(first.status).toBe(200);
    await waitFor(() => h.posts({ channel }).length >= 1, 'the first reply');
    const retry1 = await h.sendEvent(event, { eventId: 'EvRETRY0001', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    const retry2 = await h.sendEvent(event, { eventId: 'EvRETRY0001', headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } });
    expect(retry1.status).toBe(200);
    expect(retry2.status).toBe(200);

    // Two copies of a new event arriving at the same moment.
    const channel2 = 'D0TWICE';
    const event2 = { type: 'message', channel: channel2, channel_type: 'im', user: 'U0TWICE', text: 'hello', ts: h.nextTs() };
    const both = await Promise.all([h.sendEvent(event2, { eventId: 'EvTWICE0001' }), h.sendEvent(event2, { eventId: 'EvTWICE0001' })]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);

    await settle(h);
    const replies = h.posts({ channel });
    expect(replies).toHaveLength(1);
    expect(h.posts({ channel: channel2 })).toHaveLength(1);
  });

  it('refuses forged, unsigned and stale requests with 401 and posts nothing', async () => {
    const callsBefore = h.fake.calls.length;
    const body = JSON.stringify(h.eventEnvelope({ type: 'message', channel: 'D0FORGED', channel_type: 'im', user: 'U0FORGED', text: 'hello', ts: h.nextTs() }));
    const now = Math.floor(Date.now() / 1000);
    const forged = await h.post(body, 'application/json', sign(body, now, 'not-the-secret'));
    const tampered = await h.post(body.replace('hello', 'hellp'), 'application/json', sign(body, now, SIGNING_SECRET));
    const unsigned = await h.post(body, 'application/json', { 'x-slack-signature': '', 'x-slack-request-timestamp': '' });
    const stale = await h.post(body, 'application/json', sign(body, now - 6 * 60));
    const future = await h.post(body, 'application/json', sign(body, now + 6 * 60));
    expect([forged.status, tampered.status, unsigned.status, stale.status, future.status]).toEqual([401, 401, 401, 401, 401]);
    const rejected = h.logs.find(/slack request rejected/, WARN).filter((l) => l.status === 401);
    expect(rejected.map((l) => l.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/mismatch/), expect.stringMatching(/five minutes/)]));
    await sleep(300);
    expect(h.fake.calls.length).toBe(callsBefore);
    await settle(h);
    expect(h.posts({ channel: 'D0FORGED' })).toHaveLength(0);
  });

  it('rejects malformed payloads with 400 and keeps working', async () => {
    const callsBefore = h.fake.calls.length;
    const results = await Promise.all([
      h.post('{not json', 'application/json'),
      h.post('[1,2,3]', 'application/json'),
      h.post(JSON.stringify({ type: 'event_callback', team_id: 'T0FAKE', event_id: 'EvBAD1' }), 'application/json'),
      h.post(JSON.stringify({ type: 'event_callback', team_id: 'T0FAKE', event: { type: 'message' } }), 'application/json'),
      h.post(JSON.stringify({ type: 'something_else' }), 'application/json'),
      h.post('payload=%7Bnot-json', 'application/x-www-form-urlencoded'),
      h.post(`payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: 'nope' }))}`, 'application/x-www-form-urlencoded'),
      h.post(new URLSearchParams({ command: '/regionlock', text: 'hi' }).toString(), 'application/x-www-form-urlencoded'),
    ]);
    for (const r of results) expect(r.status).toBe(400);
    expect(h.logs.find(/slack request rejected/, WARN).filter((l) => l.status === 400).length).toBeGreaterThanOrEqual(results.length);
    await sleep(200);
    expect(h.fake.calls.length).toBe(callsBefore);
    await settle(h);
  });

  it('waits out a 429 from the Web API (Retry-After) and then posts the reply', async () => {
    const channel = 'D0LIMITED';
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const sent = Date.now();
    await h.dm('hello', { user: 'U0LIMITED', channel });
    const calls = await waitFor(() => (h.posts({ channel }).length >= 2 ? h.posts({ channel }) : null), 'the retried post', 15_000);
    expect(calls).toHaveLength(2);
    expect(calls[0].params.text).toBe(calls[1].params.text);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
    expect(calls[1].at - sent).toBeLessThan(12_000);
    expect(h.logs.find(/rate limit/i, WARN).length).toBeGreaterThanOrEqual(1);
    await settle(h);
    expect(h.posts({ channel })).toHaveLength(2);
  });

  it('survives Web API errors (ok:false, HTTP 5xx) and keeps answering', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await h.dm('hello', { user: 'U0ERR1', channel: 'D0ERR1' });
    await waitFor(() => h.posts({ channel: 'D0ERR1' }).length >= 1, 'the failed post');
    await waitFor(() => h.logs.find(/slack: direct message failed/, ERROR).find((l) => l.error?.slackError === 'channel_not_found'), 'the logged API error');
    // A server error is retried (bounded) and the reply gets through.
    h.fake.failNext('chat.postMessage', { status: 500 });
    await h.dm('hello', { user: 'U0ERR2', channel: 'D0ERR2' });
    await waitFor(() => h.posts({ channel: 'D0ERR2' }).length >= 2, 'the retried post');
    // Slack down for good: bounded retries, then the bot gives up on that reply and carries on.
    h.fake.failNext('chat.postMessage', { status: 503 }, 10);
    await h.dm('hello', { user: 'U0ERR3', channel: 'D0ERR3' });
    await waitFor(() => h.posts({ channel: 'D0ERR3' }).length >= 5, 'five attempts', 20_000);
    await sleep(500);
    expect(h.posts({ channel: 'D0ERR3' })).toHaveLength(5);
    h.fake.clearFaults('chat.postMessage');
    await settle(h);
    // The same conversation works again afterwards.
    await h.dm('hello again', { user: 'U0ERR1', channel: 'D0ERR1' });
    await waitFor(() => h.posts({ channel: 'D0ERR1' }).length >= 2, 'a reply after the error');
  });

  it('answers url_verification and ssl_check', async () => {
    const challenge = await h.post(JSON.stringify({ type: 'url_verification', token: 't', challenge: 'abc123' }), 'application/json');
    expect(challenge.status).toBe(200);
    expect(JSON.parse(challenge.text)).toEqual({ challenge: 'abc123' });
    const ssl = await h.post('ssl_check=1&token=t', 'application/x-www-form-urlencoded');
    expect(ssl.status).toBe(200);
  });
});
