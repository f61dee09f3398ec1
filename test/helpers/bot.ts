// Shared test fixtures: one engine for the whole test file (training happens once).
import { loadConfig } from '../../src/config';
import { createEngine } from '../../src/engine/index';
import type { ConversationEngine } from '../../src/engine/engine';
import type { ConversationState } from '../../src/engine/state';
import type { Turn, UserInput } from '../../src/engine/types';

let engine: ConversationEngine | undefined;
export function testEngine(): ConversationEngine {
  return (engine ??= createEngine(loadConfig({})));
}

/** Drives one conversation; `say` returns each turn and keeps the state. */
export function conversation(start = 1_700_000_000_000) {
  const e = testEngine();
  let state: ConversationState | undefined;
  let now = start;
  return {
    say(text: string, optionId?: string, advanceMs = 1000): Turn {
      now += advanceMs;
      const input: UserInput = optionId ? { text, optionId } : { text };
      const r = e.step(state, input, now);
      state = r.state;
      return r.turn;
    },
    get state(): ConversationState | undefined {
      return state;
    },
  };
}
