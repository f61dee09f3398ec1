// The serialisable state of one conversation (stored as JSON, secrets already redacted).
import type { Cause, HandoffSummary, QuestionId, Slots } from '../shared/types';

export type { Slots, QuestionId, SlotValue } from '../shared/types';

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
  /** `variant`: the wording the rules chose (a traveller, a server), see causes.yaml. */
  diagnosis: { cause: Cause; confidence: number; variant?: string | null } | null;
  /** "Not sure" answers so far (after a few, the bot suggests a quick test). */
  unsure?: number;
  /** FAQ answers of the previous turn (the funds line is not repeated right after). */
  lastAnswers?: string[];
  /** Another exchange the user named (the bot's own links are not theirs). */
  otherExchange?: string | null;
  /** The conversation's language (src/engine/language.ts); absent in states saved before languages. */
  language?: string;
  /** Consecutive messages the bot could not understand. */
  misunderstandings: number;
  /** Recent user messages, redacted, newest last (for hand-off summaries). */
  recentUserWords: string[];
  handoff: HandoffState | null;
  turns: number;
  startedAt: number;
  lastActiveAt: number;
}

/** No fact known yet (the slots are the domain's; unknown ones are simply absent). */
export function emptySlots(): Slots {
  return {};
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
