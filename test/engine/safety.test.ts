import { describe, expect, it } from 'vitest';
import { conversation, testEngine } from '../helpers/bot';
import { redactSecrets } from '../../src/engine/safety/redact';

const SEED = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';

describe('secrets are never echoed or stored', () => {
  const cases: [string, string][] = [
    ['password', 'my account is region locked, my password is Hunter2Secret! can you check'],
    ['2fa code', 'here is my 2fa code 493021 please unlock'],
    ['seed phrase', `my seed phrase is ${SEED}`],
    ['api key', `api key ${API_KEY} region not supported`],
  ];
  for (const [name, text] of cases) {
    it(`warns about a pasted ${name} and keeps it out of replies and state`, () => {
      const c = conversation();
      const t = c.say(text);
      expect(t.flags.secretShared).toBe(true);
      const secret = name === 'password' ? 'Hunter2Secret!' : name === '2fa code' ? '493021' : name === 'seed phrase' ? 'sausage worth useful' : API_KEY;
      expect(t.reply).not.toContain(secret);
      expect(t.user).not.toContain(secret);
      expect(JSON.stringify(c.state)).not.toContain(secret);
      expect(t.reply.toLowerCase()).toMatch(/never share|change|reset|revoke|delete/);
    });
  }

  it('redacts 12+ BIP-39 words but not ordinary sentences', () => {
    expect(redactSecrets(SEED).kinds).toEqual(['seed_phrase']);
    expect(redactSecrets('my account is region locked and I cannot trade since yesterday, please help me').kinds).toEqual([]);
  });

  it('never asks for a password, code, seed phrase or key in any reply', () => {
    const e = testEngine();
    const k = e.knowledge;
    const all = [
      ...Object.values(k.answers).map((a) => a.answer),
      ...Object.values(k.causes).flatMap((c) => [c.explanation, ...c.resolution, c.processing_time, c.reactivation]),
      ...Object.values(k.questions).map((q) => q.prompt),
    ].join('\n');
    expect(all).not.toMatch(/(send|give|tell|share|enter|provide) (me|us) (your )?(password|2fa|seed|recovery phrase|api key|private key)/i);
  });
});

describe('VPN questions', () => {
  it('answers truthfully without coaching evasion', () => {
    const t = conversation().say('will a vpn fix my region lock?');
    expect(t.intent).toBe('ask_vpn');
    expect(t.reply.toLowerCase()).toMatch(/kyc/);
    expect(t.reply.toLowerCase()).not.toMatch(/recommend (a|using a) vpn|best vpn|use a vpn to/);
  });
});

describe('any input gets a sensible reply', () => {
  it('handles empty, emoji, Chinese and megabyte input', () => {
    for (const text of ['', '   ', '🙏🙏🙏', '我的账户显示地区不支持', 'x'.repeat(2_000_000), '🔥'.repeat(10000)]) {
      const t = conversation().say(text);
      expect(t.reply.length).toBeGreaterThan(10);
    }
  });
});
