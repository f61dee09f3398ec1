import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/bot';

describe('agent triage', () => {
  it('ranks causes with evidence, missing facts, reply, time and flags', () => {
    const t = testEngine().triage(
      'Hi, since yesterday my account says region not supported. It happens on wifi and mobile data too. I registered with mainland China as my residence. WHY IS THIS HAPPENING?? my password is Qwerty123!',
    );
    expect(t.causes[0]!.cause).toBe('kyc_region');
    expect(t.causes[0]!.evidence.join(' ')).toMatch(/china/i);
    expect(t.flags.secretShared).toBe(true);
    expect(t.flags.angryCustomer).toBe(true);
    expect(t.suggestedReply).not.toContain('Qwerty123!');
    expect(t.processingTime).toMatch(/\d/);
  });

  it('lists the questions still worth asking', () => {
    const t = testEngine().triage('Customer says their account is region locked.');
    expect(t.missingFacts.length).toBeGreaterThan(0);
  });

  it('flags a frozen account and a request for a human', () => {
    const t = testEngine().triage('I cannot log in at all, my account is frozen. Let me speak to a human agent now.');
    expect(t.causes[0]!.cause).toBe('account_frozen');
    expect(t.flags.frozenNotRegionLock).toBe(true);
    expect(t.flags.handoffRequested).toBe(true);
  });
});

describe('triage ranks each cause from a realistic ticket', () => {
  const tickets: [string, string][] = [
    ['ip_geo', "I'm in Iran at the moment and the app says region not available, but only on this network."],
    ['kyc_region', 'All networks show the error. I verified with a Chinese passport when I opened the account.'],
    ['policy_change', 'I received an email that Binance is leaving my country and now I cannot trade, it happens on every network.'],
    ['risk_control', 'I was travelling through three countries this week, switching VPN servers, and suddenly my account is region restricted.'],
    ['ip_misidentified', 'I live in Germany and only my office network shows region not supported; mobile data works fine.'],
    ['account_frozen', 'My account is frozen, login denied every time.'],
  ];
  for (const [cause, text] of tickets) {
    it(cause, () => {
      const t = testEngine().triage(text);
      expect(t.causes[0]!.cause).toBe(cause);
      expect(t.causes[0]!.evidence.length).toBeGreaterThan(0);
      const total = t.causes.reduce((s, c) => s + c.confidence, 0);
      expect(total).toBeCloseTo(1, 2);
      expect(t.causes.map((c) => c.confidence)).toEqual([...t.causes.map((c) => c.confidence)].sort((a, b) => b - a));
    });
  }

  it('stops asking for facts the ticket already gives', () => {
    const vague = testEngine().triage('region locked').missingFacts.length;
    const detailed = testEngine().triage('Region locked on every network.').missingFacts;
    expect(detailed.length).toBeLessThan(vague);
    expect(detailed.join(' ')).not.toMatch(/every network/i);
  });

  it('a calm ticket raises no flags', () => {
    const t = testEngine().triage('Hello, my account says region not supported on my home wifi. Could you explain why?');
    // longWait is the flag issue 12 adds for the backlog's urgency order.
    expect(t.flags).toEqual({ secretShared: false, longWait: false, frozenNotRegionLock: false, handoffRequested: false, angryCustomer: false });
  });
});

describe('evidence for facts only the intent matcher found', () => {
  it('quotes the sentence that carries the intent', () => {
    const t = testEngine().triage('Region locked since this morning. I registered as a mainlander years ago');
    expect(t.causes[0]!.cause).toBe('kyc_region');
    expect(t.causes[0]!.evidence).toContain('I registered as a mainlander years ago');
  });

  it('VPN servers in several countries point to risk control', () => {
    const t = testEngine().triage('I have been using VPNs in Russia, India and the US this week and now the app says region restricted. Fix it or I sue you.');
    expect(t.causes[0]!.cause).toBe('risk_control');
    expect(t.causes[0]!.evidence.join(' ')).toMatch(/vpns in russia/i);
    expect(t.flags.angryCustomer).toBe(true);
  });
});

// Issue 12: triage writes agent macros.
describe('agent macros', () => {
  const e = testEngine();
  it('speak from the agent to the customer and never send them to support', () => {
    for (const ticket of [
      'region not supported on every network, my KYC is mainland china',
      'region locked, what do I do',
      'I cannot log in at all, login denied',
    ]) {
      const reply = e.triage(ticket).suggestedReply;
      expect(reply).toMatch(/^Hi, thanks for contacting us/);
      expect(reply).not.toMatch(/let me ask a quick question|contact (?:\w+ )?support/i);
    }
  });
  it("answer the ticket's own questions and tell the customer to change a pasted secret", () => {
    const t = e.triage(
      'region locked on every network, kyc says mainland china. Can I still withdraw? How do I close my account? my password is Hunter2!Secret',
    );
    expect(t.flags.secretShared).toBe(true);
    expect(t.suggestedReply).toMatch(/change your password/);
    expect(t.suggestedReply).toMatch(/Withdrawing/);
    expect(t.suggestedReply).toMatch(/Closing the account/);
  });
  it('ask the missing questions when the cause is not clear', () => {
    const t = e.triage('region locked, what now');
    expect(t.suggestedReply).toMatch(/please tell me:/);
    expect(t.suggestedReply).toMatch(/every network/);
  });
});
