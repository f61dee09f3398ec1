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
      ...Object.values(k.shared).flat(),
      ...Object.values(k.ui),
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

describe('secrets in every state', () => {
  const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';

  it('redacts a secret sent as the answer to a pending question', () => {
    const c = conversation();
    c.say('region locked');
    const t = c.say(`every network. my 2fa is 884213 and my api key is ${API_KEY}`);
    expect(t.flags.secretShared).toBe(true);
    expect(t.state).toBe('ask_kyc_region');
    for (const s of ['884213', API_KEY]) {
      expect(t.reply).not.toContain(s);
      expect(JSON.stringify(c.state)).not.toContain(s);
    }
  });

  it('keeps a seed phrase and a private key out of the hand-off summary', () => {
    const c = conversation();
    c.say(`region locked, here is my recovery phrase ${SEED}`);
    c.say(`and my private key ${PRIVATE_KEY}`);
    const t = c.say('I want to talk to a human');
    const everything = JSON.stringify([t, c.state, testEngine().formatHandoff(t.handoff!)]);
    expect(everything).not.toContain('sausage worth useful');
    expect(everything).not.toContain(PRIVATE_KEY);
  });

  it('while an agent holds the conversation the bot stays silent and stores nothing secret', () => {
    const c = conversation();
    c.say('talk to a human please');
    const t = c.say('my password is Hunter2Secret!');
    expect(t.silent).toBe(true);
    expect(t.user).not.toContain('Hunter2Secret!');
    expect(JSON.stringify(c.state)).not.toContain('Hunter2Secret!');
  });

  it('tells the user to rotate or revoke what they shared', () => {
    const t = conversation().say(`api key ${API_KEY}`);
    expect(t.reply).toMatch(/revoke/i);
    expect(t.reply).toMatch(/change your password/i);
  });
});

describe('VPN answers point to compliant options', () => {
  it('says it may give a temporary login, does not fix a KYC lock, is against the terms', () => {
    const t = conversation().say('can I just use a vpn to get around the region lock?');
    expect(t.reply).toMatch(/log in for a while/);
    expect(t.reply).toMatch(/KYC region/);
    expect(t.reply).toMatch(/against .*terms/);
    expect(t.reply).toMatch(/compliant/);
  });
});

describe('unusual input keeps the conversation usable', () => {
  it('Chinese input is answered in Chinese, and a clear switch to English is followed', () => {
    const c = conversation();
    const t = c.say('我的账户显示地区不支持，怎么办？');
    expect(t.language).toBe('zh');
    expect(t.reply).toMatch(/所有网络/);
    expect(t.options.length).toBeGreaterThan(0);
    const next = c.say('my region is not supported, what should I do?');
    expect(next.language).toBe('en');
    expect(next.state).toBe('ask_scope');
  });

  it('a megabyte message does not bloat the stored state', () => {
    const c = conversation();
    c.say(`region locked ${'a'.repeat(1_000_000)}`);
    expect(JSON.stringify(c.state).length).toBeLessThan(20_000);
  });

  it('emoji-only and whitespace-only messages get options to continue', () => {
    for (const text of ['🙏🙏🙏', '\n\t ']) {
      const t = conversation().say(text);
      expect(t.options.length).toBeGreaterThan(0);
    }
  });

  it('an option id that does not exist is treated like typed text', () => {
    const t = conversation().say('are my funds safe?', 'nonsense:option');
    expect(t.reply).toMatch(/belong to you|remain yours/);
  });
});

describe('no false alarms about secrets', () => {
  it('questions that mention a password or passport are not treated as secrets', () => {
    for (const text of [
      'can I open a new account with my passport?',
      'should I change my password now?',
      'it says my password is incorrect',
      'I forgot my password yesterday',
    ]) {
      const t = conversation().say(text);
      expect(t.flags.secretShared, text).toBe(false);
      expect(t.user).toBe(text);
    }
  });

  it('a password without "is" is caught when it looks like one', () => {
    expect(redactSecrets('password Hunter2! region locked').kinds).toEqual(['password']);
  });
});
