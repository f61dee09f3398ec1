// Discord with two real `region-lock-bot start` processes on one real Redis (Debian's redis-server,
// free loopback port, no persistence): exactly one holds the gateway (leader lock in Redis); when it
// is killed, the other takes over within about 20 s and the DM conversation goes on.
import { describe, expect, it } from 'vitest';
import { processEnv, spawnStart, type StartedProcess } from '../helpers/cli-process';
import { useRedisSuite } from '../helpers/redis-suite';
import { AGENT_CHANNEL_ID, APP_ID, BOT_TOKEN, DiscordHarness, buttonsOf, person, waitFor } from './helpers';

const h = new DiscordHarness();
const suite = useRedisSuite(h.fake);

function instance(): StartedProcess {
  const dir = suite.dataDir('rlb-discord-inst-');
  return spawnStart(
    processEnv(dir, {
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_AGENT_CHANNEL_ID: AGENT_CHANNEL_ID,
      DISCORD_API_URL: h.fake.apiUrl,
      REDIS_URL: suite.url(),
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
