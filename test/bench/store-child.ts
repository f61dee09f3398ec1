// Child of the store benchmark: opens a store that already holds N conversations and reports how
// long opening took and the memory it settled at (run with --expose-gc). argv: kind dir
import { openSqliteStore } from '../../src/store/sqlite';
import { openDiskStore } from '../../src/store/disk';

async function main(): Promise<void> {
  const [kind, dir] = process.argv.slice(2);
  const began = performance.now();
  const store = kind === 'sqlite' ? openSqliteStore(dir!) : await openDiskStore(dir!);
  const count = await store.count('conv:');
  const got = await store.get('conv:web:bench-777');
  const openMs = performance.now() - began;
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
  const mu = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ open_ms: openMs, count, found: got !== undefined, rss_mb: mu.rss / 1048576, heap_mb: mu.heapUsed / 1048576 })}\n`);
  await store.close();
}

void main().catch((err) => {
  process.stderr.write(String((err as Error).stack));
  process.exit(1);
});
