import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  it('has working defaults with no environment at all', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.exchange.name).toBe('Binance');
    expect(c.slack).toBeNull();
    expect(c.discord).toBeNull();
  });

  it('names the variable and what is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT .*number/i);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ EXCHANGE_SUPPORT_URL: 'not a url' })).toThrow(/EXCHANGE_SUPPORT_URL/);
  });

  it('rejects a partial Slack or Discord set, naming what is missing, without echoing secrets', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-value' });
      expect.unreachable();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/SLACK_SIGNING_SECRET is required/);
      expect(msg).toMatch(/SLACK_AGENT_CHANNEL is required/);
      expect(msg).not.toContain('xoxb-secret-value');
    }
    expect(() => loadConfig({ DISCORD_TOKEN: 't' })).toThrow(/DISCORD_APPLICATION_ID is required/);
  });

  it('turns channels on when their settings are complete', () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_AGENT_CHANNEL: 'C1',
      DISCORD_TOKEN: 'd',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_AGENT_CHANNEL_ID: '223456789012345678',
      EXCHANGE_NAME: 'OtherEx',
    });
    expect(c.slack?.agentChannel).toBe('C1');
    expect(c.discord?.applicationId).toBe('123456789012345678');
    expect(c.exchange.name).toBe('OtherEx');
  });
});
