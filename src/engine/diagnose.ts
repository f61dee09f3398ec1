// The symptom table as a decision: given what we know, either a cause (with confidence)
// or the single most useful question to ask next.
import type { Cause } from './types';
import type { QuestionId, Slots } from './state';

export type Decision =
  | { kind: 'cause'; cause: Cause; confidence: number }
  | { kind: 'ask'; question: QuestionId };

/** Decisive facts that settle the cause whatever else is known. */
function decisive(s: Slots): Decision | null {
  if (s.cannotLogin === true) return { kind: 'cause', cause: 'account_frozen', confidence: 0.9 };
  if (s.recovered === true) return { kind: 'cause', cause: 'risk_control', confidence: 0.9 };
  if (s.announcement === true) return { kind: 'cause', cause: 'policy_change', confidence: 0.9 };
  if (s.kycRestricted === true) return { kind: 'cause', cause: 'kyc_region', confidence: s.scope === 'one' ? 0.75 : 0.92 };
  // Sitting in a restricted country explains a one-network block better than travel does.
  if (s.location === 'restricted' && s.scope === 'one') return { kind: 'cause', cause: 'ip_geo', confidence: 0.9 };
  if (s.ipJumps === true) return { kind: 'cause', cause: 'risk_control', confidence: 0.85 };
  return null;
}

function firstUnasked(order: QuestionId[], s: Slots, asked: QuestionId[]): QuestionId | null {
  const slotOf: Record<QuestionId, keyof Slots> = {
    scope: 'scope',
    kyc_region: 'kycRestricted',
    announcement: 'announcement',
    ip_jumps: 'ipJumps',
    location: 'location',
  };
  for (const q of order) if (s[slotOf[q]] === undefined && !asked.includes(q)) return q;
  return null;
}

export function decide(s: Slots, asked: QuestionId[]): Decision {
  const settled = decisive(s);
  if (settled) return settled;

  if (s.scope === undefined && !asked.includes('scope')) return { kind: 'ask', question: 'scope' };

  if (s.scope === 'one') {
    if (s.location === 'supported' || s.location === 'vpn') return { kind: 'cause', cause: 'ip_misidentified', confidence: 0.85 };
    const next = firstUnasked(['location', 'ip_jumps'], s, asked);
    if (next) return { kind: 'ask', question: next };
    return { kind: 'cause', cause: 'ip_geo', confidence: 0.55 };
  }

  if (s.scope === 'all') {
    // Every network inside a restricted country is still a restricted IP.
    if (s.location === 'restricted' && s.kycRestricted === false) return { kind: 'cause', cause: 'ip_geo', confidence: 0.7 };
    const next = firstUnasked(['kyc_region', 'announcement', 'ip_jumps'], s, asked);
    if (next) return { kind: 'ask', question: next };
    if (s.location === 'restricted') return { kind: 'cause', cause: 'ip_geo', confidence: 0.6 };
    if (s.kycRestricted === 'unsure') return { kind: 'cause', cause: 'kyc_region', confidence: 0.5 };
    return { kind: 'cause', cause: 'policy_change', confidence: 0.5 };
  }

  // Scope unknown or "not sure": ask the other questions, then give the best guess.
  const next = firstUnasked(['ip_jumps', 'kyc_region', 'announcement', 'location'], s, asked);
  if (next) return { kind: 'ask', question: next };
  if (s.location === 'restricted') return { kind: 'cause', cause: 'ip_geo', confidence: 0.6 };
  if (s.location === 'supported' || s.location === 'vpn') return { kind: 'cause', cause: 'ip_misidentified', confidence: 0.5 };
  if (s.kycRestricted === false && s.announcement === 'unsure') {
    return { kind: 'cause', cause: 'policy_change', confidence: 0.4 };
  }
  return { kind: 'cause', cause: 'ip_geo', confidence: 0.4 };
}

/** Every question still worth asking (for agents triaging a ticket). */
export function openQuestions(s: Slots): QuestionId[] {
  const out: QuestionId[] = [];
  const asked: QuestionId[] = [];
  for (let i = 0; i < 5; i++) {
    const d = decide(s, asked);
    if (d.kind !== 'ask') break;
    out.push(d.question);
    asked.push(d.question);
  }
  return out;
}
