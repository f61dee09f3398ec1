// Stage 2, decide: the conversation's next move from the state and the reading. Pure: returns the
// new state and an Action that says what to reply, without any text (render writes the text).
import type { AnswerKey, Knowledge } from '../../knowledge/load';
import type { Domain } from '../../domain/types';
import { decide as decideCause, holds } from '../../domain/causes';
import type { Cause, HandoffReason, HandoffSummary, IntentName, IntentScore, QuestionId, Slots, SlotValue } from '../../shared/types';
import { newConversation, type ConversationState } from '../state';
import { interpretAnswer, optionIntent } from '../answers';
import { impliedFacts } from '../implied';
import { asksForPerson } from '../person-request';
import { asksAboutBot, isFollowUp, statesWithoutAsking } from '../slots';
import { buildHandoff } from '../handoff';
import { coveredByDiagnosis, FAQ_INTENTS } from '../replies';
import type { InfoKey } from '../ids';
import type { Reading } from './read';
import type { Entities } from '../../nlu/entities';

/** What comes before the main part of a reply: the introduction, FAQ answers, the meaning of a lock. */
export interface Lead {
  /** The report_lock introduction (first report of a lock). */
  intro: boolean;
  /** FAQ answers, in the order asked. */
  faq: AnswerKey[];
  /** The ask_meaning explanation. */
  meaning: boolean;
  /** Another exchange named for the first time: say what the bot is set up for. */
  otherExchange?: string | null;
  /** Two "not sure" answers: suggest a quick test before the next step. */
  quickTest?: boolean;
  /** The diagnosed cause: questions of domain.cause_answers are answered for it. */
  cause?: Cause | null;
  /** The wording of an FAQ answer for the case the facts show (domain.faq_variants). */
  variants?: Partial<Record<AnswerKey, string>>;
  /** A follow-up ("and deposits?") carried the previous answer over: its short form answers it. */
  followUp?: boolean;
}

export type Action =
  /** A person holds the conversation: the bot listens and stays silent. */
  | { kind: 'listen' }
  /** Nothing the bot can work with; `resume` asks the pending question again. */
  | { kind: 'fallback'; reason: 'empty_message' | 'not_understood' | 'out_of_scope'; resume: QuestionId | null }
  /** Clearly written in a language the bot does not serve: said so in that language, if it can. */
  | { kind: 'other_language'; language: string }
  | { kind: 'restart' }
  /** The list of causes or the symptom table. */
  | { kind: 'overview'; info: InfoKey; resume: QuestionId | null }
  | { kind: 'small_talk'; key: 'greeting' | 'thanks_goodbye' | 'about_bot'; resume: QuestionId | null }
  /** FAQ answers with no step of the diagnosis. */
  | { kind: 'answer'; lead: Lead; diagnosed: Cause | null }
  /**
   * A clarifying question; `resumed` when it was asked before and the user digressed, `noted` when
   * the reply gave other facts but not this one (the bot says it took them in before asking again).
   */
  | { kind: 'ask'; lead: Lead; question: QuestionId; correction: boolean; resumed: boolean; noted: boolean }
  | { kind: 'diagnose'; lead: Lead; cause: Cause; confidence: number; correction: boolean; variant: string | null; funds: boolean }
  /** Diagnosed already and nothing new: "anything else?". */
  /** `confirms`: the message brought facts that fit the diagnosis, and the reply says so. */
  | { kind: 'follow_up'; cause: Cause; confirms: boolean }
  /** The details of the diagnosis, expanded on request. */
  | { kind: 'details'; cause: Cause }
  /** A person is asked to take over; `diagnosis` when the diagnosis itself is the reason. */
  | {
      kind: 'hand_off';
      reason: HandoffReason;
      summary: HandoffSummary;
      lead: Lead;
      diagnosis: { cause: Cause; confidence: number; correction: boolean; variant: string | null } | null;
    };

