// Understands an answer to the pending clarifying question: a clicked option, its label or a
// synonym typed out, a yes/no/not-sure reply, or a country name.
import type { Knowledge } from '../knowledge/load';
import type { MatchResult } from '../nlu/matcher';
import type { QuestionId, Slots } from './state';
import { INTENTS, type IntentName } from './types';
import { extractSlots } from './slots';

export interface PendingAnswer {
  slots: Partial<Slots>;
  /** The intent an option stands for (e.g. "Every network" = inform_all_networks). */
  optionIntent?: IntentName;
  fromOption: boolean;
}

export const SLOT_OF_QUESTION: Record<QuestionId, keyof Slots> = {
  scope: 'scope',
  kyc_region: 'kycRestricted',
  announcement: 'announcement',
  ip_jumps: 'ipJumps',
  location: 'location',
};

const OPTION_VALUES: Record<string, { slots: Partial<Slots>; intent: IntentName }> = {
  'scope:all': { slots: { scope: 'all' }, intent: 'inform_all_networks' },
  'scope:one': { slots: { scope: 'one' }, intent: 'inform_one_network' },
  'scope:unsure': { slots: { scope: 'unsure' }, intent: 'unsure' },
  'kyc_region:restricted': { slots: { kycRestricted: true }, intent: 'inform_kyc_region' },
  'kyc_region:supported': { slots: { kycRestricted: false }, intent: 'deny' },
  'kyc_region:unsure': { slots: { kycRestricted: 'unsure' }, intent: 'unsure' },
  'announcement:yes': { slots: { announcement: true }, intent: 'affirm' },
  'announcement:no': { slots: { announcement: false }, intent: 'deny' },
  'announcement:unsure': { slots: { announcement: 'unsure' }, intent: 'unsure' },
  'ip_jumps:yes': { slots: { ipJumps: true }, intent: 'affirm' },
  'ip_jumps:no': { slots: { ipJumps: false }, intent: 'deny' },
  'ip_jumps:unsure': { slots: { ipJumps: 'unsure' }, intent: 'unsure' },
  'location:restricted': { slots: { location: 'restricted' }, intent: 'affirm' },
  'location:supported': { slots: { location: 'supported' }, intent: 'deny' },
  'location:vpn': { slots: { location: 'vpn' }, intent: 'inform_one_network' },
  'location:unsure': { slots: { location: 'unsure' }, intent: 'unsure' },
};

/** Replies to a yes/no question, by intent. */
const YES_NO: Record<QuestionId, Partial<Record<'affirm' | 'deny' | 'unsure', Partial<Slots>>>> = {
  scope: { unsure: { scope: 'unsure' } },
  kyc_region: { affirm: { kycRestricted: true }, deny: { kycRestricted: false }, unsure: { kycRestricted: 'unsure' } },
  announcement: { affirm: { announcement: true }, deny: { announcement: false }, unsure: { announcement: 'unsure' } },
  ip_jumps: { affirm: { ipJumps: true }, deny: { ipJumps: false }, unsure: { ipJumps: 'unsure' } },
  location: { unsure: { location: 'unsure' } },
};

/** The intent an option id stands for, when picking it says more than its label. */
export function optionIntent(optionId: string): IntentName | null {
  if (OPTION_VALUES[optionId]) return OPTION_VALUES[optionId]!.intent;
  if (optionId === 'action:diagnose') return 'report_lock';
  if (optionId === 'action:human') return 'request_human';
  if (optionId.startsWith('ask:')) {
    const name = optionId.slice(4);
    return (INTENTS as readonly string[]).includes(name) ? (name as IntentName) : null;
  }
  return null;
}

const plain = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function interpretAnswer(
  k: Knowledge,
  pending: QuestionId,
  text: string,
  optionId: string | undefined,
  match: MatchResult,
): PendingAnswer | null {
  const question = k.questions[pending];
  // 1. A clicked option of this question.
  if (optionId && OPTION_VALUES[optionId] && optionId.startsWith(`${pending}:`)) {
    const v = OPTION_VALUES[optionId]!;
    return { slots: v.slots, optionIntent: v.intent, fromOption: true };
  }
  // 2. The label or a synonym typed out (short replies only, so sentences go to slot extraction).
  const said = plain(text);
  if (said && said.split(' ').length <= 8) {
    for (const option of question.options) {
      const names = [option.label, ...option.synonyms].map(plain);
      if (names.includes(said) || names.includes(said.replace(/^(?:i think |probably |it's |its |it is |umm? |uh |well )/, ''))) {
        const v = OPTION_VALUES[option.id]!;
        return { slots: v.slots, optionIntent: v.intent, fromOption: false };
      }
    }
  }
  // 3. A country named in reply to a question about countries.
  const { countries, slots } = extractSlots(text, match.words);
  const slot = SLOT_OF_QUESTION[pending];
  if (slots[slot] === undefined && countries.length === 1) {
    const restricted = countries[0]!.restricted;
    if (pending === 'kyc_region') return { slots: { kycRestricted: restricted }, fromOption: false };
    if (pending === 'location') return { slots: { location: restricted ? 'restricted' : 'supported' }, fromOption: false };
  }
  // 4. Yes / no / not sure.
  if (slots[slot] === undefined) {
    for (const { intent, confidence } of match.intents) {
      if ((intent === 'affirm' || intent === 'deny' || intent === 'unsure') && confidence >= 0.4) {
        const value = YES_NO[pending][intent];
        if (value) return { slots: value, fromOption: false };
      }
    }
  }
  return null;
}
