// Runs a scripted conversation through the engine: the contract other tools test against.
import type { Engine } from './api';
import type { ConversationState } from './state';
import type { Cause, IntentName } from './types';

export interface ReplayTurn {
  user: string;
  /** The reply's language (see README "Languages"). */
  language: string;
  intent: IntentName;
  confidence: number;
  state: string;
  cause: Cause | null;
  reply: string;
  options: string[];
}

/** One fresh conversation; turns are a second apart so idle expiry never interferes. */
export function replayConversation(engine: Engine, turns: string[], start = Date.now()): ReplayTurn[] {
  let state: ConversationState | undefined;
  return turns.map((text, i) => {
    const result = engine.step(state, { text }, start + i * 1000);
    state = result.state;
    const t = result.turn;
    return {
      user: t.user,
      language: t.language,
      intent: t.intent,
      confidence: t.confidence,
      state: t.state,
      cause: t.cause,
      reply: t.silent ? '' : t.reply,
      options: t.options.map((o) => o.label),
    };
  });
}
