// The conversation state machine: pure (state + message + time in, new state + turn out).
// It fills slots from any message, asks the most useful missing question, answers FAQ
// digressions and re-asks, applies the safety rules, and hands off to people.
import type { Engine, MessageKey, StepResult } from './api';
import type { Knowledge, AnswerKey } from '../knowledge/load';
import { format } from '../knowledge/load';
import type { Matcher, MatchResult } from '../nlu/matcher';
import { isMostlyCjk } from '../nlu/normalize';
import { newConversation, type ConversationState } from './state';
import type { Domain } from '../domain/types';
import type { AnswerOption, Cause, HandoffReason, IntentName, IntentScore, TriageResult, Turn, UserInput } from './types';
import { redactSecrets } from './safety/redact';
import { isAngry } from './safety/tone';
import { extractSlots, isComparison } from './slots';
import { decide } from '../domain/causes';
import { interpretAnswer, optionIntent } from './answers';
import { impliedFacts } from './implied';
import { afterDiagnosisOptions, answerText, coveredByDiagnosis, diagnosisReply, entryOptions, FAQ_INTENTS, followupOptions, questionReply } from './replies';
import { buildHandoff, formatHandoff } from './handoff';
import { triageTicket } from './triage';
import { limitTurn } from './limit-turn';
import { infoRequest } from './info';
import { asksForPerson } from './person-request';

export interface EngineOptions {
  matcher: Matcher;
  knowledge: Knowledge;
  domain: Domain;
  /** A conversation idle this long starts fresh. */
  idleMs: number;
  /** Consecutive misunderstandings before a person is asked to take over. */
  handoffAfter: number;
}

// The whole message must ask for a restart: "reset my password" is not one.
const RESTART =
  /^\s*(?:(?:ok(?:ay)?|please|can we|could we|let'?s|i want to|i'd like to)[\s,]+)?(?:start(?:ing)? (?:over|again|from scratch)|restart|reset|begin again|new conversation|from the (?:start|beginning))(?:[\s,]+(?:please|pls|the (?:chat|conversation)|this (?:chat|conversation)))*\s*[.!?]*\s*$/i;
const DIAGNOSIS_STARTERS = new Set<IntentName>(['report_lock', 'ask_meaning']);

export class ConversationEngine implements Engine {
  readonly knowledge: Knowledge;
  readonly matcher: Matcher;
  readonly domain: Domain;
  private readonly idleMs: number;
  private readonly handoffAfter: number;

  constructor(opts: EngineOptions) {
    this.knowledge = opts.knowledge;
    this.matcher = opts.matcher;
    this.domain = opts.domain;
    this.idleMs = opts.idleMs;
    this.handoffAfter = opts.handoffAfter;
  }

  message(key: MessageKey, vars: Record<string, string> = {}): string {
    return format(answerText(this.knowledge, key), vars);
  }

  formatHandoff = (summary: Parameters<Engine['formatHandoff']>[0]) => formatHandoff(this.knowledge, summary);

  triage(text: string): TriageResult {
    return triageTicket(this, text);
  }

  answer(text: string): Turn {
    return this.step(undefined, { text }, Date.now()).turn;
  }

