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

  it('serves English and Chinese by default, agents in English; LANGUAGES and AGENT_LANGUAGE are checked against intents/languages.yaml', () => {
    const c = loadConfig({});
    expect(c.languages).toEqual(['en', 'zh']);
    expect(c.agentLanguage).toBe('en');
    expect(loadConfig({ LANGUAGES: ' zh, en ' }).languages).toEqual(['zh', 'en']);
    expect(loadConfig({ LANGUAGES: 'en' }).languages).toEqual(['en']);
    expect(loadConfig({ AGENT_LANGUAGE: 'zh' }).agentLanguage).toBe('zh');
    expect(() => loadConfig({ LANGUAGES: 'en,xx' })).toThrow(ConfigError);
    expect(() => loadConfig({ LANGUAGES: 'en,xx' })).toThrow(/LANGUAGES names xx, not in intents\/languages.yaml/);
    expect(() => loadConfig({ LANGUAGES: ',' })).toThrow(/LANGUAGES must name at least one language/);
    expect(() => loadConfig({ AGENT_LANGUAGE: 'fr' })).toThrow(/AGENT_LANGUAGE must be a language of intents\/languages.yaml/);
    expect(() => loadConfig({ LANGUAGES: 'en', AGENT_LANGUAGE: 'zh' })).toThrow(/AGENT_LANGUAGE must be one of LANGUAGES/);
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
