// Agent triage of a pasted ticket: ranked causes with the phrases behind them, the facts still
// missing, a suggested reply, the expected processing time, and flags. The causes are ranked by
// the same domain rules the chat decides with (src/domain/causes.ts).
import type { Knowledge } from '../knowledge/load';
import type { Matcher } from '../nlu/matcher';
import type { Domain } from '../domain/types';
import type { IntentName, TriageResult } from '../shared/types';
import type { Reading } from './stages/read';
import { openQuestions, rankCauses, supportingFacts } from '../domain/causes';
import { diagnosisReply, answerText } from './replies';
import { splitClauses } from '../nlu/clauses';
import { asksForPerson } from './person-request';
import { impliedFacts } from './implied';

export interface TriageDeps {
  domain: Domain;
  knowledge: Knowledge;
  matcher: Matcher;
}

/** The ticket's sentences whose own intent is `intent`, shortened, as evidence phrases. */
function clausesWithIntent(matcher: Matcher, text: string, intent: IntentName): string[] {
  const out = splitClauses(text)
    .filter((clause) => matcher.classify(clause).intent === intent)
    .map((clause) => (clause.length > 100 ? `${clause.slice(0, 99)}…` : clause));
  return out.length ? out.slice(0, 2) : [];
}

/** Words that ask for a person outright in a ticket, whatever the matcher reads. */
const HUMAN = /\b(?:human|real person|agent|representative|supervisor|manager|someone real|talk to (?:a|an|some)one|speak (?:to|with) (?:a|an|some)one|call me|live (?:chat|support))\b/i;

const stripMarkdown = (s: string) => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();

/** Triage of a ticket read like any message (redacted, cut, classified, facts extracted). */
export function triageTicket({ domain: d, knowledge: k, matcher }: TriageDeps, reading: Reading): TriageResult {
  const { text, match } = reading;
  const slots = { ...reading.extraction.slots };
  const evidence = { ...reading.extraction.evidence };
  // Intents stand in for facts the patterns missed ("my kyc says china" → inform_kyc_region); the
  // sentences that carry the intent are the evidence.
  for (const fact of impliedFacts(d, match.intents, text, slots)) {
    if (slots[fact.slot] !== undefined) continue;
    slots[fact.slot] = fact.value;
    evidence[fact.slot] = clausesWithIntent(matcher, text, fact.intent);
  }
  const ranked = rankCauses(d, slots);
  const top = ranked[0]!;
  const missing = openQuestions(d, slots).map((q) => stripMarkdown(k.questions[q]!.prompt));
  const confident = top.confidence >= d.thresholds.triage_confident;
  const suggestedReply = confident
    ? diagnosisReply(k, top.cause, top.confidence, d.thresholds.diagnosis_certain)
    : [answerText(k, 'report_lock'), ...(missing[0] ? [missing[0]] : [])].join('\n\n');
  return {
    causes: ranked.map((r) => ({ ...r, evidence: [...new Set(supportingFacts(d, r.cause, slots).flatMap((s) => evidence[s] ?? []))] })),
    missingFacts: missing,
    suggestedReply,
    processingTime: stripMarkdown(k.causes[top.cause].processing_time),
    flags: {
      secretShared: reading.secretShared,
      frozenNotRegionLock: top.cause === 'account_frozen',
      handoffRequested: HUMAN.test(text) || asksForPerson(text, match.intents, d.thresholds.handoff_min_confidence),
      angryCustomer: reading.angry,
    },
    intents: match.intents,
  };
}