  step(previous: ConversationState | undefined, input: UserInput, now: number): StepResult {
    const k = this.knowledge;
    const d = this.domain;
    const expired = !!previous && previous.turns > 0 && !previous.handoff && now - previous.lastActiveAt > this.idleMs;
    const state: ConversationState = previous && !expired ? structuredClone(previous) : newConversation(now);
    state.turns++;
    state.lastActiveAt = now;

    const raw = typeof input.text === 'string' ? input.text : '';
    // Redact the whole message first (a secret cut in half would escape the patterns), then keep
    // only as much as any real question needs, so megabyte input costs no more than a long one.
    const redaction = redactSecrets(raw);
    const cut = limitTurn(redaction.text, d.limits.max_text_chars);
    const text = cut.text;
    const secretShared = redaction.kinds.length > 0;
    const angry = isAngry(text);
    if (text.trim()) {
      state.recentUserWords.push(text.slice(0, 500));
      state.recentUserWords = state.recentUserWords.slice(-d.limits.remembered_user_words);
    }

    const turn: Turn = {
      user: text,
      intent: 'out_of_scope',
      confidence: 0,
      intents: [],
      state: 'open',
      cause: state.diagnosis?.cause ?? null,
      causeConfidence: state.diagnosis?.confidence ?? 0,
      reply: '',
      options: [],
      handoff: null,
      silent: false,
      flags: { secretShared, angry, truncated: cut.truncated },
    };

    // While a person holds the conversation the bot listens but does not speak.
    if (state.handoff) {
      turn.silent = true;
      turn.state = 'handed_off';
      const m = this.matcher.classify(text);
      Object.assign(turn, { intent: m.intent, confidence: m.confidence, intents: m.intents });
      return { state, turn };
    }

    const parts: string[] = [];
    if (secretShared) parts.push(answerText(k, 'secret_warning'));
    if (expired) parts.push(answerText(k, 'expired'));
    if (cut.truncated) parts.push(answerText(k, 'too_long'));

    const finish = (reply: string[], options: AnswerOption[]): StepResult => {
      turn.reply = [...parts, ...reply].filter(Boolean).join('\n\n');
      turn.options = options;
      turn.cause = state.diagnosis?.cause ?? null;
      turn.causeConfidence = state.diagnosis?.confidence ?? 0;
      turn.state = state.handoff ? 'handed_off' : state.pending ? `ask_${state.pending}` : state.diagnosis ? 'diagnosed' : 'open';
      return { state, turn };
    };

    // Inputs with nothing to classify.
    if (!raw.trim() && !input.optionId) return finish([answerText(k, 'empty_message')], entryOptions(k));
    if (isMostlyCjk(text)) return finish([answerText(k, 'chinese_or_other_language')], entryOptions(k));
    if (input.optionId === 'action:restart' || RESTART.test(text)) {
      const fresh = newConversation(now);
      fresh.turns = 1;
      turn.intent = 'greeting';
      turn.confidence = 1;
      turn.intents = [{ intent: 'greeting', confidence: 1 }];
      Object.assign(state, fresh);
      return finish([answerText(k, 'restart')], entryOptions(k));
    }

    // The overviews (all causes, the symptom table) are answered anywhere; a pending question is asked again.
    const info = infoRequest(text, input.optionId);
    if (info) {
      Object.assign(turn, { intent: 'ask_meaning', confidence: 1, intents: [{ intent: 'ask_meaning', confidence: 1 }] });
      state.misunderstandings = 0;
      if (!state.pending) return finish([answerText(k, info)], followupOptions(k, info));
      const q = questionReply(k, state.pending);
      return finish([answerText(k, info), k.ui.resume_question!, q.text], q.options);
    }

    let match = this.understand(text, input.optionId);
    turn.intent = match.intent;
    turn.confidence = match.confidence;
    turn.intents = match.intents;
    if (angry) parts.push(k.ui.empathy!);

    // Facts: what the pending question's answer says, then what the message states outright.
    const before = JSON.stringify(state.slots);
    const pending = state.pending;
    const extraction = extractSlots(d, text, match.words);
    const answered = pending ? interpretAnswer(d, k, pending, text, input.optionId, match, extraction) : null;
    if (answered) Object.assign(state.slots, answered.slots);
    // What the message states outright wins over the reading of it as an answer.
    Object.assign(state.slots, extraction.slots);
    if (answered?.optionIntent) {
      // An option's label or synonym typed out means exactly that option; the classifier's reading
      // of a three-word label ("A supported country" → ask_meaning?) is noise.
      match = { ...match, intent: answered.optionIntent, confidence: 1, intents: [{ intent: answered.optionIntent, confidence: 1 }] };
      Object.assign(turn, { intent: match.intent, confidence: 1, intents: match.intents });
    }
    const beforeImplied = { ...state.slots };
    // A message that answers the pending question is read as that answer: the matcher's guess at
    // its intent ("I am in Canada" → travel?) must not add facts about other questions.
    const pendingKey = pending ? d.questions.get(pending)!.slot : null;
    const answersPending = !!answered || (!!pendingKey && extraction.slots[pendingKey] !== undefined);
    const comparison = isComparison(text);
    for (const { slot: key, value } of comparison ? [] : impliedFacts(d, match.intents, text, extraction.slots)) {
      // An intent only implies a fact; it fills gaps but never overrides what the user stated.
      const known = beforeImplied[key] !== undefined && beforeImplied[key] !== 'unsure';
      if (answersPending && key !== pendingKey) continue;
      if (!known && extraction.slots[key] === undefined && !(answered && key in answered.slots)) state.slots[key] = value;
    }
    const newFacts = JSON.stringify(state.slots) !== before;
    const beforeSlots = JSON.parse(before) as ConversationState['slots'];
    const answeredPending = !!answered || (!!pendingKey && state.slots[pendingKey] !== beforeSlots[pendingKey]);
    if (answeredPending) state.pending = null;

    // The matcher always names some intent; weak guesses must not steer the conversation.
    const intents = match.intents.filter((i) => i.confidence >= d.thresholds.min_intent_confidence).map((i) => i.intent);
    // "pls help" or an emoji alone (🙏 reads as "please") is too thin a request to pass the conversation to a person.
    const wantsHuman = input.optionId === 'action:human' || asksForPerson(text, match.intents, d.thresholds.handoff_min_confidence);
    const faq = this.faqAnswers(match.intents);
    const startsDiagnosis =
      input.optionId === 'action:diagnose' || intents.some((i) => DIAGNOSIS_STARTERS.has(i)) || newFacts;

    if (wantsHuman) return this.handOff(state, 'user_request', now, turn, finish, faq.texts);

    const reply: string[] = [...faq.texts];
    let options: AnswerOption[] = faq.options;
    const understood = faq.texts.length > 0 || newFacts || answeredPending || startsDiagnosis || this.isSmallTalk(intents);

    if (!understood) {
      state.misunderstandings++;
      if (state.misunderstandings >= this.handoffAfter) {
        return this.handOff(state, 'repeated_misunderstanding', now, turn, finish, []);
      }
      if (state.pending) {
        const q = questionReply(k, state.pending);
        return finish([answerText(k, 'not_understood'), q.text], q.options);
      }
      const key: AnswerKey = match.intent === 'out_of_scope' ? 'out_of_scope' : 'not_understood';
      return finish([answerText(k, key)], entryOptions(k));
    }
    state.misunderstandings = 0;

    // Greetings and thanks on their own.
    if (!startsDiagnosis && reply.length === 0) {
      const key: AnswerKey = intents.includes('thanks_goodbye') ? 'thanks_goodbye' : 'greeting';
      if (!state.pending) return finish([answerText(k, key)], entryOptions(k));
      const q = questionReply(k, state.pending);
      return finish([answerText(k, key), k.ui.resume_question!, q.text], q.options);
    }

    if (startsDiagnosis || state.pending) {
      const wasDiagnosed = state.diagnosis;
      const firstStart = !wasDiagnosed && state.asked.length === 0 && !pending;
      if (firstStart && intents.includes('report_lock') && !newFacts && !faq.keys.includes('ask_asset_safety')) {
        reply.unshift(answerText(k, 'report_lock'));
        // The introduction already says sorry; once is enough.
        const empathy = parts.indexOf(k.ui.empathy!);
        if (empathy >= 0) parts.splice(empathy, 1);
      }
      if (intents.includes('ask_meaning') && !faq.keys.includes('ask_meaning')) reply.push(answerText(k, 'ask_meaning'));
      // A question still waiting for its answer (the user digressed) may be asked again.
      const decision = decide(d, state.slots, state.pending ? state.asked.filter((q) => q !== state.pending) : state.asked);
      if (decision.kind === 'ask') {
        const resumed = pending === decision.question && !answeredPending;
        if (wasDiagnosed && newFacts) {
          // A correction reopened the diagnosis: the old cause no longer holds.
          state.diagnosis = null;
          reply.push(k.ui.correction_note!);
        }
        const q = questionReply(k, decision.question);
        if (!state.asked.includes(decision.question)) state.asked.push(decision.question);
        state.pending = decision.question;
        if (resumed && reply.length) reply.push(k.ui.resume_question!);
        reply.push(q.text);
        options = q.options;
      } else {
        // New facts that keep the same cause need no second copy of the long diagnosis.
        const changed = wasDiagnosed && wasDiagnosed.cause !== decision.cause;
        state.pending = null;
        if (!wasDiagnosed || changed) {
          if (wasDiagnosed && wasDiagnosed.cause !== decision.cause) reply.push(k.ui.correction_note!);
          state.diagnosis = { cause: decision.cause, confidence: decision.confidence };
          const covered = coveredByDiagnosis(decision.cause);
          for (const key of faq.keys.filter((f) => covered.has(f))) reply.splice(reply.indexOf(answerText(k, key)), 1);
          reply.push(diagnosisReply(k, decision.cause, decision.confidence, d.thresholds.diagnosis_certain));
          options = afterDiagnosisOptions(k, decision.cause);
          if (decision.cause === 'account_frozen') {
            return this.handOff(state, 'account_frozen', now, turn, finish, reply);
          }
        } else {
          state.diagnosis = { cause: decision.cause, confidence: decision.confidence };
          if (reply.length === 0) {
            reply.push(k.ui.followup_intro!);
            options = afterDiagnosisOptions(k, decision.cause);
          }
        }
      }
    }
    if (faq.texts.filter((t) => reply.includes(t)).length === 2) reply.unshift(k.ui.both_answers_intro!);
    if (options.length === 0) options = state.diagnosis ? afterDiagnosisOptions(k, state.diagnosis.cause) : entryOptions(k);
    return finish(reply, options);
  }

