// The dialogue domain as the engine uses it: intents/dialogue/domain.yaml validated, its patterns
// compiled and indexed. Built once by loadDomain() and passed in; nothing here reads files.
import type { Cause, IntentName, QuestionId, SlotValue } from '../shared/types';
import type { DomainFile } from './schema';
import type { Lexicon } from './lexicon';

export interface ExtractRule {
  value: SlotValue;
  patterns: RegExp[];
  unless: RegExp[];
  statementsOnly: boolean;
}

export interface IntentFill {
  intent: IntentName;
  value: SlotValue;
  minConfidence: number;
  unlessStated: string[];
  vetoOnNegation: boolean;
}

export interface QuestionOption {
  id: string;
  question: QuestionId;
  slot: string;
  value: SlotValue;
  intent: IntentName;
}

export interface QuestionDef {
  id: QuestionId;
  slot: string;
  options: QuestionOption[];
  yesNo: Partial<Record<'yes' | 'no' | 'unsure', SlotValue>>;
  country?: { restricted: SlotValue; supported: SlotValue };
}

export interface SlotDef {
  name: string;
  /** Every value, "unsure" included when the slot has a question. */
  values: SlotValue[];
  extract: ExtractRule[];
  fromIntent: IntentFill[];
  question: QuestionDef | null;
  summary: Record<string, string>;
}

/** Facts and the value(s) each must have. */
export type Condition = Record<string, SlotValue[]>;

export type DecisionRule =
  | { kind: 'cause'; when: Condition; cause: Cause; confidence: number; variant: string | null }
  | { kind: 'ask'; when: Condition; ask: QuestionId[] };

export interface Domain {
  file: string;
  thresholds: DomainFile['thresholds'];
  limits: DomainFile['limits'];
  diagnosisStarters: Set<IntentName>;
  /** Questions answered for the diagnosed cause, and the field of causes.yaml that answers them. */
  causeAnswers: DomainFile['cause_answers'];
  fromEntities: DomainFile['from_entities'];
  negation: RegExp;
  /** FAQ intents a statement matching these patterns does not ask (domain.yaml `faq_vetoes`). */
  faqVetoes: { intent: IntentName; patterns: RegExp[] }[];
  /** FAQ answers worded for the case the facts show (domain.yaml `faq_variants`). */
  faqVariants: { intent: IntentName; when: Condition; variant: string }[];
  /** What a yes/no/unsure intent means as an answer. */
  yesNoIntents: Partial<Record<IntentName, 'yes' | 'no' | 'unsure'>>;
  slots: SlotDef[];
  slot: Map<string, SlotDef>;
  questions: Map<QuestionId, QuestionDef>;
  /** Every answer option by id ("scope:all"). */
  options: Map<string, QuestionOption>;
  overlaps: { keep: [string, SlotValue]; drop: [string, SlotValue] }[];
  decision: DecisionRule[];
  lexicon: Lexicon;
}
