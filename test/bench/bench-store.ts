// The session store the memory benchmark fills: the SQLite store that `region-lock-bot start`
// uses (src/store/sqlite.ts) in a scratch folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import type { SessionStore } from '../../src/store/types';

export interface BenchStore {
  store: SessionStore;
  kind: string;
  close(): Promise<void>;
}

export async function openBenchStore(): Promise<BenchStore> {
  const dir = mkdtempSync(join(tmpdir(), 'rlb-bench-store-'));
  const store = openSqliteStore(dir);
  return {
    store,
    kind: 'SQLite store (src/store/sqlite.ts), as `region-lock-bot start` uses',
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