export interface Decision {
  state: ConversationState;
  action: Action;
  /** The intents as understood: a picked option's meaning replaces the classifier's guess. */
  understood: { intent: IntentName; confidence: number; intents: IntentScore[]; entities: Entities };
  /** Fixed notices before the reply. */
  notices: ('secret_warning' | 'expired' | 'too_long')[];
  /** An upset user gets a word of empathy first. */
  empathy: boolean;
}

export interface DecideDeps {
  domain: Domain;
  knowledge: Knowledge;
  /** A conversation idle this long starts fresh. */
  idleMs: number;
  /** Consecutive misunderstandings before a person is asked to take over. */
  handoffAfter: number;
}

const NO_LEAD: Lead = { intro: false, faq: [], meaning: false };

/** Another exchange the message names (and not the one the bot serves). */
function otherExchangeNamed(entities: Entities, configured: string): string | null {
  const names = entities.exchange ?? [];
  const own = configured.toLowerCase();
  if (names.some((n) => n.toLowerCase() === own)) return null;
  return names[0] ?? null;
}

export function decide(deps: DecideDeps, previous: ConversationState | undefined, r: Reading, now: number): Decision {
  const { domain: d, knowledge: k } = deps;
  const expired = !!previous && previous.turns > 0 && !previous.handoff && now - previous.lastActiveAt > deps.idleMs;
  const state: ConversationState = previous && !expired ? structuredClone(previous) : newConversation(now);
  state.turns++;
  state.lastActiveAt = now;
  state.language = r.language;
  if (r.text.trim()) {
    state.recentUserWords.push(r.text.slice(0, 500));
    state.recentUserWords = state.recentUserWords.slice(-d.limits.remembered_user_words);
  }
  const classified = { intent: r.match.intent, confidence: r.match.confidence, intents: r.match.intents, entities: r.match.entities };
  const notices: Decision['notices'] = [];
  if (r.secretShared) notices.push('secret_warning');
  if (expired) notices.push('expired');
  if (r.truncated) notices.push('too_long');
  const done = (action: Action, understood: Decision['understood'], empathy = false): Decision => ({ state, action, understood, notices, empathy });
  // A picked option or a typed label is certain; the entities named stay what the text names.
  const sure = (intent: IntentName, entities: Entities = r.match.entities) => ({ intent, confidence: 1, intents: [{ intent, confidence: 1 }], entities });
  // Messages left unread (blank, another language, restart, overview) name nothing.
  const nothing = { intent: 'out_of_scope' as const, confidence: 0, intents: [], entities: {} };

  // While a person holds the conversation the bot listens but does not speak.
  if (state.handoff) return { state, action: { kind: 'listen' }, understood: classified, notices: [], empathy: false };

  // Inputs with nothing to classify.
  if (r.blank) return done({ kind: 'fallback', reason: 'empty_message', resume: null }, nothing);
  if (r.unsupported) return done({ kind: 'other_language', language: r.unsupported }, nothing);
  if (r.restart) {
    Object.assign(state, newConversation(now), { turns: 1 });
    return done({ kind: 'restart' }, sure('greeting', {}));
  }
  // The overviews are answered anywhere; a pending question is asked again.
  if (r.info) {
    state.misunderstandings = 0;
    return done({ kind: 'overview', info: r.info, resume: state.pending }, sure('ask_meaning', {}));
  }

  // "What should I do next?" after a diagnosis: its details.
  if (
    r.option?.kind === 'more' ||
    (state.diagnosis &&
      r.text
        .trim()
        .toLowerCase()
        .replace(/[?!.\s]+$/, '') === k.ui.option_steps!.toLowerCase().replace(/[?!.\s]+$/, ''))
  ) {
    state.misunderstandings = 0;
    if (state.diagnosis) return done({ kind: 'details', cause: state.diagnosis.cause }, sure('ask_prevention', {}));
  }

  const previousAnswers = state.lastAnswers ?? [];
  const picked = r.option ? optionIntent(d, r.option) : null;
  let understood = picked ? sure(picked) : classified;
  const angry = r.angry;

  // Facts: what the pending question's answer says, then what the message states outright.
  const pending = state.pending;
  const pendingSlot = pending ? d.questions.get(pending)!.slot : null;
  const pendingBefore = pendingSlot ? state.slots[pendingSlot] : undefined;
  const factsBefore = { ...state.slots };
  const setFact = (slot: string, value: SlotValue) => void (state.slots[slot] = value);
  const answered = pending ? interpretAnswer(d, k, pending, r.text, r.option, { ...r.match, ...understood }, r.extraction) : null;
  if (answered) for (const [slot, value] of Object.entries(answered.slots)) setFact(slot, value!);
  const saidUnsure = !!answered && Object.values(answered.slots).includes('unsure');
  if (saidUnsure) state.unsure = (state.unsure ?? 0) + 1;
  const quickTest = saidUnsure && state.unsure === d.limits.unsure_before_quick_test;
  // What the message states outright wins over the reading of it as an answer.
  for (const [slot, value] of Object.entries(r.extraction.slots)) setFact(slot, value!);
  // An option's label or synonym typed out means exactly that option; the classifier's reading
  // of a three-word label ("A supported country" → ask_meaning?) is noise.
  if (answered?.optionIntent) understood = sure(answered.optionIntent);
  const beforeImplied = { ...state.slots };
  // A message that answers the pending question is read as that answer: the matcher's guess at
  // its intent ("I am in Canada" → travel?) must not add facts about other questions.
  const answersPending = !!answered || (!!pendingSlot && r.extraction.slots[pendingSlot] !== undefined);
  const implied = r.comparison ? [] : impliedFacts(d, understood.intents, r.text, r.extraction.slots);
  for (const { slot, value } of implied) {
    // An intent only implies a fact; it fills gaps but never overrides what the user stated.
    const known = beforeImplied[slot] !== undefined && beforeImplied[slot] !== 'unsure';
    if (answersPending && slot !== pendingSlot) continue;
    if (!known && r.extraction.slots[slot] === undefined && !(answered && slot in answered.slots)) setFact(slot, value);
  }
  // New facts: any value that differs from what was known before this message.
  const newFacts = Object.keys({ ...factsBefore, ...state.slots }).some((slot) => state.slots[slot] !== factsBefore[slot]);
  const answeredPending = !!answered || (!!pendingSlot && state.slots[pendingSlot] !== pendingBefore);
  if (answeredPending) state.pending = null;

  // The matcher always names some intent; weak guesses must not steer the conversation.
  let intents = understood.intents.filter((i) => i.confidence >= d.thresholds.min_intent_confidence).map((i) => i.intent);
  // "pls help" or an emoji alone (🙏 reads as "please") is too thin a request to pass the conversation to a person.
  const wantsHuman =
    (r.option?.kind === 'action' && r.option.action === 'human') || asksForPerson(d, r.text, understood.intents, d.thresholds.handoff_min_confidence);
  // Up to two FAQ answers, in the order the user asked (ask_meaning is part of the diagnosis).
  // Every question of the message (a picked option asks exactly one thing).
  const asked = picked || answered?.optionIntent ? understood.intents : r.questions.length ? r.questions : understood.intents;
  const candidates = asked.filter((i) => FAQ_INTENTS.has(i.intent) && i.intent !== 'ask_meaning' && i.confidence >= d.thresholds.faq_min_confidence);
  // "I'm not using any VPN" names the VPN to deny it: a statement, not the VPN question.
  const denied = candidates.filter((i) => d.faqVetoes.some((v) => v.intent === i.intent && statesWithoutAsking(d, r.text, v.patterns)));
  const asks = candidates
    .filter((i) => !denied.includes(i))
    .map((i) => i.intent as AnswerKey)
    .slice(0, d.limits.faq_answers_per_turn);
  // "and deposits?" right after the what-still-works answer asks that question again for another
  // thing: read alone it names nothing the bot knows, so the previous answer's topic carries over.
  const carried = asks.length === 0 && !newFacts && !answeredPending && previousAnswers.length > 0 && !picked && isFollowUp(d, r.text);
  const faq = carried ? [previousAnswers[0] as AnswerKey] : asks;
  if (carried) {
    const topic = { intent: faq[0] as IntentName, confidence: d.thresholds.follow_up_confidence };
    understood = { ...understood, ...topic, intents: [topic] };
    intents = [topic.intent];
  }
  state.lastAnswers = faq;
  const variants = faqVariants(d, faq, state.slots);
  // Another exchange named: said once, and remembered so the bot's own links are not given as theirs.
  const other = otherExchangeNamed(understood.entities, k.exchange.name);
  const otherNote = other && state.otherExchange !== other ? other : null;
  if (other) state.otherExchange = other;
  else if ((understood.entities.exchange ?? []).length) state.otherExchange = null;
  const startsDiagnosis = (r.option?.kind === 'action' && r.option.action === 'diagnose') || intents.some((i) => d.diagnosisStarters.has(i)) || newFacts;

  const handOff = (reason: HandoffReason, lead: Lead, diagnosis: Extract<Action, { kind: 'hand_off' }>['diagnosis'] = null, empathy = angry): Decision => {
    const summary = buildHandoff(d, state, reason, now, state.diagnosis?.cause ?? null, state.diagnosis?.confidence ?? 0);
    state.handoff = { status: 'waiting', summary };
    state.pending = null;
    return done({ kind: 'hand_off', reason, summary, lead, diagnosis }, understood, empathy);
  };

  // "Are you a real person?" asks who is answering; the answer says how to reach one.
  if (asksAboutBot(d, r.text)) {
    state.misunderstandings = 0;
    return done({ kind: 'small_talk', key: 'about_bot', resume: state.pending }, understood, angry);
  }
  if (wantsHuman) return handOff('user_request', { ...NO_LEAD, faq, cause: state.diagnosis?.cause ?? null });

  const understoodIt = faq.length > 0 || newFacts || answeredPending || startsDiagnosis || intents.includes('greeting') || intents.includes('thanks_goodbye');
  // A denial while a question waits is taken in as said; the question comes again, saying so.
  if (!understoodIt && denied.length && state.pending) {
    return done({ kind: 'ask', lead: NO_LEAD, question: state.pending, correction: false, resumed: true, noted: true }, understood, angry);
  }
  if (!understoodIt) {
    state.misunderstandings++;
    if (state.misunderstandings >= deps.handoffAfter) return handOff('repeated_misunderstanding', NO_LEAD);
    if (state.pending) return done({ kind: 'fallback', reason: 'not_understood', resume: state.pending }, understood, angry);
    return done({ kind: 'fallback', reason: understood.intent === 'out_of_scope' ? 'out_of_scope' : 'not_understood', resume: null }, understood, angry);
  }
  state.misunderstandings = 0;

  // Greetings and thanks on their own.
  if (!startsDiagnosis && faq.length === 0) {
    const key = intents.includes('thanks_goodbye') ? 'thanks_goodbye' : 'greeting';
    return done({ kind: 'small_talk', key, resume: state.pending }, understood, angry);
  }

  if (!startsDiagnosis && !state.pending) {
    return done(
      {
        kind: 'answer',
        lead: { ...NO_LEAD, faq, variants, otherExchange: otherNote, cause: state.diagnosis?.cause ?? null, followUp: carried },
        diagnosed: state.diagnosis?.cause ?? null,
      },
      understood,
      angry,
    );
  }

  const wasDiagnosed = state.diagnosis;
  const firstStart = !wasDiagnosed && state.asked.length === 0 && !pending;
  // The introduction already says sorry; once is enough.
  const intro = firstStart && intents.includes('report_lock') && !newFacts && !faq.includes('ask_asset_safety');
  const lead: Lead = { intro, faq, variants, meaning: intents.includes('ask_meaning'), otherExchange: otherNote, quickTest, followUp: carried };
  const empathy = angry && !intro;
  // A question still waiting for its answer (the user digressed) may be asked again.
  let next = decideCause(d, state.slots, state.pending ? state.asked.filter((q) => q !== state.pending) : state.asked);
  // Two "not sure" answers and only a guess left: a quick network test tells more than guessing.
  const scopeSlot = d.questions.get('scope')?.slot;
  if (quickTest && next.kind === 'cause' && next.confidence < d.thresholds.diagnosis_certain && scopeSlot && state.slots[scopeSlot] === 'unsure') {
    delete state.slots[scopeSlot];
    next = { kind: 'ask', question: 'scope' };
  }
  if (next.kind === 'ask') {
    // A correction reopened the diagnosis: the old cause no longer holds.
    const correction = !!wasDiagnosed && newFacts;
    if (correction) state.diagnosis = null;
    if (!state.asked.includes(next.question)) state.asked.push(next.question);
    state.pending = next.question;
    const resumed = pending === next.question && !answeredPending;
    return done({ kind: 'ask', lead, question: next.question, correction, resumed, noted: resumed && newFacts && !correction }, understood, empathy);
  }
  state.pending = null;
  const changed = !!wasDiagnosed && (wasDiagnosed.cause !== next.cause || (wasDiagnosed.variant ?? null) !== next.variant);
  state.diagnosis = { cause: next.cause, confidence: next.confidence, variant: next.variant };
  // New facts that keep the same cause need no second copy of the diagnosis; questions asked
  // after it are answered for that cause.
  if (wasDiagnosed && !changed) {
    const after: Lead = { ...lead, cause: next.cause };
    if (!lead.intro && lead.faq.length === 0 && !lead.meaning && !lead.otherExchange) {
      // "So what should I do now?" asks for the diagnosis's steps; "it's my office wifi" states a fact
      // that fits (new or said again), and the reply says so; "region locked" again adds nothing.
      const stated = newFacts || Object.keys(r.extraction.slots).length > 0 || implied.length > 0;
      if (r.asking && !stated) return done({ kind: 'details', cause: next.cause }, understood, empathy);
      return done({ kind: 'follow_up', cause: next.cause, confirms: stated }, understood, empathy);
    }
    return done({ kind: 'answer', lead: after, diagnosed: next.cause }, understood, empathy);
  }
  // FAQ answers the diagnosis already contains are not given twice in one turn.
  const covered = coveredByDiagnosis(next.cause);
  const shown: Lead = { ...lead, faq: faq.filter((key) => !covered.has(key)), cause: next.cause };
  // The funds line is not repeated right after the funds question was answered (or the intro said it).
  const funds = !shown.faq.includes('ask_asset_safety') && !shown.faq.includes('ask_withdraw') && !previousAnswers.includes('ask_asset_safety') && !lead.intro;
  const diagnosis = { cause: next.cause, confidence: next.confidence, correction: changed, variant: next.variant };
  if (next.cause === 'account_frozen') return handOff('account_frozen', shown, diagnosis, empathy);
  return done({ kind: 'diagnose', lead: shown, ...diagnosis, funds }, understood, empathy);
}

/** For each FAQ answer, the first domain.faq_variants wording whose facts hold ("another server?" from an API user). */
function faqVariants(d: Domain, faq: readonly AnswerKey[], slots: Slots): Partial<Record<AnswerKey, string>> {
  const out: Partial<Record<AnswerKey, string>> = {};
  for (const key of faq) {
    const v = d.faqVariants.find((x) => x.intent === key && holds(x.when, slots));
    if (v) out[key] = v.variant;
  }
  return out;
}
