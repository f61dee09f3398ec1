// Started by memory.ts with --expose-gc: resident memory of a loaded bot when idle, then with
// 10,000 live conversations in the session store (each a few fixture turns through the service).
import { loadConfig } from '../../src/config';
import { createEngine, createService } from '../../src/engine/index';
import { loadDialogues } from './dialogues';
import { openBenchStore } from './bench-store';

const CONVERSATIONS = Number(process.argv[2] ?? 10_000);
const TURNS_EACH = 3;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function settledRssMb(): { rss: number; heap: number } {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return { rss: m.rss / 1024 ** 2, heap: m.heapUsed / 1024 ** 2 };
}

async function main(): Promise<void> {
  const config = loadConfig({});
  const engine = createEngine(config);
  const { store, kind, close } = await openBenchStore();
  const service = createService(config, store, engine);
  engine.answer('hello'); // the first turn loads lazily built parts; idle means ready to answer
  const idle = settledRssMb();

  const dialogues = loadDialogues();
  const started = performance.now();
  for (let i = 0; i < CONVERSATIONS; i++) {
    const turns = dialogues[i % dialogues.length]!.slice(0, TURNS_EACH);
    const ref = { channel: 'web' as const, conversationId: `bench-${i}`, userId: `user-${i}` };
    for (const text of turns) await service.handle(ref, { text });
  }
  const fillMs = performance.now() - started;
  const live = await store.count('conv:');
  const loaded = settledRssMb();
  process.stdout.write(
    `${JSON.stringify({ store: kind, conversations: live, idle_mb: idle.rss, loaded_mb: loaded.rss, idle_heap_mb: idle.heap, loaded_heap_mb: loaded.heap, fill_ms: fillMs })}\n`,
  );
  await close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
