// The real `region-lock-bot start` process with DISCORD_* settings against the fake Discord: a DM
// conversation survives a SIGKILL and restart (the on-disk store keeps the conversation and which
// question the buttons belong to), and SIGTERM closes the gateway cleanly. Runs the built CLI (dist/),
// which `npm test` compiles first.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, killStartedProcesses, processEnv, spawnStart, type StartedProcess } from '../helpers/cli-process';
import { AGENT_CHANNEL_ID, APP_ID, BOT_TOKEN, DiscordHarness, buttonsOf, person, waitFor } from './helpers';

afterEach(killStartedProcesses);

function startProcess(apiUrl: string, dataDir: string): StartedProcess {
  return spawnStart(
    processEnv(dataDir, { DISCORD_TOKEN: BOT_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_AGENT_CHANNEL_ID: AGENT_CHANNEL_ID, DISCORD_API_URL: apiUrl }),
  );
}

async function ready(p: StartedProcess): Promise<void> {
  await waitFor(
    () => {
      if (p.child.exitCode !== null) throw new Error(`the bot exited early:\n${p.output()}`);
      return p.output().includes('"discord: ready"');
    },
    'the bot to log "discord: ready"',
    30_000,
  );
}

describe('region-lock-bot start with Discord settings', () => {
  const h = new DiscordHarness();
  let dataDir = '';
  beforeAll(async () => {
    assertCliBuilt();
    await h.fake.start();
    dataDir = mkdtempSync(join(tmpdir(), 'rlb-discord-proc-'));
    return async () => {
      await h.fake.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });

  it('keeps a DM conversation across a SIGKILL and restart, and exits cleanly on SIGTERM', async () => {
    const first = startProcess(h.fake.apiUrl, dataDir);
    await ready(first);
    const quinn = person('Quinn');
    const dm = h.dmChannel(quinn);
    h.dm(quinn, 'my account says region not supported');
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).some((b) => /every network/i.test(b.label))), 'the scope question', 15_000);

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const identifies = h.fake.identifies;
    const second = startProcess(h.fake.apiUrl, dataDir);
    await ready(second);
    expect(h.fake.identifies).toBe(identifies + 1);
    // The question asked before the crash is answered after it: the conversation was not lost.
    h.click(question, 'Every network', quinn);
    await waitFor(
      () => h.posted(dm, question.id).find((m) => buttonsOf(m).some((b) => /restricted country/i.test(b.label))),
      'the next question after the restart',
      15_000,
    );

    second.child.kill('SIGTERM');
    const exit = await second.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(second.output()).not.toMatch(/"level":50/);
  }, 90_000);
});
