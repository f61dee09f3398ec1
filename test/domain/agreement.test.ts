// Chat and triage share one cause model: for every combination of fact values, triage's top
// cause (and its confidence) is the chat's decision.
import { describe, expect, it } from 'vitest';
import { loadDomain } from '../../src/domain/load';
import { decide, rankCauses } from '../../src/domain/causes';
import type { Slots, SlotValue } from '../../src/shared/types';

const d = loadDomain();
const allQuestions = [...d.questions.keys()];

function* combinations(i = 0, s: Slots = {}): Generator<Slots> {
  if (i === d.slots.length) {
    yield { ...s };
    return;
  }
  const slot = d.slots[i]!;
  for (const v of [undefined, ...slot.values] as (SlotValue | undefined)[]) {
    if (v === undefined) delete s[slot.name];
    else s[slot.name] = v;
    yield* combinations(i + 1, s);
  }
  delete s[slot.name];
}

describe('one cause model for chat and triage', () => {
  it('agrees on every combination of slot values', () => {
    let count = 0;
    let asked = 0;
    const disagreements: unknown[] = [];
    const badTotals: unknown[] = [];
    for (const s of combinations()) {
      count++;
      const now = decide(d, s, []);
      if (now.kind === 'ask') asked++;
      // When the chat still asks, its decision is the one it gives once nothing is left to ask.
      const chat = now.kind === 'cause' ? now : decide(d, s, allQuestions);
      if (chat.kind !== 'cause') throw new Error(`no cause for ${JSON.stringify(s)}`);
      const triage = rankCauses(d, s);
      // Plain checks, one expect at the end: with the slots of issue 12 there are over a million
      // combinations, and an expect() per combination alone takes longer than the test timeout.
      if (triage[0]!.cause !== chat.cause || triage[0]!.confidence !== chat.confidence) disagreements.push({ facts: { ...s }, triage: triage[0], chat });
      const total = triage.reduce((sum, c) => sum + c.confidence, 0);
      if (Math.abs(total - 1) >= 0.005) badTotals.push({ facts: { ...s }, total });
      if (disagreements.length + badTotals.length > 10) break;
    }
    expect(disagreements).toEqual([]);
    expect(badTotals).toEqual([]);
    expect(count).toBe(d.slots.reduce((n, slot) => n * (slot.values.length + 1), 1));
    expect(asked).toBeGreaterThan(0);
  }, 180_000);

  it('the review example: every network, supported KYC, no announcement, no travel', () => {
    const s: Slots = { scope: 'all', kycRestricted: false, announcement: false, ipJumps: false };
    expect(decide(d, s, [])).toEqual({ kind: 'cause', cause: 'policy_change', confidence: 0.5, variant: null });
    expect(rankCauses(d, s)[0]).toEqual({ cause: 'policy_change', confidence: 0.5 });
  });
});
