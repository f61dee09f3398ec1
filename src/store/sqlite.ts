// The embedded default session store: DATA_DIR/sessions.db, SQLite (through sqlite-driver.ts).
//
// One table of keys with values and expiry (WAL mode). Every read-modify-write is one transaction.
// Expiry uses an index on expires_at, so the hot path never scans; live counts per key prefix are
// kept in a side table updated in the same transactions, so count() does not scan either.
// The logical size (keys + values) is capped: past maxBytes the soonest-expiring entries are
// evicted. SQLite reads pages on demand, so a store of any size opens in bounded memory.
// A write that fails (disk full, read-only) throws StoreWriteError and is never acknowledged.
// The database holds an exclusive lock for the life of the process: a second process on the same
// DATA_DIR cannot open it, and a lock left by a dead process disappears with it (no pid file).
import { openSqlite, type SqliteDatabase, type SqliteDriverName, type SqliteStatement } from './sqlite-driver';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreWriteError, type SessionStore, type StoreHealth } from './types';
import { countedPrefixes, isCountedPrefix } from './counted-prefixes';

export const DB_FILE = 'sessions.db';
const SCHEMA_VERSION = 1;

export interface SqliteStoreOptions {
  now?: () => number;
  /** Cap on keys + values, in bytes; 0 or undefined means no cap. */
  maxBytes?: number;
  /** How often expired rows are deleted (ms). */
  sweepEveryMs?: number;
  /** The SQLite library; the runtime's default when unset (see sqlite-driver.ts). */
  driver?: SqliteDriverName;
}

export interface BulkEntry {
  key: string;
  /** The value as JSON, or null to delete the key. */
  json: string | null;
  expiresAt: number | null;
}

interface Row {
  value: string;
  expires_at: number | null;
}

export function openSqliteStore(dataDir: string, opts: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(resolve(dataDir), opts);
}

export class SqliteStore implements SessionStore {
  readonly path: string;
  private readonly db: SqliteDatabase;
  private readonly now: () => number;
  private readonly maxBytes: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private closed = false;
  private writable = true;
  private writeFailures = 0;
  private evictions = 0;
  private lastProbe = 0;
  private readonly stmt: Record<string, SqliteStatement>;
  private readonly tx: {
    set: (key: string, json: string, expiresAt: number | null) => void;
    del: (key: string) => boolean;
    setIfAbsent: (key: string, json: string, expiresAt: number | null) => boolean;
    sweep: (now: number, limit: number) => number;
    bulk: (entries: BulkEntry[]) => void;
    update: (key: string, fn: (current: unknown) => unknown, ttlMs: number | undefined) => unknown;
  };

