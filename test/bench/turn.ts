// Full-turn latency of the engine (redaction, classification, slots, state machine, reply)
// over the fixture conversations, and turns per second on one core.
import { loadConfig } from '../../src/config';
import { createEngine } from '../../src/engine/index';
import type { ConversationEngine } from '../../src/engine/engine';
import type { ConversationState } from '../../src/engine/state';
import { loadDialogues } from './dialogues';
import { elapsedUs, round, summarize, type LatencySummary } from './stats';

export interface TurnResult extends LatencySummary {
  conversations: number;
  turns_per_round: number;
  per_second: number;
}

const WARMUP_ROUNDS = 3;
const MAX_SAMPLES = 50_000;
const LATENCY_MS = 6_000;
const THROUGHPUT_MS = 4_000;

/** Plays every conversation once from a fresh state; `onTurn` sees each step's duration. */
function playAll(engine: ConversationEngine, dialogues: string[][], start: number, onTurn?: (us: number) => void): number {
  let turns = 0;
  for (const dialogue of dialogues) {
    let state: ConversationState | undefined;
    for (let i = 0; i < dialogue.length; i++) {
      const t = onTurn ? process.hrtime.bigint() : 0n;
      state = engine.step(state, { text: dialogue[i]! }, start + i * 1000).state;
      if (onTurn) onTurn(elapsedUs(t));
      turns++;
    }
  }
  return turns;
}

export function benchTurn(log: (line: string) => void): TurnResult {
  const engine = createEngine(loadConfig({}));
  const dialogues = loadDialogues();
  const start = Date.now();
  for (let r = 0; r < WARMUP_ROUNDS; r++) playAll(engine, dialogues, start);

  const samples: number[] = [];
  const deadline = performance.now() + LATENCY_MS;
  do playAll(engine, dialogues, start, (us) => samples.push(us));
  while (samples.length < MAX_SAMPLES && performance.now() < deadline);
  const latency = summarize(samples);
  log(`  full turn: p50 ${latency.p50_us} µs, p99 ${latency.p99_us} µs over ${latency.samples} turns`);

  // Throughput without per-turn timers: whole rounds, one thread, so one core.
  let turns = 0;
  const began = performance.now();
  const stopAt = began + THROUGHPUT_MS;
  while (performance.now() < stopAt) turns += playAll(engine, dialogues, start);
  const perSecond = turns / ((performance.now() - began) / 1000);
  log(`  throughput: ${Math.round(perSecond)} turns/s on one core`);

  return {
    ...latency,
    conversations: dialogues.length,
    turns_per_round: dialogues.reduce((n, d) => n + d.length, 0),
    per_second: round(perSecond, 0),
  };
}
