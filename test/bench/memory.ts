// Resident memory, measured in a child process with --expose-gc so a settled figure is read.
import { join } from 'node:path';
import { loadMatcher } from '../../src/nlu/load';
import { runChild } from './child';
import { round } from './stats';

export interface MemoryResult {
  idle: number;
  sessions_10k: number;
  heap_idle: number;
  heap_10k: number;
  store: string;
  conversations: number;
  fill_ms: number;
}

export async function benchMemory(log: (line: string) => void): Promise<MemoryResult> {
  loadMatcher(); // the child should load the saved model, as a restarted bot does, not train
  const run = await runChild(join(__dirname, 'memory-child.js'), ['10000'], { nodeArgs: ['--expose-gc'], timeoutMs: 120_000 });
  const line = run.lines.find((l) => l.startsWith('{'));
  if (run.code !== 0 || !line) throw new Error(`memory child failed: ${run.stderr.slice(0, 800)}`);
  const m = JSON.parse(line) as {
    store: string;
    conversations: number;
    idle_mb: number;
    loaded_mb: number;
    idle_heap_mb: number;
    loaded_heap_mb: number;
    fill_ms: number;
  };
  const result: MemoryResult = {
    idle: round(m.idle_mb),
    sessions_10k: round(m.loaded_mb),
    heap_idle: round(m.idle_heap_mb),
    heap_10k: round(m.loaded_heap_mb),
    store: m.store,
    conversations: m.conversations,
    fill_ms: Math.round(m.fill_ms),
  };
  log(`  RSS: idle ${result.idle} MB, ${result.conversations} conversations ${result.sessions_10k} MB (${result.store})`);
  return result;
}
