// Two real `region-lock-bot start` processes sharing one real Redis (Debian's redis-server on a free
// loopback port, its own temporary directory, no persistence), as behind a load balancer.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatSocket } from '../web/ws-client';
import { assertCliBuilt, killStartedProcesses, startBotProcess, withDeadline, type BotProcess } from '../helpers/cli-process';
import { startRedis, type TestRedis } from '../helpers/redis-server';
import { getJson, postMessage } from './bot';
import { waitFor } from '../helpers/wait';

let redis: TestRedis;
const dirs: string[] = [];
beforeAll(async () => {
  assertCliBuilt();
  redis = await startRedis('instances-pw');
});
afterAll(async () => {
  await redis?.close();
});
beforeEach(async () => {
  await redis.start(); // a test may have stopped it (no-op when running)
});
afterEach(async () => {
  killStartedProcesses();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One bot instance on the shared Redis; DATA_DIR is its own and unused (state lives in Redis). */
async function instance(extra: Record<string, string> = {}): Promise<BotProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'rlb-inst-'));
  dirs.push(dir);
  return startBotProcess(dir, { REDIS_URL: redis.url, ...extra });
}

const say = async (url: string, user: string, text: string) => {
  const r = await postMessage(url, { type: 'message', user, text });
  expect(r.status).toBe(200);
  return r.body[0] as { text: string; channelData?: { state?: string } };
};

const DIDNT_GET = /didn't quite get that/;

describe('two instances on one Redis', () => {
  it('a web visitor alternating between instances keeps one conversation ("no" answers the question asked on the other)', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const tabA = await ChatSocket.open(a.url);
    const first = await tabA.say('v', 'binance says your region is not supported');
    expect(first.state).toBe('ask_scope');
    const id = tabA.idOf('v')!;
    await tabA.close();

    // The next message lands on the other instance: the id it was issued is valid there too.
    const tabB = await ChatSocket.open(b.url);
    tabB.adopt('v', id);
    const second = await tabB.say('v', 'it happens on every network');
    expect(second.state).toBe('ask_kyc_region');
    await tabB.close();

    const tabA2 = await ChatSocket.open(a.url);
    tabA2.adopt('v', id);
    const third = await tabA2.say('v', 'no');
    expect(third.text).not.toMatch(DIDNT_GET);
    expect(third.text).toMatch(/announcement/);
    // A reload on B shows the whole transcript written by both.
    await tabA2.close();
    const reload = await ChatSocket.open(b.url);
    reload.adopt('v', id);
    const transcript = await reload.hello('v');
    await reload.close();
    expect(transcript.messages!.map((m) => m.from)).toEqual(['user', 'bot', 'user', 'bot', 'user', 'bot']);
    expect(transcript.messages![4].text).toBe('no');
  });

  it("a reply reaches the visitor's tab on the other instance too (pub/sub)", async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const tabA = await ChatSocket.open(a.url);
    await tabA.hello('v');
    const id = tabA.idOf('v')!;
    const tabB = await ChatSocket.open(b.url);
    tabB.adopt('v', id);
    await tabB.hello('v'); // B now holds a socket of this visitor
    const onB = tabB.next((f) => f.type === 'message' && /every network/.test(f.text ?? ''), 'the reply on the other instance');
    const reply = await tabA.say('v', 'binance says your region is not supported');
    expect(reply.state).toBe('ask_scope');
    expect((await onB).text).toBe(reply.text);
    await tabA.close();
    await tabB.close();
  });

  it('the per-user rate limit holds across instances, and conversations are counted once', async () => {
    const [a, b] = await Promise.all([instance({ RATE_LIMIT_PER_MINUTE: '4' }), instance({ RATE_LIMIT_PER_MINUTE: '4' })]);
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await say(i % 2 ? b.url : a.url, 'limited', 'is my money safe?'));
    const limited = replies.filter((r) => /too quickly/.test(r.text));
    expect(replies.length - limited.length).toBe(4);
    expect(limited).toHaveLength(4);
  });

  it('after one instance is killed mid-dialogue, the other continues it', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    await say(a.url, 'killed', 'binance says your region is not supported');
    await say(a.url, 'killed', 'it happens on every network');
    a.child.kill('SIGKILL');
    await withDeadline(a.exited, 10_000, 'the killed instance to exit');
    const next = await say(b.url, 'killed', 'no');
    expect(next.text).toMatch(/announcement/);
  });

  it('Redis stopped: users are told nothing was saved, /healthz is 503, nothing crashes; restarted: it recovers', async () => {
    const a = await instance();
    await say(a.url, 'outage', 'binance says your region is not supported');
    await redis.stop(true);

    const during = await say(a.url, 'outage', 'it happens on every network');
    expect(during.text).toMatch(/couldn't save|could not save|can't save|cannot save/i);
    const health = await getJson(`${a.url}/healthz`);
    expect(health.status).toBe(503);
    // The log is a pipe: wait (bounded) for the line instead of reading it at once.
    const named = /Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0/;
    await waitFor(() => named.test(a.output()), 'the log line naming Redis', 10_000);
    expect(a.output()).not.toContain('instances-pw');

    await redis.start(); // empty: no persistence in the tests
    let healthy = 0;
    for (let i = 0; i < 200 && healthy !== 200; i++) {
      healthy = (await getJson(`${a.url}/healthz`)).status;
      if (healthy !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(200);
    const after = await say(a.url, 'outage', 'binance says your region is not supported');
    expect(after.text).toMatch(/every network/);
    expect(a.child.exitCode).toBeNull();
    await waitFor(() => /connection to redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 restored/.test(a.output()), 'the log line saying it is restored', 10_000);
    expect(a.output()).not.toContain('instances-pw');
  });
});
