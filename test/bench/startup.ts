// Start-up time: a fresh process that loads settings, matcher and knowledge and prints "ready",
// measured from spawn to that line; warm (saved model in .cache/) and cold (trained at start).
import { join } from 'node:path';
import { loadMatcher } from '../../src/nlu/load';
import { runChild } from './child';
import { round } from './stats';

export interface StartupResult {
  warm_ms: number;
  cold_ms: number;
  /** The same moment as seen inside the child (performance.now() counts from its process start). */
  warm_in_process_ms: number;
  cold_in_process_ms: number;
  runs: { warm: number; cold: number };
}

const WARM_RUNS = 7;
const COLD_RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeReady(mode: 'warm' | 'cold'): Promise<{ spawnMs: number; inProcessMs: number }> {
  const run = await runChild(join(__dirname, 'startup-child.js'), [mode], { until: /^ready /, timeoutMs: 60_000 });
  const line = run.lines.find((l) => l.startsWith('ready '));
  if (run.code !== 0 || !line || run.firstMatchMs === null) throw new Error(`start-up child (${mode}) failed: ${run.stderr.slice(0, 500)}`);
  return { spawnMs: run.firstMatchMs, inProcessMs: Number(line.slice(6)) };
}

export async function benchStartup(log: (line: string) => void): Promise<StartupResult> {
  loadMatcher(); // makes sure the saved model exists for the warm runs
  const warm: { spawnMs: number; inProcessMs: number }[] = [];
  const cold: { spawnMs: number; inProcessMs: number }[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeReady('warm'));
  for (let i = 0; i < COLD_RUNS; i++) cold.push(await timeReady('cold'));
  const result: StartupResult = {
    warm_ms: round(median(warm.map((w) => w.spawnMs))),
    cold_ms: round(median(cold.map((c) => c.spawnMs))),
    warm_in_process_ms: round(median(warm.map((w) => w.inProcessMs))),
    cold_in_process_ms: round(median(cold.map((c) => c.inProcessMs))),
    runs: { warm: WARM_RUNS, cold: COLD_RUNS },
  };
  log(`  ready: warm ${result.warm_ms} ms, cold ${result.cold_ms} ms (medians of ${WARM_RUNS} and ${COLD_RUNS} runs)`);
  return result;
}
