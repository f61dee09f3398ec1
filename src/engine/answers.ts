// Understands an answer to the pending clarifying question: a clicked option, its label or a
// synonym typed out, a yes/no/not-sure reply, or a country name. What each means is domain data.
import type { Knowledge } from '../knowledge/load';
import type { MatchResult } from '../nlu/matcher';
import type { Domain } from '../domain/types';
import type { IntentName, QuestionId, Slots } from '../shared/types';
import type { Extraction } from './slots';
import { encodeOption, type OptionRef } from './ids';

export interface PendingAnswer {
  slots: Slots;
  /** The intent an option stands for (e.g. "Every network" = inform_all_networks). */
  optionIntent?: IntentName;
  fromOption: boolean;
}

const plain = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function interpretAnswer(
  d: Domain,
  k: Knowledge,
  pending: QuestionId,
  text: string,
  option: OptionRef | null,
  match: MatchResult,
  extraction: Extraction,
): PendingAnswer | null {
  const question = d.questions.get(pending)!;
  const slot = question.slot;
  // 1. A clicked option of this question.
  const clicked = option?.kind === 'answer' ? d.options.get(encodeOption(option)) : undefined;
  if (clicked && clicked.question === pending) return { slots: { [slot]: clicked.value }, optionIntent: clicked.intent, fromOption: true };
  // 2. The label or a synonym typed out (short replies only, so sentences go to slot extraction).
  const said = plain(text);
  if (said && said.split(' ').length <= d.limits.option_reply_words) {
    for (const option of k.questions[pending]!.options) {
      const names = [option.label, ...option.synonyms].map(plain);
      if (names.includes(said) || names.includes(said.replace(/^(?:i think |probably |it's |its |it is |umm? |uh |well )/, ''))) {
        const v = d.options.get(option.id)!;
        return { slots: { [slot]: v.value }, optionIntent: v.intent, fromOption: false };
      }
    }
  }
  // 3. A country named in reply to a question about countries.
  const { countries, slots } = extraction;
  if (question.country && slots[slot] === undefined && countries.length === 1) {
    return { slots: { [slot]: countries[0]!.restricted ? question.country.restricted : question.country.supported }, fromOption: false };
  }
  // 4. Yes / no / not sure: a reply that is one by itself ("是", "没有": the lexicon's `replies`),
  // else the matcher's reading.
  const meant = d.lexicon.replies.get(said);
  if (slots[slot] === undefined && meant && question.yesNo[meant] !== undefined) return { slots: { [slot]: question.yesNo[meant]! }, fromOption: false };
  if (slots[slot] === undefined) {
    for (const { intent, confidence } of match.intents) {
      const meaning = d.yesNoIntents[intent];
      if (!meaning || confidence < d.thresholds.yes_no_min_confidence) continue;
      const value = question.yesNo[meaning];
      if (value !== undefined) return { slots: { [slot]: value }, fromOption: false };
    }
  }
  return null;
}

/** The intent a picked option stands for, when picking it says more than its label. */
export function optionIntent(d: Domain, option: OptionRef): IntentName | null {
  switch (option.kind) {
    case 'answer':
      return d.options.get(encodeOption(option))?.intent ?? null;
    case 'action':
      return option.action === 'diagnose' ? 'report_lock' : option.action === 'human' ? 'request_human' : null;
    case 'ask':
      return option.intent;
    default:
      return null;
  }
}
