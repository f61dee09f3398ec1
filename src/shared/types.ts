// The channel-agnostic contract: text in, a structured turn out.
// Adapters, CLI commands and tests depend on these names; change them with care.

export const CAUSES = ['ip_geo', 'kyc_region', 'policy_change', 'risk_control', 'ip_misidentified', 'account_frozen'] as const;
export type Cause = (typeof CAUSES)[number];

export const INTENTS = [
  'greeting',
  'thanks_goodbye',
  'report_lock',
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
  'request_human',
  'out_of_scope',
  'inform_all_networks',
  'inform_one_network',
  'inform_kyc_region',
  'inform_announcement',
  'inform_ip_jumps',
  'inform_recovered',
  'inform_cannot_login',
  'affirm',
  'deny',
  'unsure',
] as const;
export type IntentName = (typeof INTENTS)[number];

/** A suggested answer; channels may render it as a button or chip. */
export interface AnswerOption {
  /** Stable id sent back when the option is picked, e.g. "scope:all". */
  id: string;
  /** What the user sees, and what counts as typing that answer. */
  label: string;
}

/** A training or held-out utterance with its intent (shared by training, folds and calibration). */
export interface LabelledText {
  text: string;
  intent: IntentName;
}

export interface IntentScore {
  intent: IntentName;
  confidence: number;
}

/** Why the bot passes a conversation to a person. */
export type HandoffReason = 'user_request' | 'repeated_misunderstanding' | 'account_frozen' | 'agent_triage';

export interface HandoffSummary {
  reason: HandoffReason;
  /** The user's recent messages, secrets redacted. */
  userWords: string[];
  /** Facts gathered so far, in plain words. */
  facts: string[];
  likelyCause: Cause | null;
  causeConfidence: number;
  suggestedNextStep: string;
  createdAt: string;
}

export interface TurnFlags {
  secretShared: boolean;
  angry: boolean;
  truncated: boolean;
}

/**
 * Where the conversation stands after a turn: `ask_<question>` while a clarifying question waits
 * (encoded and decoded only in src/engine/ids.ts).
 */
export type TurnState = 'open' | 'diagnosed' | 'handed_off' | 'rate_limited' | 'busy' | 'shutting_down' | 'cannot_save' | `ask_${string}`;

/** One exchange: what the user said and everything the bot decided. */
export interface Turn {
  /** The user's text with secrets redacted. */
  user: string;
  /** The language of the reply (the conversation's language, a code of intents/languages.yaml). */
  language: string;
  intent: IntentName;
  confidence: number;
  /** Every intent detected in the message (two questions in one message give two). */
  intents: IntentScore[];
  /** What the message names: exchange, country, error, hosting, support_channel, duration. */
  entities: Record<string, string[]>;
  state: TurnState;
  cause: Cause | null;
  causeConfidence: number;
  /** The reply in a small Markdown subset: paragraphs, "- " bullets, **bold**, [text](url). */
  reply: string;
  options: AnswerOption[];
  /** Set on the turn that hands the conversation to a person. */
  handoff: HandoffSummary | null;
  /** True when the bot should stay silent (conversation held by an agent). */
  silent: boolean;
  flags: TurnFlags;
}

/** A user message as adapters hand it to the engine. */
export interface UserInput {
  text: string;
  /** Set when the user clicked/picked an answer option rather than typing. */
  optionId?: string;
}

/** Where a conversation lives; the same user in two channels has two conversations. */
export type ChannelName = 'slack' | 'discord' | 'web' | 'cli';

export interface ConversationRef {
  channel: ChannelName;
  /** Unique within the channel: a DM channel, a thread, a web session. */
  conversationId: string;
  userId: string;
}

export interface TriageCause {
  cause: Cause;
  confidence: number;
  /** The phrases of the ticket that point to this cause. */
  evidence: string[];
}

export interface TriageResult {
  causes: TriageCause[];
  /** Questions still worth asking the customer. */
  missingFacts: string[];
  suggestedReply: string;
  processingTime: string;
  flags: {
    secretShared: boolean;
    /** The ticket says how long the customer has been waiting ("for 3 weeks"). */
    longWait?: boolean;
    frozenNotRegionLock: boolean;
    handoffRequested: boolean;
    angryCustomer: boolean;
  };
  intents: IntentScore[];
}

/** A fact's value as intents/dialogue/domain.yaml lists it; 'unsure' = asked and the user did not know. */
export type SlotValue = string | boolean;
/** Facts the diagnosis needs, by the slot names of the domain; undefined = not known yet. */
export type Slots = Record<string, SlotValue | undefined>;
/** A clarifying question's id (intents/dialogue/domain.yaml, intents/knowledge/questions.yaml). */
export type QuestionId = string;
