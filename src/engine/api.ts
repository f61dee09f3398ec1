// What the conversation engine offers. The engine is pure: state and input in, new state and a turn out.
import type { Cause, TriageResult, Turn, UserInput, HandoffSummary } from '../shared/types';
import type { ConversationState } from './state';

export interface StepResult {
  state: ConversationState;
  turn: Turn;
}

/** Keys of fixed messages in intents/knowledge/answers.yaml that adapters may show. */
export type MessageKey =
  | 'agent_joined'
  | 'agent_released'
  | 'agent_resolved'
  | 'handoff_started'
  | 'request_human'
  | 'handoff_no_agent'
  | 'rate_limited'
  | 'busy'
  | 'shutting_down'
  | 'cannot_save'
  | 'too_long';

export interface StepOptions {
  /** Longer text is cut to this (default: the domain's max_text_chars); the user is told. */
  maxChars?: number;
}

export interface Engine {
  /** The agents' language (AGENT_LANGUAGE). */
  readonly agentLanguage: string;
  /** One turn of a conversation. `state` is undefined for a new conversation. */
  step(state: ConversationState | undefined, input: UserInput, now: number, opts?: StepOptions): StepResult;
  /** A one-off answer with no conversation (e.g. Slack `/regionlock <question>`). */
  answer(text: string, opts?: StepOptions): Turn;
  /** Reads a pasted ticket for an agent. */
  triage(text: string, opts?: StepOptions): TriageResult;
  /** A fixed message in a language (default: the first served), placeholders filled. */
  message(key: MessageKey, vars?: Record<string, string>, language?: string): string;
  /** A hand-off summary as plain text for an agent channel. */
  formatHandoff(summary: HandoffSummary): string;
  /** A cause in plain words (default: in the agents' language). */
  causeTitle(cause: Cause, language?: string): string;
  /** The agent macro for a cause (null: ask for the missing facts), in a language (default: the agents'). */
  macro(cause: Cause | null, secretShared: boolean, language?: string): string;
  /** The served language a message alone is written in (for replies outside a conversation). */
  languageOf(text: string): string;
}
