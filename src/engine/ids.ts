// The one place where turn states and answer-option ids are turned into strings and back.
// Adapters and stored transcripts see the strings ("ask_scope", "scope:all"); code uses the unions.
import { INTENTS, type IntentName, type QuestionId, type TurnState } from '../shared/types';
import type { AnswerKey } from '../knowledge/load';
import { RESERVED_OPTION_PREFIXES } from '../shared/option-prefixes';

/** Where a conversation stands after a turn. */
export type Status =
  | { kind: 'open' }
  | { kind: 'asking'; question: QuestionId }
  | { kind: 'diagnosed' }
  | { kind: 'handed_off' }
  | { kind: 'rate_limited' }
  | { kind: 'busy' };

export function encodeState(s: Status): TurnState {
  return s.kind === 'asking' ? `ask_${s.question}` : s.kind;
}

export function decodeState(state: string): Status | null {
  if (state.startsWith('ask_') && state.length > 4) return { kind: 'asking', question: state.slice(4) };
  if (state === 'open' || state === 'diagnosed' || state === 'handed_off' || state === 'rate_limited' || state === 'busy') return { kind: state };
  return null;
}

export type InfoKey = Extract<AnswerKey, 'symptom_table' | 'causes_overview'>;
const INFO_KEYS: readonly InfoKey[] = ['symptom_table', 'causes_overview'];
export type ActionName = 'diagnose' | 'human' | 'restart';
const ACTIONS: readonly ActionName[] = ['diagnose', 'human', 'restart'];

/** What a picked option means. */
export type OptionRef =
  /** An answer to a clarifying question: "scope:all" (question ids are the domain's). */
  | { kind: 'answer'; question: QuestionId; answer: string }
  /** Start the diagnosis, ask for a person, start over: "action:human". */
  | { kind: 'action'; action: ActionName }
  /** Ask an FAQ as if typed: "ask:ask_withdraw". */
  | { kind: 'ask'; intent: IntentName }
  /** An overview: "info:symptom_table". */
  | { kind: 'info'; info: InfoKey }
  /** A follow-up suggestion that behaves like typing its label: "say:ask_vpn:0". */
  | { kind: 'say'; key: AnswerKey; index: number }
  /** The details of the diagnosis, expanded: "more:steps". */
  | { kind: 'more'; detail: Detail };

export type Detail = 'steps';
const DETAILS: readonly Detail[] = ['steps'];

type Family = (typeof RESERVED_OPTION_PREFIXES)[number];

export function encodeOption(o: OptionRef): string {
  switch (o.kind) {
    case 'answer':
      return `${o.question}:${o.answer}`;
    case 'action':
      return `action:${o.action}`;
    case 'ask':
      return `ask:${o.intent}`;
    case 'info':
      return `info:${o.info}`;
    case 'say':
      return `say:${o.key}:${o.index}`;
    case 'more':
      return `more:${o.detail}`;
  }
}

/** The family an id claims by its prefix, valid or not ("info:nonsense" claims to be an overview). */
export function optionFamily(id: string): Family | 'answer' | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const prefix = id.slice(0, colon);
  return (RESERVED_OPTION_PREFIXES as readonly string[]).includes(prefix) ? (prefix as Family) : 'answer';
}

/** The option an id names; null for an id no option has (the message is then read as typed text). */
export function decodeOption(id: string | undefined): OptionRef | null {
  if (typeof id !== 'string') return null;
  const family = optionFamily(id);
  const rest = id.slice(id.indexOf(':') + 1);
  switch (family) {
    case null:
      return null;
    case 'action':
      return (ACTIONS as readonly string[]).includes(rest) ? { kind: 'action', action: rest as ActionName } : null;
    case 'ask':
      return (INTENTS as readonly string[]).includes(rest) ? { kind: 'ask', intent: rest as IntentName } : null;
    case 'info':
      return (INFO_KEYS as readonly string[]).includes(rest) ? { kind: 'info', info: rest as InfoKey } : null;
    case 'more':
      return (DETAILS as readonly string[]).includes(rest) ? { kind: 'more', detail: rest as Detail } : null;
    case 'say': {
      const m = /^([a-z_]+):(\d+)$/.exec(rest);
      return m ? { kind: 'say', key: m[1] as AnswerKey, index: Number(m[2]) } : null;
    }
    case 'answer': {
      const question = id.slice(0, id.indexOf(':'));
      return /^[a-z][a-z0-9_]*$/.test(question) && /^[a-z0-9_]+$/.test(rest) ? { kind: 'answer', question, answer: rest } : null;
    }
  }
}