  /** Classifies text, or takes the meaning of a clicked option. */
  private understand(text: string, optionId?: string): MatchResult {
    const direct = optionId ? optionIntent(this.domain, optionId) : null;
    const m = this.matcher.classify(text);
    if (!direct) return m;
    return { ...m, intent: direct, confidence: 1, intents: [{ intent: direct, confidence: 1 }] };
  }

  private isSmallTalk(intents: IntentName[]): boolean {
    return intents.includes('greeting') || intents.includes('thanks_goodbye');
  }

  /** Up to two FAQ answers, in the order the user asked. */
  private faqAnswers(intents: IntentScore[]): { texts: string[]; options: AnswerOption[]; keys: AnswerKey[] } {
    const keys = intents
      .filter((i) => FAQ_INTENTS.has(i.intent) && i.intent !== 'ask_meaning' && i.confidence >= this.domain.thresholds.faq_min_confidence)
      .map((i) => i.intent as AnswerKey)
      .slice(0, this.domain.limits.faq_answers_per_turn);
    return {
      keys,
      texts: keys.map((key) => answerText(this.knowledge, key)),
      options: keys.length ? followupOptions(this.knowledge, keys[keys.length - 1]!) : [],
    };
  }

  private handOff(
    state: ConversationState,
    reason: HandoffReason,
    now: number,
    turn: Turn,
    finish: (reply: string[], options: AnswerOption[]) => StepResult,
    before: string[],
  ): StepResult {
    const cause: Cause | null = state.diagnosis?.cause ?? null;
    const summary = buildHandoff(this.domain, state, reason, now, cause, state.diagnosis?.confidence ?? 0);
    state.handoff = { status: 'waiting', summary };
    state.pending = null;
    turn.handoff = summary;
    const key: AnswerKey = reason === 'user_request' ? 'request_human' : 'handoff_started';
    return finish([...before, answerText(this.knowledge, key)], []);
  }
}
