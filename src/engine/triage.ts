// Agent triage of a pasted ticket: ranked causes with the phrases behind them, the facts still
// missing, a suggested reply, the expected processing time, and flags. The causes are ranked by
// the same domain rules the chat decides with (src/domain/causes.ts).
import type { Knowledge } from '../knowledge/load';
import type { Matcher } from '../nlu/matcher';
import type { Domain } from '../domain/types';
import type { Cause, IntentName, TriageResult } from '../shared/types';
import type { Reading } from './stages/read';
import { openQuestions, rankCauses, supportingFacts } from '../domain/causes';
import { FAQ_INTENTS, shortAnswer } from './replies';
import type { AnswerKey } from '../knowledge/load';
import { splitClauses } from '../nlu/clauses';
import { asksForPerson } from './person-request';
import { impliedFacts } from './implied';

export interface TriageDeps {
  domain: Domain;
  /** The agents' language: the card (causes, missing facts, processing time). */
  knowledge: Knowledge;
  /** The customer's language: the suggested reply (default: the agents'). */
  customer?: Knowledge;
  /** The customer's language's matcher. */
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
const HUMAN =
  /\b(?:human|real person|agent|representative|supervisor|manager|someone real|talk to (?:a|an|some)one|speak (?:to|with) (?:a|an|some)one|call me|live (?:chat|support))\b/i;

const stripMarkdown = (s: string) => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();

/** Triage of a ticket read like any message (redacted, cut, classified, facts extracted). */
export function triageTicket({ domain: d, knowledge: k, customer = k, matcher }: TriageDeps, reading: Reading): TriageResult {
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
  const suggestedReply = agentMacro(customer, d, {
    cause: confident ? top.cause : null,
    questions: reading.questions
      .filter((q) => FAQ_INTENTS.has(q.intent) && q.intent !== 'ask_meaning' && q.confidence >= d.thresholds.faq_min_confidence)
      .map((q) => q.intent as AnswerKey),
    missing: customer === k ? missing : openQuestions(d, slots).map((q) => stripMarkdown(customer.questions[q]!.prompt)),
    secret: reading.secretShared,
  });
  return {
    causes: ranked.map((r) => ({ ...r, evidence: [...new Set(supportingFacts(d, r.cause, slots).flatMap((s) => evidence[s] ?? []))] })),
    missingFacts: missing,
    suggestedReply,
    processingTime: stripMarkdown(k.causes[top.cause].processing_time),
    flags: {
      secretShared: reading.secretShared,
      longWait: (match.entities.duration ?? []).length > 0,
      frozenNotRegionLock: top.cause === 'account_frozen',
      handoffRequested: HUMAN.test(text) || asksForPerson(d, text, match.intents, d.thresholds.handoff_min_confidence),
      angryCustomer: reading.angry,
    },
    intents: match.intents,
  };
}

/**
 * The reply an agent can send: written from the agent to the customer, it answers the ticket's own
 * questions, tells the customer to change a pasted secret, and, when the cause is not clear yet,
 * asks the missing questions ("please tell me…"). It never tells the customer to contact support.
 */
export function agentMacro(k: Knowledge, d: Domain, m: { cause: Cause | null; questions: AnswerKey[]; missing: string[]; secret: boolean }): string {
  const parts = [k.ui.macro_greeting!];
  if (m.secret) parts.push(k.ui.macro_secret!);
  if (m.cause) parts.push(k.causes[m.cause].macro.trim());
  // With a cause, "how long?" and "can it be reactivated?" are answered for it (domain cause_answers).
  const answer = (key: AnswerKey) => {
    const field = m.cause ? d.causeAnswers[key as keyof typeof d.causeAnswers] : undefined;
    return field && field !== 'resolution' && m.cause ? k.causes[m.cause][field].trim().replace(/\s+/g, ' ') : shortAnswer(k, key);
  };
  const answers = [...new Set(m.questions)].map((key) => `- ${answer(key)}`);
  if (answers.length) parts.push(`${k.ui.macro_answers_intro}\n${answers.join('\n')}`);
  if (!m.cause && m.missing.length)
    parts.push(
      `${k.ui.macro_ask_intro}\n${m.missing
        .slice(0, 3)
        .map((q) => `- ${q}`)
        .join('\n')}`,
    );
  if (m.cause !== 'account_frozen') parts.push(k.ui.macro_closing!);
  return parts.join('\n\n');
}
