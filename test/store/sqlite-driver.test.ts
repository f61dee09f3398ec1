import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableDrivers, defaultDriver, openSqlite } from '../../src/store/sqlite-driver';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dbPath(): string {
  const d = mkdtempSync(join(tmpdir(), 'rlb-driver-'));
  dirs.push(d);
  return join(d, 'x.db');
}

describe('the SQLite driver choice', () => {
  it('uses node:sqlite from Node 24 and better-sqlite3 before', () => {
    expect(defaultDriver('20.19.0')).toBe('better-sqlite3');
    expect(defaultDriver('22.23.3')).toBe('better-sqlite3');
    expect(defaultDriver('24.21.0')).toBe('node:sqlite');
    expect(availableDrivers('24.21.0')).not.toContain('better-sqlite3');
    expect(availableDrivers()).toContain(defaultDriver());
  });
});

for (const driver of availableDrivers()) {
  describe(`the ${driver} driver`, () => {
    it('reads rows, single values and nothing', () => {
      const db = openSqlite(dbPath(), { driver });
      db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)');
      const put = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
      put.run('a', 1);
      put.run('b', 2);
      expect(db.prepare('SELECT n FROM t WHERE k = ?').value('b')).toBe(2);
      expect(db.prepare('SELECT n FROM t WHERE k = ?').value('zz')).toBeUndefined();
      expect({ ...db.prepare('SELECT k, n FROM t WHERE k = ?').get('a') }).toEqual({ k: 'a', n: 1 });
      expect(
        db
          .prepare('SELECT k FROM t ORDER BY k')
          .all()
          .map((r) => r.k),
      ).toEqual(['a', 'b']);
      expect(db.prepare('DELETE FROM t WHERE k = ? RETURNING n').value('a')).toBe(1);
      db.close();
    });

    it('rolls a transaction back when it throws, and names SQLite errors by their code', () => {
      const db = openSqlite(dbPath(), { driver });
      db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
      const put = db.prepare('INSERT INTO t (k) VALUES (?)');
      const both = db.transaction((a: string, b: string) => {
        put.run(a);
        put.run(b);
        return 'done';
      });
      expect(both('x', 'y')).toBe('done');
      let error: { code?: string } | undefined;
      try {
        both('z', 'x'); // 'x' exists: the second insert fails, and 'z' must go with it
      } catch (err) {
        error = err as { code?: string };
      }
      expect(error?.code).toMatch(/^SQLITE_CONSTRAINT/);
      expect(db.prepare('SELECT count(*) FROM t').value()).toBe(2);
      expect(db.prepare('SELECT k FROM t WHERE k = ?').value('z')).toBeUndefined();
      db.close();
    });

    it('fails at once with SQLITE_BUSY when another connection holds the exclusive lock', () => {
      const path = dbPath();
      const owner = openSqlite(path, { driver });
      owner.exec('PRAGMA locking_mode = EXCLUSIVE');
      owner.exec('PRAGMA journal_mode = WAL');
      owner.exec('CREATE TABLE t (k TEXT)');
      owner.exec('BEGIN IMMEDIATE; COMMIT');
      const other = openSqlite(path, { driver, timeout: 0 });
      let code: string | undefined;
      try {
        other.prepare('SELECT count(*) FROM t').value();
      } catch (err) {
        code = (err as { code?: string }).code;
      }
      expect(code).toMatch(/^SQLITE_(BUSY|LOCKED)/);
      other.close();
      owner.close();
    });
  });
}
