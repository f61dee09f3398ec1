// The session store the memory benchmark fills: the on-disk store that `region-lock-bot start`
// uses (src/store/disk.ts) in a scratch folder when it exists, otherwise the in-memory store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory';
import type { SessionStore } from '../../src/store/types';
import { builtModule } from './optional-module';

export interface BenchStore {
  store: SessionStore;
  kind: string;
  close(): Promise<void>;
}

export async function openBenchStore(): Promise<BenchStore> {
  const disk = builtModule('src/store/disk');
  if (disk) {
    // Loaded by path: the disk store is written by other work and may not exist when this compiles.
    const { openDiskStore } = require(disk) as { openDiskStore(dir: string): Promise<SessionStore> };
    const dir = mkdtempSync(join(tmpdir(), 'rlb-bench-store-'));
    const store = await openDiskStore(dir);
    return {
      store,
      kind: 'disk store (src/store/disk.ts openDiskStore), as `region-lock-bot start` uses',
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const store = new MemoryStore();
  return { store, kind: 'MemoryStore (src/store/memory.ts); no disk store existed', close: () => store.close() };
}
