// Stage 3, render: the Turn for a decision, with every text taken from the knowledge data.
import type { Knowledge } from '../../knowledge/load';
import type { Domain } from '../../domain/types';
import type { AnswerOption, Cause, QuestionId, Turn } from '../../shared/types';
import {
  afterDiagnosisOptions,
  answerText,
  causeAnswer,
  diagnosisDetails,
  diagnosisReply,
  entryOptions,
  followupOptions,
  questionReply,
  shortAnswer,
} from '../replies';
import { format } from '../../knowledge/load';
import type { AnswerKey } from '../../knowledge/load';
import { encodeState, type Status } from '../ids';
import type { ConversationState } from '../state';
import type { Decision, Lead } from './decide';
import type { Reading } from './read';

export interface RenderDeps {
  knowledge: Knowledge;
  domain: Domain;
  /** What to say to a message in a language the bot does not serve (intents/languages.yaml). */
  otherLanguageLine?: (language: string) => string;
}

function statusOf(s: ConversationState): Status {
  if (s.handoff) return { kind: 'handed_off' };
  if (s.pending) return { kind: 'asking', question: s.pending };
  return s.diagnosis ? { kind: 'diagnosed' } : { kind: 'open' };
}

export function render({ knowledge: k, domain: d, otherLanguageLine }: RenderDeps, decision: Decision, reading: Reading): Turn {
  const { action, state } = decision;
  const turn: Turn = {
    user: reading.text,
    language: reading.language,
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
  // Each question of the message gets an answer, in the order asked; with several (or with a
  // question or diagnosis after them) each is the compact one. After a diagnosis, questions the
  // domain names (cause_answers) are answered for the diagnosed cause.
  const faqText = (l: Lead, key: AnswerKey, compact: boolean) => {
    const field = l.cause ? d.causeAnswers[key as keyof typeof d.causeAnswers] : undefined;
    if (field && l.cause) return causeAnswer(k, l.cause, field);
    const variant = l.variants?.[key];
    return compact ? shortAnswer(k, key, variant) : answerText(k, key, variant);
  };
  const lead = (l: Lead, compact = l.faq.length > 1 || !!l.followUp) => [
    ...(l.otherExchange ? [format(answerText(k, 'other_exchange'), { other: l.otherExchange })] : []),
    ...(l.intro ? [answerText(k, 'report_lock')] : []),
    // Several FAQ answers are introduced as such, right before them.
    ...(l.faq.length === 2 ? [k.ui.both_answers_intro!] : l.faq.length > 2 ? [format(k.ui.many_answers_intro!, { count: String(l.faq.length) })] : []),
    ...l.faq.map((key) => faqText(l, key, compact)),
    ...(l.meaning ? [answerText(k, 'ask_meaning')] : []),
    ...(l.quickTest ? [answerText(k, 'quick_test')] : []),
  ];
  const resume = (q: QuestionId | null, before: string[]): [string[], AnswerOption[]] =>
    q ? [[...before, k.ui.resume_question!, question(q).text], question(q).options] : [before, entryOptions(k)];
  const diagnosis = (cause: Cause, confidence: number, variant: string | null = null, funds = true) =>
    diagnosisReply(k, cause, confidence, d.thresholds.diagnosis_certain, { variant, funds });
  const correction = (yes: boolean) => (yes ? [k.ui.correction_note!] : []);
  // After a diagnosis the options are its details; "Find the cause" is not offered again.
  const notAgain = (options: AnswerOption[]) => (state.diagnosis ? options.filter((o) => o.id !== 'action:diagnose') : options);

  let parts: string[];
  let options: AnswerOption[];
  switch (action.kind) {
    case 'fallback':
      if (action.resume) [parts, options] = [[answerText(k, action.reason), question(action.resume).text], question(action.resume).options];
      // After a diagnosis its details stay on offer; "Find the cause" would start it over.
      else [parts, options] = [[answerText(k, action.reason)], state.diagnosis ? afterDiagnosisOptions(k, state.diagnosis.cause) : entryOptions(k)];
      break;
    case 'other_language':
      [parts, options] = [[otherLanguageLine?.(action.language) ?? answerText(k, 'chinese_or_other_language')], entryOptions(k)];
      break;
    case 'restart':
      [parts, options] = [[answerText(k, 'restart')], entryOptions(k)];
      break;
    case 'overview':
      if (action.resume) [parts, options] = resume(action.resume, [answerText(k, action.info)]);
      else [parts, options] = [[answerText(k, action.info)], followupOptions(k, action.info)];
      break;
    case 'small_talk':
      // While a question waits, the short form: a goodbye or the full welcome would contradict it.
      [parts, options] = resume(action.resume, [action.resume ? shortAnswer(k, action.key) : answerText(k, action.key)]);
      break;
    case 'answer': {
      const last = action.lead.faq[action.lead.faq.length - 1];
      options = last ? notAgain(followupOptions(k, last)) : [];
      // After a diagnosis its details stay on offer beside the answer's own follow-ups.
      if (action.diagnosed) {
        const more = afterDiagnosisOptions(k, action.diagnosed).filter((o) => !options.some((x) => x.label === o.label || x.id === o.id));
        options = [...options, ...more].slice(0, 6);
      }
      if (options.length === 0) options = entryOptions(k);
      parts = [...lead(action.lead)];
      break;
    }
    case 'ask': {
      // Answers before a question are compact: the question must not drown.
      const before = [...lead(action.lead, action.lead.faq.length > 0), ...correction(action.correction)];
      // The same question straight after: say why it comes again, so it does not read as ignoring the reply.
      const again = !action.resumed ? [] : before.length > 0 ? [k.ui.resume_question!] : [action.noted ? k.ui.noted_ask_again! : k.ui.ask_again!];
      [parts, options] = [[...before, ...again, question(action.question).text], question(action.question).options];
      break;
    }
    case 'diagnose':
      parts = [
        ...lead(action.lead, action.lead.faq.length > 0),
        ...correction(action.correction),
        diagnosis(action.cause, action.confidence, action.variant, action.funds),
      ];
      options = afterDiagnosisOptions(k, action.cause);
      break;
    case 'details':
      [parts, options] = [[diagnosisDetails(k, action.cause)], afterDiagnosisOptions(k, action.cause).filter((o) => o.id !== 'more:steps')];
      break;
    case 'follow_up':
      // New facts that fit the diagnosis: say so, so "so it's my office network?" is not met with a bare prompt.
      [parts, options] = [
        [...(action.confirms ? [format(k.ui.followup_confirms!, { title: k.causes[action.cause].title })] : []), k.ui.followup_intro!],
        afterDiagnosisOptions(k, action.cause),
      ];
      break;
    case 'hand_off': {
      const found = action.diagnosis
        ? [...correction(action.diagnosis.correction), diagnosis(action.diagnosis.cause, action.diagnosis.confidence, action.diagnosis.variant)]
        : [];
      parts = [...lead(action.lead), ...found, answerText(k, action.reason === 'user_request' ? 'request_human' : 'handoff_started')];
      options = [];
      turn.handoff = action.summary;
      break;
    }
  }
  // Another exchange's user: the bot's own links and name are not theirs (the note says whose they are).
  const other = state.otherExchange;
  if (other) parts = parts.map((p) => (p.startsWith(format(answerText(k, 'other_exchange'), { other }).slice(0, 20)) ? p : forOtherExchange(p, k, other)));
  const notices = decision.notices.map((key) => answerText(k, key));
  const empathy = decision.empathy ? [k.ui.empathy!] : [];
  return { ...turn, reply: [...notices, ...empathy, ...parts].filter(Boolean).join('\n\n'), options };
}

/** A reply for a user of another exchange: links to the configured exchange become plain words, its name theirs. */
export function forOtherExchange(text: string, k: Knowledge, other: string): string {
  const e = k.exchange;
  const urls = [e.supportUrl, e.announcementsUrl, e.appUrl, e.websiteUrl].filter(Boolean).sort((a, b) => b.length - a.length);
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const anyUrl = urls.map(escapeRegExp).join('|');
  let out = text.replace(new RegExp(`\\[([^\\]]+)\\]\\((?:${anyUrl})[^)]*\\)`, 'g'), '$1');
  out = out.replace(new RegExp(`<?(?:${anyUrl})[^\\s)>]*>?`, 'g'), format(k.ui.other_exchange_site ?? "{other}'s own website", { other }));
  return out.replace(new RegExp(`\\b${escape(e.name)}\\b`, 'g'), other);
}
