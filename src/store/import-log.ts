// One-time import of the old JSON-lines log (DATA_DIR/sessions.jsonl) into the SQLite store.
// The log is streamed line by line, so a log of any size imports in bounded memory; afterwards it
// is renamed to sessions.jsonl.imported (kept as a backup, never read again).
import { createReadStream, existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BulkEntry, SqliteStore } from './sqlite';

export const OLD_LOG_FILE = 'sessions.jsonl';

export interface ImportReport {
  imported: number;
  /** Lines that could not be read (a write torn by a kill, or not a record). */
  skippedLines: number;
}

export async function importOldLog(store: SqliteStore, now = Date.now()): Promise<ImportReport | null> {
  const logPath = join(store.dir, OLD_LOG_FILE);
  if (!existsSync(logPath) || store.meta('imported_log')) return null;
  const report: ImportReport = { imported: 0, skippedLines: 0 };
  let batch: BulkEntry[] = [];
  const lines = createInterface({ input: createReadStream(logPath, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (!line.trim()) continue;
    let rec: { k?: unknown; v?: unknown; e?: unknown; d?: unknown; format?: unknown; version?: unknown };
    try {
      rec = JSON.parse(line);
    } catch {
      report.skippedLines++;
      continue;
    }
    if (first && rec && typeof rec === 'object' && 'format' in rec) {
      first = false;
      if (rec.format !== 'region-lock-bot-sessions' || rec.version !== 1) {
        throw new Error(`${logPath} is not a region-lock-bot session log (or a newer version); move it away or choose another DATA_DIR`);
      }
      continue;
    }
    first = false;
    if (!rec || typeof rec !== 'object' || typeof rec.k !== 'string') {
      report.skippedLines++;
      continue;
    }
    const expiresAt = typeof rec.e === 'number' ? rec.e : null;
    if (rec.d || (expiresAt !== null && expiresAt <= now)) batch.push({ key: rec.k, json: null, expiresAt: null });
    else batch.push({ key: rec.k, json: JSON.stringify(rec.v ?? null), expiresAt });
    if (batch.length >= 1000) {
      store.bulk(batch);
      batch = [];
    }
    report.imported++;
  }
  store.bulk(batch);
  store.meta('imported_log', String(now));
  await rename(logPath, `${logPath}.imported`);
  return report;
}
