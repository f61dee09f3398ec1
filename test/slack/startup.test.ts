// Starting with Slack settings: partial settings and a rejected token stop start-up with a clear
// message; a good start shows Slack on /healthz.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config';
import { useHarness } from '../helpers/suite-harness';
import { FakeSlack, LogCapture, SlackHarness, baseEnv, startLikeCli } from './helpers';

describe('slack start-up errors', () => {
  const fake = new FakeSlack();
  let dataDir = '';
  beforeAll(async () => {
    await fake.start();
    dataDir = mkdtempSync(join(tmpdir(), 'rlb-slack-startup-'));
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the Slack settings that are missing from a partial set', async () => {
    const env = baseEnv(fake, dataDir);
    const partial = { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: env.SLACK_BOT_TOKEN };
    const error = await startLikeCli(partial, new LogCapture()).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SLACK_SIGNING_SECRET/);
    expect(problems).toMatch(/SLACK_AGENT_CHANNEL/);
    expect(problems).not.toMatch(/SLACK_BOT_TOKEN/);

    const appTokenOnly = await startLikeCli({ PORT: '0', DATA_DIR: dataDir, SLACK_APP_TOKEN: 'xapp-1-A-1-x' }, new LogCapture()).catch((e: unknown) => e);
    expect((appTokenOnly as ConfigError).problems.join('\n')).toMatch(/SLACK_BOT_TOKEN[\s\S]*SLACK_SIGNING_SECRET[\s\S]*SLACK_AGENT_CHANNEL/);
    expect(fake.callsOf('auth.test')).toHaveLength(0);
  });

  it('stops with a message saying the bot token was rejected', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' });
    await expect(startLikeCli(baseEnv(fake, dataDir), new LogCapture())).rejects.toThrow(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(fake.callsOf('auth.test')).toHaveLength(1);
  });
});

describe('slack start-up', () => {
  const h = useHarness(new SlackHarness());

  it('checks the token at start-up and shows Slack as connected on /healthz', async () => {
    const auth = h.fake.callsOf('auth.test');
    expect(auth).toHaveLength(1);
    expect(auth[0].token).toBe('xoxb-test-0000-fake');
    const health = await fetch(`${h.url}/healthz`).then((r) => r.json());
    expect(health.channels.slack).toBe(true);
    expect(h.logs.find(/slack: ready/).at(0)?.mode).toBe('http');
  });
});
