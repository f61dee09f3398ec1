// The store `region-lock-bot start` uses: SQLite in DATA_DIR, with the old log imported once.
import { openSqliteStore, type SqliteStore } from './sqlite';
import { importOldLog, type ImportReport } from './import-log';

export interface DefaultStore {
  store: SqliteStore;
  /** Set when an old sessions.jsonl was imported at this start. */
  imported: ImportReport | null;
}

export async function openDefaultStore(dataDir: string, maxStoreMb: number): Promise<DefaultStore> {
  const store = openSqliteStore(dataDir, { maxBytes: maxStoreMb * 1024 * 1024 });
  try {
    return { store, imported: await importOldLog(store) };
  } catch (err) {
    await store.close();
    throw err;
  }
}
