// /healthz, /metrics and the webhook (POST /api/messages) of a running bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/server/start-bot';
import { getJson, metricValue, postMessage, startTestBot } from './bot';

describe('operations endpoints', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  const metrics = async () => {
    const res = await fetch(`${bot.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    return res.text();
  };

  it('GET /healthz reports liveness and the connected channels', async () => {
    const { status, body } = await getJson(`${bot.url}/healthz`);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.channels).toEqual({ web: true });
  });

  it('the webhook answers with the bot reply and answer options', async () => {
    const { status, body } = await postMessage(bot.url, { type: 'message', user: 'site-user-1', text: 'my region is not supported' });
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0].type).toBe('message');
    expect(body[0].intent).toBe('report_lock');
    expect(body[0].text.length).toBeGreaterThan(20);
    expect(body[0].options.length).toBeGreaterThan(1);
    expect(body[0].quick_replies[0].title).toBe(body[0].options[0].label);
  });

  it('the webhook continues the same conversation for the same user', async () => {
    const first = await postMessage(bot.url, { type: 'message', user: 'site-user-2', text: 'Region Locked on my account' });
    const scope = first.body[0].options.find((o: { id: string }) => o.id === 'scope:all');
    expect(scope).toBeDefined();
    const second = await postMessage(bot.url, { type: 'message', user: 'site-user-2', text: scope.label, option_id: scope.id });
    expect(second.body[0].state).not.toBe(first.body[0].state);
  });

  it('the webhook refuses malformed bodies with 400 and oversized ones with 413, and keeps running', async () => {
    expect((await postMessage(bot.url, { type: 'message', text: 'no user' })).status).toBe(400);
    expect((await postMessage(bot.url, { type: 'message', user: 'bad id with spaces', text: 'x' })).status).toBe(400);
    expect((await postMessage(bot.url, [1, 2])).status).toBe(400);
    const badJson = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(badJson.status).toBe(400);
    const huge = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', user: 'u', text: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await getJson(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('unknown paths are 404', async () => {
    expect((await fetch(`${bot.url}/no/such/page`)).status).toBe(404);
  });

  it('serves the chat page at /', async () => {
    const res = await fetch(`${bot.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script src="chat.js"');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${bot.url}/chat.js`)).status).toBe(200);
  });

  it('GET /metrics counts messages, intents, out-of-scope messages, diagnoses, hand-offs and latency', async () => {
    const before = await metrics();
    const count = (text: string, sample: string) => metricValue(text, sample) ?? 0;

    await postMessage(bot.url, { type: 'message', user: 'metrics-1', text: 'my region is not supported' });
    await postMessage(bot.url, { type: 'message', user: 'metrics-2', text: 'what is the best pizza topping?' });
    await postMessage(bot.url, { type: 'message', user: 'metrics-3', text: 'I want to talk to a human agent' });
    // A whole diagnosis by clicking options: only this network, from a country the exchange does not serve.
    const opening = await postMessage(bot.url, { type: 'message', user: 'metrics-4', text: 'Region Locked on my account' });
    const oneNetwork = opening.body[0].options.find((o: { id: string }) => o.id === 'scope:one');
    const where = await postMessage(bot.url, { type: 'message', user: 'metrics-4', text: oneNetwork.label, option_id: oneNetwork.id });
    const restricted = where.body[0].options.find((o: { id: string }) => /restricted/.test(o.id));
    const diagnosis = await postMessage(bot.url, { type: 'message', user: 'metrics-4', text: restricted.label, option_id: restricted.id });
    expect(diagnosis.body[0].cause).toBe('ip_geo');

    const after = await metrics();
    expect(count(after, 'rlb_messages_total{channel="web"}') - count(before, 'rlb_messages_total{channel="web"}')).toBe(6);
    expect(count(after, 'rlb_intents_total{intent="report_lock"}')).toBeGreaterThan(count(before, 'rlb_intents_total{intent="report_lock"}'));
    expect(count(after, 'rlb_out_of_scope_total{channel="web"}') - count(before, 'rlb_out_of_scope_total{channel="web"}')).toBe(1);
    expect(count(after, 'rlb_out_of_scope_ratio')).toBeGreaterThan(0);
    expect(
      count(after, 'rlb_handoffs_total{channel="web",reason="user_request"}') - count(before, 'rlb_handoffs_total{channel="web",reason="user_request"}'),
    ).toBe(1);
    expect(count(after, 'rlb_causes_diagnosed_total{cause="ip_geo"}') - count(before, 'rlb_causes_diagnosed_total{cause="ip_geo"}')).toBe(1);
    expect(count(after, 'rlb_turn_latency_seconds_count{channel="web"}') - count(before, 'rlb_turn_latency_seconds_count{channel="web"}')).toBe(6);
    expect(count(after, 'rlb_channel_connected{channel="web"}')).toBe(1);
    expect(count(after, 'rlb_conversations_stored')).toBeGreaterThanOrEqual(4);
    expect(after).toContain('rlb_process_');
  });
});
