// Agent triage of a pasted ticket: ranked causes with the phrases behind them, the facts still
// missing, a suggested reply, the expected processing time, and flags.
import type { ConversationEngine } from './engine';
import { CAUSES, type Cause, type IntentName, type TriageResult } from './types';
import { emptySlots, type Slots } from './state';
import { redactSecrets } from './safety/redact';
import { isAngry } from './safety/tone';
import { extractSlots, type SlotEvidence } from './slots';
import { openQuestions } from './diagnose';
import { diagnosisReply, answerText } from './replies';
import { splitClauses } from '../nlu/clauses';
import { asksForPerson } from './person-request';

type Weights = Record<Cause, number>;
const w = (ip_geo: number, kyc_region: number, policy_change: number, risk_control: number, ip_misidentified: number, account_frozen: number): Weights => ({
  ip_geo, kyc_region, policy_change, risk_control, ip_misidentified, account_frozen,
});

const PRIOR = w(0.25, 0.2, 0.15, 0.15, 0.15, 0.1);

/** How likely each reported fact is under each cause (the symptom table, as numbers). */
const LIKELIHOOD: Record<string, Weights> = {
  'scope=all': w(0.2, 0.9, 0.9, 0.7, 0.05, 0.5),
  'scope=one': w(0.8, 0.1, 0.1, 0.3, 0.95, 0.1),
  'kycRestricted=true': w(0.2, 0.97, 0.1, 0.05, 0.05, 0.1),
  'kycRestricted=false': w(0.7, 0.05, 0.7, 0.7, 0.7, 0.7),
  'announcement=true': w(0.05, 0.05, 0.97, 0.03, 0.03, 0.05),
  'announcement=false': w(0.8, 0.8, 0.2, 0.8, 0.8, 0.8),
  'ipJumps=true': w(0.3, 0.1, 0.05, 0.95, 0.3, 0.1),
  'ipJumps=false': w(0.7, 0.7, 0.7, 0.15, 0.7, 0.7),
  'location=restricted': w(0.9, 0.4, 0.6, 0.2, 0.05, 0.2),
  'location=supported': w(0.05, 0.5, 0.3, 0.5, 0.6, 0.5),
  'location=vpn': w(0.3, 0.3, 0.2, 0.5, 0.85, 0.3),
  'recovered=true': w(0.03, 0.03, 0.03, 0.97, 0.05, 0.03),
  'cannotLogin=true': w(0.03, 0.03, 0.03, 0.03, 0.03, 0.98),
  'cannotLogin=false': w(0.9, 0.9, 0.9, 0.9, 0.9, 0.05),
};

const IMPLIED_BY_INTENT: Partial<Record<IntentName, { slot: keyof Slots; value: Slots[keyof Slots] }>> = {
  inform_all_networks: { slot: 'scope', value: 'all' },
  inform_one_network: { slot: 'scope', value: 'one' },
  inform_kyc_region: { slot: 'kycRestricted', value: true },
  inform_announcement: { slot: 'announcement', value: true },
  inform_ip_jumps: { slot: 'ipJumps', value: true },
  inform_recovered: { slot: 'recovered', value: true },
  inform_cannot_login: { slot: 'cannotLogin', value: true },
};

/** The ticket's sentences whose own intent is `intent`, shortened, as evidence phrases. */
function clausesWithIntent(engine: ConversationEngine, text: string, intent: IntentName): string[] {
  const out = splitClauses(text)
    .filter((clause) => engine.matcher.classify(clause).intent === intent)
    .map((clause) => (clause.length > 100 ? `${clause.slice(0, 99)}…` : clause));
  return out.length ? out.slice(0, 2) : [];
}

/** Words that ask for a person outright in a ticket, whatever the matcher reads. */
const HUMAN = /\b(?:human|real person|agent|representative|supervisor|manager|someone real|talk to (?:a|an|some)one|speak (?:to|with) (?:a|an|some)one|call me|live (?:chat|support))\b/i;

export function rankCauses(slots: Partial<Slots>): { cause: Cause; confidence: number }[] {
  const scores = { ...PRIOR };
  for (const [slot, value] of Object.entries(slots)) {
    const row = LIKELIHOOD[`${slot}=${String(value)}`];
    if (!row) continue;
    for (const c of CAUSES) scores[c] *= row[c];
  }
  const total = CAUSES.reduce((sum, c) => sum + scores[c], 0);
  return CAUSES.map((cause) => ({ cause, confidence: Math.round((scores[cause] / total) * 1000) / 1000 })).sort(
    (a, b) => b.confidence - a.confidence,
  );
}

function evidenceFor(cause: Cause, slots: Partial<Slots>, evidence: SlotEvidence): string[] {
  const out: string[] = [];
  for (const [slot, value] of Object.entries(slots)) {
    const row = LIKELIHOOD[`${slot}=${String(value)}`];
    const phrases = evidence[slot as keyof Slots];
    if (!row || !phrases) continue;
    // A fact is evidence for a cause when it favours that cause over the average.
    const mean = CAUSES.reduce((s, c) => s + row[c], 0) / CAUSES.length;
    if (row[cause] > mean) out.push(...phrases);
  }
  return [...new Set(out)];
}

const stripMarkdown = (s: string) => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();

export function triageTicket(engine: ConversationEngine, ticket: string): TriageResult {
  const k = engine.knowledge;
  const { text, kinds } = redactSecrets(ticket);
  const match = engine.matcher.classify(text);
  const { slots, evidence } = extractSlots(text, match.words);
  // Intents stand in for facts the patterns missed ("my kyc says china" → inform_kyc_region); the
  // sentences that carry the intent are the evidence.
  for (const { intent, confidence } of match.intents) {
    const implied = IMPLIED_BY_INTENT[intent];
    if (!implied || confidence < 0.5 || slots[implied.slot] !== undefined) continue;
    if (implied.slot === 'ipJumps' && slots.location !== undefined) continue;
    (slots as Record<string, unknown>)[implied.slot] = implied.value;
    evidence[implied.slot] = clausesWithIntent(engine, text, intent);
  }
  const ranked = rankCauses(slots);
  const top = ranked[0]!;
  const missing = openQuestions({ ...emptySlots(), ...slots }).map((q) => stripMarkdown(k.questions[q].prompt));
  const confident = top.confidence >= 0.6;
  const suggestedReply = confident
    ? diagnosisReply(k, top.cause, top.confidence)
    : [answerText(k, 'report_lock'), ...(missing[0] ? [missing[0]] : [])].join('\n\n');
  return {
    causes: ranked.map((r) => ({ ...r, evidence: evidenceFor(r.cause, slots, evidence) })),
    missingFacts: missing,
    suggestedReply,
    processingTime: stripMarkdown(k.causes[top.cause].processing_time),
    flags: {
      secretShared: kinds.length > 0,
      frozenNotRegionLock: top.cause === 'account_frozen',
      handoffRequested:
        HUMAN.test(text) || asksForPerson(text, match.intents),
      angryCustomer: isAngry(text),
    },
    intents: match.intents,
  };
}
