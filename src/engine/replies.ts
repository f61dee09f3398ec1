// Assembles replies from the knowledge data: the final diagnosis, FAQ answers and questions.
import type { Knowledge, AnswerKey } from '../knowledge/load';
import type { AnswerOption, Cause, IntentName } from './types';
import type { QuestionId } from '../shared/types';
import { infoLabel, infoRequest } from './info';
import { encodeOption } from './ids';

const bullets = (items: string[]) => items.map((i) => `- ${i.trim()}`).join('\n');

export interface HeadlineOptions {
  /** The wording for the case the rules named (a traveller, a server): causes.yaml `variants`. */
  variant?: string | null;
  /** The funds line is left out right after the funds question was answered. */
  funds?: boolean;
}

/**
 * A diagnosis, short first: the cause, what it means and the first thing to do (about 600
 * characters); the details are offered as options (diagnosisDetails). Below `certainFrom`
 * confidence it says it is uncertain.
 */
export function diagnosisReply(k: Knowledge, cause: Cause, confidence: number, certainFrom: number, opts: HeadlineOptions = {}): string {
  const c = k.causes[cause];
  const v = (opts.variant && c.variants[opts.variant]) || c;
  const parts = [k.ui.diagnosis_heading!.replace('{title}', c.title), v.headline.trim(), `${k.ui.first_step_heading} ${v.first_step.trim()}`];
  if (opts.funds !== false && cause !== 'account_frozen') parts.push(k.ui.funds_line!);
  if (confidence < certainFrom) parts.push(`_${k.ui.diagnosis_uncertain}_`);
  return parts.join('\n\n');
}

/** Everything about a cause beyond the headline: all steps, what works, assets, time, reactivation. */
export function diagnosisDetails(k: Knowledge, cause: Cause): string {
  const c = k.causes[cause];
  const parts = [c.explanation.trim(), `${k.ui.resolution_heading}\n${bullets(c.resolution)}`];
  if (cause === 'account_frozen') {
    parts.push(k.ui.frozen_still_works!);
  } else {
    parts.push(`${k.ui.still_works_heading}\n${bullets(k.shared.still_works)}`);
    parts.push(`${k.ui.blocked_heading}\n${bullets(k.shared.blocked)}`);
  }
  parts.push(`${k.ui.assets_heading}\n${k.shared.asset_safety.trim()}`);
  parts.push(`${k.ui.processing_heading}\n${c.processing_time.trim()}`);
  parts.push(`${k.ui.reactivation_heading}\n${c.reactivation.trim()}`);
  return parts.join('\n\n');
}

/** A question answered for the diagnosed cause ("how long?" → that cause's processing time). */
export function causeAnswer(k: Knowledge, cause: Cause, field: 'processing_time' | 'reactivation' | 'resolution'): string {
  const c = k.causes[cause];
  const heading = { processing_time: k.ui.processing_heading, reactivation: k.ui.reactivation_heading, resolution: k.ui.resolution_heading }[field]!;
  const body = field === 'resolution' ? bullets(c.resolution) : c[field].trim();
  return `${heading}\n${body}`;
}

/** The compact answer of an FAQ (several questions in one message), else the full one; `variant`: answers.yaml `variants`. */
export function shortAnswer(k: Knowledge, key: AnswerKey, variant?: string): string {
  const a = wording(k, key, variant);
  return (a.short ?? a.answer).trim();
}

export function questionReply(k: Knowledge, q: QuestionId): { text: string; options: AnswerOption[] } {
  const question = k.questions[q]!;
  return { text: question.prompt.trim(), options: question.options.map(({ id, label }) => ({ id, label })) };
}

export function answerText(k: Knowledge, key: AnswerKey, variant?: string): string {
  return wording(k, key, variant).answer.trim();
}

/** An answer in the wording the domain chose for the case (domain.yaml `faq_variants`), else its own. */
function wording(k: Knowledge, key: AnswerKey, variant?: string): { answer: string; short?: string | undefined } {
  return (variant && k.answers[key].variants[variant]) || k.answers[key];
}

/**
 * Follow-up suggestions of an answer, as options that behave like typing the label; the ones
 * that start a diagnosis or ask for an overview get ids that say so without classification.
 */
export function followupOptions(k: Knowledge, key: AnswerKey): AnswerOption[] {
  return (k.answers[key].followups ?? []).map((label, i) => {
    if (label === k.ui.option_start_diagnosis) return { id: encodeOption({ kind: 'action', action: 'diagnose' }), label };
    const info = infoRequest(label) ?? infoLabel(k, label);
    return { id: encodeOption(info ? { kind: 'info', info } : { kind: 'say', key, index: i }), label };
  });
}

export function entryOptions(k: Knowledge): AnswerOption[] {
  return [
    { id: encodeOption({ kind: 'action', action: 'diagnose' }), label: k.ui.option_start_diagnosis! },
    { id: encodeOption({ kind: 'ask', intent: 'ask_asset_safety' }), label: k.ui.option_funds_safe! },
    { id: encodeOption({ kind: 'action', action: 'human' }), label: k.ui.option_talk_to_human! },
  ];
}

/** After a diagnosis: its details as options to expand, then a person and a fresh start. */
export function afterDiagnosisOptions(k: Knowledge, cause: Cause): AnswerOption[] {
  const options: AnswerOption[] = [
    { id: encodeOption({ kind: 'more', detail: 'steps' }), label: k.ui.option_steps! },
    { id: encodeOption({ kind: 'ask', intent: 'ask_withdraw' }), label: k.ui.option_withdraw! },
  ];
  if (cause !== 'account_frozen') {
    options.push({ id: encodeOption({ kind: 'ask', intent: 'ask_allowed_actions' }), label: k.ui.option_still_works! });
    options.push({ id: encodeOption({ kind: 'ask', intent: 'ask_support_time' }), label: k.ui.option_how_long! });
    options.push({ id: encodeOption({ kind: 'action', action: 'human' }), label: k.ui.option_talk_to_human! });
  }
  options.push({ id: encodeOption({ kind: 'action', action: 'restart' }), label: k.ui.option_start_over! });
  return options;
}

/** FAQ answers that a diagnosis headline already contains (not shown twice in one turn). */
export function coveredByDiagnosis(cause: Cause): Set<AnswerKey> {
  // "…, what should I do?" reads as ask_prevention to the matcher; the first step answers it.
  return new Set<AnswerKey>(cause === 'account_frozen' ? ['ask_asset_safety', 'ask_prevention'] : ['ask_prevention']);
}

/** Intents whose answer is a fixed text in answers.yaml. */
export const FAQ_INTENTS = new Set<IntentName>([
  'ask_meaning',
  'ask_asset_safety',
  'ask_withdraw',
  'ask_allowed_actions',
  'ask_vpn',
  'ask_subaccounts',
  'ask_reregister',
  'ask_frozen_difference',
  'ask_support_time',
  'ask_reactivation',
  'ask_prevention',
  'ask_close_account',
  'ask_update_kyc',
  'ask_login',
]);
