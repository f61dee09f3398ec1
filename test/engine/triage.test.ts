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
