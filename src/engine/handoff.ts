// Builds the short summary an agent gets when a conversation is handed to a person.
import { neutraliseUserText } from './safety/markup';
import type { Knowledge } from '../knowledge/load';
import type { ConversationState } from './state';
import type { Domain } from '../domain/types';
import type { Slots } from '../shared/types';
import type { Cause, HandoffReason, HandoffSummary } from './types';

/** The facts gathered so far, in the domain's words for agents. */
export function factsOf(d: Domain, slots: Slots): string[] {
  const out: string[] = [];
  for (const slot of d.slots) {
    const v = slots[slot.name];
    if (v !== undefined) out.push(slot.summary[String(v)]!);
  }
  return out;
}

const NEXT_STEP: Record<Cause | 'unknown', string> = {
  ip_geo: 'Confirm where the customer connects from; explain that a compliant network is required and point to withdrawal options.',
  kyc_region: 'Check the KYC residence on file and start a proof-of-address update if the customer really lives elsewhere.',
  policy_change: 'Check the exit announcement for the country and walk the customer through the migration/withdrawal procedure.',
  risk_control: 'Check the risk-control flag; if it is a false positive, lift it (24-48 h), otherwise advise waiting 24-72 h.',
  ip_misidentified: 'Ask for the IP range/ISP and report the misclassification; suggest another network meanwhile.',
  account_frozen: 'Treat as a frozen account, not a region lock: verify identity through official channels and open an appeal.',
  unknown: 'Ask the customer whether the message appears on every network and which residence country the KYC shows.',
};

export function buildHandoff(d: Domain, state: ConversationState, reason: HandoffReason, now: number, cause: Cause | null, confidence: number): HandoffSummary {
  return {
    reason,
    userWords: state.recentUserWords.slice(-5),
    facts: factsOf(d, state.slots),
    likelyCause: cause,
    causeConfidence: Math.round(confidence * 100) / 100,
    suggestedNextStep: NEXT_STEP[cause ?? 'unknown'],
    createdAt: new Date(now).toISOString(),
  };
}

const REASON_TEXT: Record<HandoffReason, string> = {
  user_request: 'the customer asked for a person',
  repeated_misunderstanding: 'the bot did not understand the customer several times',
  account_frozen: 'the account looks frozen, not region locked',
  agent_triage: 'an agent triaged the ticket',
};

export function formatHandoff(k: Knowledge, s: HandoffSummary): string {
  const cause = s.likelyCause ? `${k.causes[s.likelyCause].title} (\`${s.likelyCause}\`, ${Math.round(s.causeConfidence * 100)}%)` : 'not determined yet';
  const lines = [
    `**${k.ui.handoff_summary_title}**`,
    `Why: ${REASON_TEXT[s.reason]}`,
    `Likely cause: ${cause}`,
    s.facts.length ? `Facts:\n${s.facts.map((f) => `- ${f}`).join('\n')}` : 'Facts: none gathered yet',
    s.userWords.length ? `Customer said:\n${s.userWords.map((w) => `> ${neutraliseUserText(w.slice(0, 300))}`).join('\n')}` : '',
    `Suggested next step: ${s.suggestedNextStep}`,
  ];
  return lines.filter(Boolean).join('\n');
}
