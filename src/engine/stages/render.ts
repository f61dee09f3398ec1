// Stage 3, render: the Turn for a decision, with every text taken from the knowledge data.
import type { Knowledge } from '../../knowledge/load';
import type { Domain } from '../../domain/types';
import type { AnswerOption, Cause, QuestionId, Turn } from '../../shared/types';
import { afterDiagnosisOptions, answerText, diagnosisReply, entryOptions, followupOptions, questionReply } from '../replies';
import { encodeState, type Status } from '../ids';
import type { ConversationState } from '../state';
import type { Decision, Lead } from './decide';
import type { Reading } from './read';

export interface RenderDeps {
  knowledge: Knowledge;
  domain: Domain;
}

function statusOf(s: ConversationState): Status {
  if (s.handoff) return { kind: 'handed_off' };
  if (s.pending) return { kind: 'asking', question: s.pending };
  return s.diagnosis ? { kind: 'diagnosed' } : { kind: 'open' };
}

export function render({ knowledge: k, domain: d }: RenderDeps, decision: Decision, reading: Reading): Turn {
  const { action, state } = decision;
  const turn: Turn = {
    user: reading.text,
    ...decision.understood,
    state: encodeState(statusOf(state)),
    cause: state.diagnosis?.cause ?? null,
    causeConfidence: state.diagnosis?.confidence ?? 0,
    reply: '',
    options: [],
    handoff: null,
    silent: false,
    flags: { secretShared: reading.secretShared, angry: reading.angry, truncated: reading.truncated },
  };
  if (action.kind === 'listen') return { ...turn, silent: true };

  const question = (q: QuestionId) => questionReply(k, q);
  const lead = (l: Lead) => [...(l.intro ? [answerText(k, 'report_lock')] : []), ...l.faq.map((key) => answerText(k, key)), ...(l.meaning ? [answerText(k, 'ask_meaning')] : [])];
  // Two FAQ answers in one reply are introduced as such.
  const both = (l: Lead) => (l.faq.length === 2 ? [k.ui.both_answers_intro!] : []);
  const resume = (q: QuestionId | null, before: string[]): [string[], AnswerOption[]] => (q ? [[...before, k.ui.resume_question!, question(q).text], question(q).options] : [before, entryOptions(k)]);
  const diagnosis = (cause: Cause, confidence: number) => diagnosisReply(k, cause, confidence, d.thresholds.diagnosis_certain);
  const correction = (yes: boolean) => (yes ? [k.ui.correction_note!] : []);

  let parts: string[];
  let options: AnswerOption[];
  switch (action.kind) {
    case 'fallback':
      if (action.resume) [parts, options] = [[answerText(k, action.reason), question(action.resume).text], question(action.resume).options];
      else [parts, options] = [[answerText(k, action.reason)], entryOptions(k)];
      break;
    case 'restart':
      [parts, options] = [[answerText(k, 'restart')], entryOptions(k)];
      break;
    case 'overview':
      if (action.resume) [parts, options] = resume(action.resume, [answerText(k, action.info)]);
      else [parts, options] = [[answerText(k, action.info)], followupOptions(k, action.info)];
      break;
    case 'small_talk':
      [parts, options] = resume(action.resume, [answerText(k, action.key)]);
      break;
    case 'answer': {
      const last = action.lead.faq[action.lead.faq.length - 1];
      options = last ? followupOptions(k, last) : [];
      if (options.length === 0) options = action.diagnosed ? afterDiagnosisOptions(k, action.diagnosed) : entryOptions(k);
      parts = [...both(action.lead), ...lead(action.lead)];
      break;
    }
    case 'ask': {
      const before = [...lead(action.lead), ...correction(action.correction)];
      const again = action.resumed && before.length > 0 ? [k.ui.resume_question!] : [];
      [parts, options] = [[...both(action.lead), ...before, ...again, question(action.question).text], question(action.question).options];
      break;
    }
    case 'diagnose':
      parts = [...both(action.lead), ...lead(action.lead), ...correction(action.correction), diagnosis(action.cause, action.confidence)];
      options = afterDiagnosisOptions(k, action.cause);
      break;
    case 'follow_up':
      [parts, options] = [[k.ui.followup_intro!], afterDiagnosisOptions(k, action.cause)];
      break;
    case 'hand_off': {
      const found = action.diagnosis ? [...correction(action.diagnosis.correction), diagnosis(action.diagnosis.cause, action.diagnosis.confidence)] : [];
      parts = [...lead(action.lead), ...found, answerText(k, action.reason === 'user_request' ? 'request_human' : 'handoff_started')];
      options = [];
      turn.handoff = action.summary;
      break;
    }
  }
  const notices = decision.notices.map((key) => answerText(k, key));
  const empathy = decision.empathy ? [k.ui.empathy!] : [];
  return { ...turn, reply: [...notices, ...empathy, ...parts].filter(Boolean).join('\n\n'), options };
}
