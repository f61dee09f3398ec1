// Times one call per input, round after round, after a warm-up: bounded by sample count and time.
import { elapsedUs } from './stats';

export interface LoopBudget {
  /** Untimed passes over the inputs first, so the JIT and caches settle. */
  warmupRounds: number;
  /** Stop after this many timed calls... */
  maxSamples: number;
  /** ...or after this long, whichever comes first (at least one full round always runs). */
  maxMs: number;
  /** Runs before every timed call, outside the timer (e.g. to empty a cache). */
  beforeEach?: () => void;
}

export function timeSync<T>(inputs: T[], call: (input: T) => unknown, budget: LoopBudget): number[] {
  for (let r = 0; r < budget.warmupRounds; r++) for (const input of inputs) call(input);
  const samples: number[] = [];
  const deadline = performance.now() + budget.maxMs;
  do {
    for (const input of inputs) {
      budget.beforeEach?.();
      const t = process.hrtime.bigint();
      call(input);
      samples.push(elapsedUs(t));
    }
  } while (samples.length < budget.maxSamples && performance.now() < deadline);
  return samples;
}

export async function timeAsync<T>(inputs: T[], call: (input: T) => Promise<unknown>, budget: LoopBudget): Promise<number[]> {
  for (let r = 0; r < budget.warmupRounds; r++) for (const input of inputs) await call(input);
  const samples: number[] = [];
  const deadline = performance.now() + budget.maxMs;
  do {
    for (const input of inputs) {
      budget.beforeEach?.();
      const t = process.hrtime.bigint();
      await call(input);
      samples.push(elapsedUs(t));
    }
  } while (samples.length < budget.maxSamples && performance.now() < deadline);
  return samples;
}