  constructor(
    readonly dir: string,
    opts: SqliteStoreOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.maxBytes = opts.maxBytes ?? 0;
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, DB_FILE);
    this.db = openSqlite(this.path, { timeout: 0, driver: opts.driver });
    try {
      // Exclusive locking before WAL: the WAL index then lives in process memory (no -shm file) and
      // the first write takes a lock that only this process's exit (even kill -9) releases.
      this.db.exec('PRAGMA locking_mode = EXCLUSIVE');
      this.db.exec('PRAGMA journal_mode = WAL');
      // Survives a killed process (the WAL is written before commit returns); fsync at checkpoints.
      this.db.exec('PRAGMA synchronous = NORMAL');
      this.db.exec('PRAGMA journal_size_limit = 16777216');
      this.db.exec(`
        -- A rowid table: values of a kilobyte or more would spill into overflow pages in a WITHOUT ROWID one.
        CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER, size INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS kv_expiry ON kv (expires_at) WHERE expires_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS counts (prefix TEXT PRIMARY KEY, n INTEGER NOT NULL, bytes INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      `);
      const version = this.db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).value() as string | undefined;
      if (version === undefined) this.db.prepare(`INSERT INTO meta (name, value) VALUES ('schema', ?)`).run(String(SCHEMA_VERSION));
      else if (Number(version) !== SCHEMA_VERSION) {
        throw new Error(`${this.path} has schema version ${version}; this version of region-lock-bot reads ${SCHEMA_VERSION}`);
      }
    } catch (err) {
      this.db.close();
      throw lockError(err, dir);
    }

    this.stmt = {
      get: this.db.prepare('SELECT value, expires_at FROM kv WHERE key = ?'),
      size: this.db.prepare('SELECT size FROM kv WHERE key = ?'),
      upsert: this.db.prepare(
        'INSERT INTO kv (key, value, expires_at, size) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, size = excluded.size',
      ),
      delete: this.db.prepare('DELETE FROM kv WHERE key = ? RETURNING size'),
      count: this.db.prepare(
        `INSERT INTO counts (prefix, n, bytes) VALUES (?, ?, ?) ON CONFLICT (prefix) DO UPDATE SET n = n + excluded.n, bytes = bytes + excluded.bytes`,
      ),
      readCount: this.db.prepare('SELECT n FROM counts WHERE prefix = ?'),
      readBytes: this.db.prepare(`SELECT bytes FROM counts WHERE prefix = ''`),
      expired: this.db.prepare('SELECT key, size FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?'),
      soonest: this.db.prepare('SELECT key, size FROM kv WHERE expires_at IS NOT NULL AND key <> ? ORDER BY expires_at LIMIT 32'),
      getMeta: this.db.prepare('SELECT value FROM meta WHERE name = ?'),
      setMeta: this.db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)'),
      rangeCount: this.db.prepare('SELECT count(*) FROM kv WHERE key >= ? AND key < ? AND (expires_at IS NULL OR expires_at > ?)'),
    };

    const adjust = (key: string, n: number, bytes: number) => {
      for (const p of countedPrefixes(key)) this.stmt.count.run(p, n, bytes);
    };
    const removeRow = (key: string): boolean => {
      const size = this.stmt.delete.value(key) as number | undefined;
      if (size === undefined) return false;
      adjust(key, -1, -size);
      return true;
    };
    const write = (key: string, json: string, expiresAt: number | null) => {
      const size = key.length + json.length;
      const old = this.stmt.size.value(key) as number | undefined;
      this.stmt.upsert.run(key, json, expiresAt, size);
      adjust(key, old === undefined ? 1 : 0, size - (old ?? 0));
      if (this.maxBytes > 0) this.evictOver(key, removeRow);
    };
    this.tx = {
      set: this.db.transaction(write),
      del: this.db.transaction(removeRow),
      setIfAbsent: this.db.transaction((key: string, json: string, expiresAt: number | null) => {
        const row = this.stmt.get.get(key) as Row | undefined;
        if (row && (row.expires_at === null || row.expires_at > this.now())) return false;
        write(key, json, expiresAt);
        return true;
      }),
      update: this.db.transaction((key: string, fn: (current: unknown) => unknown, ttlMs: number | undefined) => {
        const row = this.stmt.get.get(key) as Row | undefined;
        const live = row && (row.expires_at === null || row.expires_at > this.now());
        const next = fn(live ? JSON.parse(row.value) : undefined);
        const json = JSON.stringify(next);
        if (json === undefined) throw new TypeError(`cannot store ${typeof next} under ${key}`);
        write(key, json, ttlMs ? this.now() + ttlMs : null);
        return next;
      }),
      bulk: this.db.transaction((entries: BulkEntry[]) => {
        for (const e of entries) {
          if (e.json === null) removeRow(e.key);
          else write(e.key, e.json, e.expiresAt);
        }
      }),
      sweep: this.db.transaction((now: number, limit: number) => {
        const rows = this.stmt.expired.all(now, limit) as { key: string }[];
        for (const r of rows) removeRow(r.key);
        return rows.length;
      }),
    };
    // Take the exclusive lock now: a second process must fail at start-up, not at its first write.
    try {
      this.db.exec('BEGIN IMMEDIATE; COMMIT');
    } catch (err) {
      this.db.close();
      throw lockError(err, dir);
    }
    this.timer = setInterval(() => this.sweepExpired(), opts.sweepEveryMs ?? 30_000);
    this.timer.unref();
  }

  async get<T>(key: string): Promise<T | undefined> {
    this.assertOpen();
    const row = this.stmt.get.get(key) as Row | undefined;
    if (!row || (row.expires_at !== null && row.expires_at <= this.now())) return undefined;
    return JSON.parse(row.value) as T;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.assertOpen();
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`cannot store ${typeof value} under ${key}`);
    this.writing(() => this.tx.set(key, json, ttlMs ? this.now() + ttlMs : null));
  }

  async update<T>(key: string, fn: (current: T | undefined) => T, ttlMs?: number): Promise<T> {
    this.assertOpen();
    return this.writing(() => this.tx.update(key, fn as (current: unknown) => unknown, ttlMs)) as T;
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    this.writing(() => this.tx.del(key));
  }

  async setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    this.assertOpen();
    const json = JSON.stringify(value);
    return this.writing(() => this.tx.setIfAbsent(key, json, ttlMs ? this.now() + ttlMs : null));
  }

  async count(prefix = ''): Promise<number> {
    this.assertOpen();
    // Expired rows leave the counts when they are deleted; the index finds exactly those.
    this.sweepExpired();
    if (isCountedPrefix(prefix)) return (this.stmt.readCount.value(prefix) as number | undefined) ?? 0;
    // Other prefixes: a range over the primary key, never the whole table.
    return this.stmt.rangeCount.value(prefix, `${prefix}\uffff`, this.now()) as number;
  }

  async flush(): Promise<void> {
    if (this.closed) return;
    this.writing(() => this.db.exec('PRAGMA wal_checkpoint(FULL)'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    try {
      this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // a full disk: the WAL stays and is replayed at the next open
    }
    this.closed = true;
    this.db.close();
  }

  /** Writes (json) or deletes (null) many entries in one transaction; for the one-time import. */
  bulk(entries: BulkEntry[]): void {
    this.assertOpen();
    this.writing(() => this.tx.bulk(entries));
  }

  /** A flag in the store's own meta table (e.g. that the old log was imported). */
  meta(name: string, value?: string): string | undefined {
    if (value !== undefined) this.stmt.setMeta.run(name, value);
    return this.stmt.getMeta.value(name) as string | undefined;
  }

  health(): StoreHealth {
    return {
      writable: this.writable,
      writeFailures: this.writeFailures,
      evictions: this.evictions,
      bytes: this.closed ? 0 : ((this.stmt.readBytes.value() as number | undefined) ?? 0),
      probe: () => this.probe(),
    };
  }

  /** Deletes expired rows in bounded batches (index range, oldest first). */
  sweepExpired(): void {
    if (this.closed) return;
    try {
      while (this.tx.sweep(this.now(), 500) === 500);
    } catch (err) {
      this.failed(err);
    }
  }

  private probe(): void {
    if (this.writable || this.closed || Date.now() - this.lastProbe < 1000) return;
    this.lastProbe = Date.now();
    try {
      this.writing(() => this.tx.set('health:probe', JSON.stringify(this.now()), this.now() + 60_000));
    } catch {
      // still failing; the failure is counted
    }
  }

  private evictOver(keep: string, removeRow: (key: string) => boolean): void {
    let bytes = (this.stmt.readBytes.value() as number | undefined) ?? 0;
    while (bytes > this.maxBytes) {
      const victims = this.stmt.soonest.all(keep) as { key: string; size: number }[];
      if (victims.length === 0) return;
      for (const v of victims) {
        removeRow(v.key);
        this.evictions++;
        bytes -= v.size;
        if (bytes <= this.maxBytes) return;
      }
    }
  }

  private writing<R>(fn: () => R): R {
    try {
      const r = fn();
      this.writable = true;
      return r;
    } catch (err) {
      throw this.failed(err);
    }
  }

  private failed(err: unknown): StoreWriteError {
    this.writable = false;
    this.writeFailures++;
    const code = (err as { code?: string }).code;
    return new StoreWriteError(`the session store could not save (${code ?? (err as Error).message})`, code);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the session store in ${this.dir} is closed`);
  }
}

function lockError(err: unknown, dir: string): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new Error(`DATA_DIR ${dir} is in use by another region-lock-bot process; stop it or set another DATA_DIR`);
  }
  return err;
}
