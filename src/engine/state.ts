// The serialisable state of one conversation (stored as JSON, secrets already redacted).
import type { Cause, HandoffSummary } from './types';

/** Facts the diagnosis needs; undefined = not known yet, 'unsure' = asked and the user did not know. */
export type Answer<T> = T | 'unsure' | undefined;

export interface Slots {
  scope: Answer<'all' | 'one'>;
  kycRestricted: Answer<boolean>;
  announcement: Answer<boolean>;
  ipJumps: Answer<boolean>;
  /** Where the user connects from: a restricted country, a supported one, or a VPN/office network. */
  location: Answer<'restricted' | 'supported' | 'vpn'>;
  recovered: Answer<boolean>;
  cannotLogin: Answer<boolean>;
}

export type QuestionId = 'scope' | 'kyc_region' | 'announcement' | 'ip_jumps' | 'location';

export interface HandoffState {
  status: 'waiting' | 'claimed';
  agent?: string;
  summary: HandoffSummary;
}

export interface ConversationState {
  version: 1;
  slots: Slots;
  /** The clarifying question waiting for an answer, if any. */
  pending: QuestionId | null;
  asked: QuestionId[];
  diagnosis: { cause: Cause; confidence: number } | null;
  /** Consecutive messages the bot could not understand. */
  misunderstandings: number;
  /** Recent user messages, redacted, newest last (for hand-off summaries). */
  recentUserWords: string[];
  handoff: HandoffState | null;
  turns: number;
  startedAt: number;
  lastActiveAt: number;
}

export function emptySlots(): Slots {
  return {
    scope: undefined,
    kycRestricted: undefined,
    announcement: undefined,
    ipJumps: undefined,
    location: undefined,
    recovered: undefined,
    cannotLogin: undefined,
  };
}

export function newConversation(now: number): ConversationState {
  return {
    version: 1,
    slots: emptySlots(),
    pending: null,
    asked: [],
    diagnosis: null,
    misunderstandings: 0,
    recentUserWords: [],
    handoff: null,
    turns: 0,
    startedAt: now,
    lastActiveAt: now,
  };
}
