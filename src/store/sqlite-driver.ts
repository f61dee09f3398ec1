// The SQLite library under the embedded store, chosen by the Node runtime.
//
// better-sqlite3 12 is the last version that runs on Node 20, but on Node 24.20+ it aborts the
// process when the garbage collector frees a prepared statement (its destructor calls a cleanup-hook
// API that Node changed). Node 24's built-in `node:sqlite` loads without an experimental warning,
// so Node 24 and later use it; Node 20 and 22 (where `node:sqlite` still warns) use better-sqlite3.
// Both speak the same small interface, so the store and the tests do not care which one runs.
import { createRequire } from 'node:module';

export type SqliteParam = string | number | bigint | null;
export type SqliteRow = Record<string, unknown>;

export interface SqliteStatement {
  run(...params: SqliteParam[]): void;
  get(...params: SqliteParam[]): SqliteRow | undefined;
  all(...params: SqliteParam[]): SqliteRow[];
  /** The first column of the first row, or undefined when there is no row. */
  value(...params: SqliteParam[]): unknown;
}

export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  /** Wraps fn in BEGIN … COMMIT, rolling back when it throws. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

export interface OpenOptions {
  /** Milliseconds to wait for another connection's lock; 0 fails at once (SQLITE_BUSY). */
  timeout?: number;
  driver?: SqliteDriverName;
}

const requireHere = createRequire(__filename);

/** The driver this runtime uses by default (see the comment at the top). */
export function defaultDriver(version = process.versions.node): SqliteDriverName {
  return Number(version.split('.')[0]) >= 24 ? 'node:sqlite' : 'better-sqlite3';
}

/** The drivers that work on this runtime, for tests that check each (both on Node 22). */
export function availableDrivers(version = process.versions.node): SqliteDriverName[] {
  const major = Number(version.split('.')[0]);
  const out: SqliteDriverName[] = [];
  if (major >= 22 && process.getBuiltinModule?.('node:sqlite')) out.push('node:sqlite');
  if (major < 24) out.push('better-sqlite3');
  return out;
}

export function openSqlite(path: string, opts: OpenOptions = {}): SqliteDatabase {
  const driver = opts.driver ?? defaultDriver();
  return driver === 'node:sqlite' ? openNodeSqlite(path, opts.timeout ?? 0) : openBetterSqlite(path, opts.timeout ?? 0);
}

// SQLite's primary result codes by number, so errors from either driver carry `code: 'SQLITE_FULL'`.
const RESULT_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  3: 'SQLITE_PERM',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  19: 'SQLITE_CONSTRAINT',
  26: 'SQLITE_NOTADB',
};

/** node:sqlite reports `code: 'ERR_SQLITE_ERROR'` with the number in `errcode`; name it as better-sqlite3 does. */
function withSqliteCode<R>(fn: () => R): R {
  try {
    return fn();
  } catch (err) {
    const e = err as { code?: string; errcode?: number };
    if (e && e.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') {
      e.code = RESULT_CODES[e.errcode & 0xff] ?? `SQLITE_${e.errcode}`;
    }
    throw err;
  }
}

interface NodeStatement {
  run(...p: SqliteParam[]): unknown;
  get(...p: SqliteParam[]): SqliteRow | undefined;
  all(...p: SqliteParam[]): SqliteRow[];
}
interface NodeDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeStatement;
  close(): void;
}

function openNodeSqlite(path: string, timeout: number): SqliteDatabase {
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as {
    DatabaseSync: new (path: string, o: { timeout: number }) => NodeDatabase;
  };
  const db = withSqliteCode(() => new DatabaseSync(path, { timeout }));
  const wrap = (s: NodeStatement): SqliteStatement => ({
    run: (...p) => void withSqliteCode(() => s.run(...p)),
    get: (...p) => withSqliteCode(() => s.get(...p)),
    all: (...p) => withSqliteCode(() => s.all(...p)),
    value: (...p) => {
      const row = withSqliteCode(() => s.get(...p));
      return row === undefined ? undefined : Object.values(row)[0];
    },
  });
  return {
    exec: (sql) => withSqliteCode(() => db.exec(sql)),
    prepare: (sql) => wrap(withSqliteCode(() => db.prepare(sql))),
    transaction:
      (fn) =>
      (...args) => {
        withSqliteCode(() => db.exec('BEGIN'));
        let result: ReturnType<typeof fn>;
        try {
          result = fn(...args);
        } catch (err) {
          try {
            db.exec('ROLLBACK');
          } catch {
            // SQLite already rolled back (a full disk ends the transaction itself)
          }
          throw err;
        }
        withSqliteCode(() => db.exec('COMMIT'));
        return result;
      },
    close: () => db.close(),
  };
}

interface BetterStatement {
  run(...p: SqliteParam[]): unknown;
  get(...p: SqliteParam[]): unknown;
  all(...p: SqliteParam[]): unknown[];
  pluck(on?: boolean): BetterStatement;
}
interface BetterDatabase {
  exec(sql: string): void;
  prepare(sql: string): BetterStatement;
  transaction<F extends (...a: never[]) => unknown>(fn: F): F;
  close(): void;
}

function openBetterSqlite(path: string, timeout: number): SqliteDatabase {
  // Loaded only here, so a runtime that uses node:sqlite never loads the native module.
  const Database = requireHere('better-sqlite3') as new (path: string, o: { timeout: number }) => BetterDatabase;
  const db = new Database(path, { timeout });
  return {
    exec: (sql) => db.exec(sql),
    prepare: (sql) => {
      const rows = db.prepare(sql);
      // value() needs a plucked twin; made on first use, because a statement returning no columns cannot be plucked.
      let first: BetterStatement | undefined;
      return {
        run: (...p) => void rows.run(...p),
        get: (...p) => rows.get(...p) as SqliteRow | undefined,
        all: (...p) => rows.all(...p) as SqliteRow[],
        value: (...p) => {
          first ??= db.prepare(sql).pluck();
          return first.get(...p);
        },
      };
    },
    transaction: (fn) => db.transaction(fn as (...a: never[]) => unknown) as unknown as typeof fn,
    close: () => db.close(),
  };
}
