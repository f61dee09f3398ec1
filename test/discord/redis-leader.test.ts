// Discord with two real `region-lock-bot start` processes on one real Redis (Debian's redis-server,
// free loopback port, no persistence): exactly one holds the gateway (leader lock in Redis); when it
// is killed, the other takes over within about 20 s and the DM conversation goes on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, killStartedProcesses, processEnv, spawnStart, type StartedProcess } from '../helpers/cli-process';
import { startRedis, type TestRedis } from '../helpers/redis-server';
import { AGENT_CHANNEL_ID, APP_ID, BOT_TOKEN, DiscordHarness, buttonsOf, person, waitFor } from './helpers';

let redis: TestRedis;
const dirs: string[] = [];
const h = new DiscordHarness();
beforeAll(async () => {
  assertCliBuilt();
  redis = await startRedis();
  await h.fake.start();
});
afterAll(async () => {
  await h.fake.stop();
  await redis?.close();
});
afterEach(() => {
  killStartedProcesses();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function instance(): StartedProcess {
  const dir = mkdtempSync(join(tmpdir(), 'rlb-discord-inst-'));
  dirs.push(dir);
  return spawnStart(
    processEnv(dir, {
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_AGENT_CHANNEL_ID: AGENT_CHANNEL_ID,
      DISCORD_API_URL: h.fake.apiUrl,
      REDIS_URL: redis.url,
    }),
  );
}

const isLeader = (p: StartedProcess) => p.output().includes('"discord: ready"');
const isStandby = (p: StartedProcess) => p.output().includes('discord: standby');

describe('discord with two instances on one Redis', () => {
  it('one instance holds the gateway; after it is killed the other takes over and the conversation goes on', async () => {
    const a = instance();
    await waitFor(() => isLeader(a), 'the first instance to connect', 30_000);
    const b = instance();
    await waitFor(() => isStandby(b) || isLeader(b), 'the second instance to start', 30_000);
    expect(isLeader(b)).toBe(false);
    expect(h.fake.identifies).toBe(1);

    const quinn = person('Rae');
    const dm = h.dmChannel(quinn);
    h.dm(quinn, 'my account says region not supported');
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).some((btn) => /every network/i.test(btn.label))), 'the scope question', 15_000);

    a.child.kill('SIGKILL');
    await a.exited;
    // The lock expires (15 s) and B, polling every 5 s, connects.
    await waitFor(() => isLeader(b), 'the standby instance to take over', 40_000);
    expect(h.fake.identifies).toBe(2);
    h.click(question, 'Every network', quinn);
    await waitFor(
      () => h.posted(dm, question.id).find((m) => buttonsOf(m).some((btn) => /restricted country/i.test(btn.label))),
      'the next question from the new leader',
      15_000,
    );
  }, 120_000);
});
