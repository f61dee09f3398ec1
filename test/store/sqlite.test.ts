import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableDrivers, type SqliteDatabase } from '../../src/store/sqlite-driver';
import { openSqliteStore, DB_FILE } from '../../src/store/sqlite';
import { openDefaultStore } from '../../src/store/default';
import { StoreWriteError } from '../../src/store/types';
import { sessionStoreContract } from './contract';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rlb-sqlite-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) {
    try {
      chmodSync(d, 0o755);
    } catch {
      /* gone */
    }
    rmSync(d, { recursive: true, force: true });
  }
});

// The same contract on each SQLite library this runtime can use (both on Node 22).
for (const driver of availableDrivers()) {
  sessionStoreContract(`SqliteStore on ${driver}`, async () => {
    let now = 1_000_000;
    const store = openSqliteStore(tempDir(), { now: () => now, driver });
    return { store, advance: (ms) => (now += ms), cleanup: () => store.close() };
  });
}

describe('SqliteStore', () => {
  it('keeps values across a close and re-open', async () => {
    const dir = tempDir();
    const a = openSqliteStore(dir);
    await a.set('conv:web:1', { slots: { scope: 'all' } });
    await a.set('conv:web:2', 'gone');
    await a.delete('conv:web:2');
    await a.close();
    const b = openSqliteStore(dir);
    expect(await b.get('conv:web:1')).toEqual({ slots: { scope: 'all' } });
    expect(await b.get('conv:web:2')).toBeUndefined();
    expect(await b.count('conv:')).toBe(1);
    await b.close();
  });

  it('keeps acknowledged writes when the process is killed without closing the store', async () => {
    const dir = tempDir();
    const script = `
      const { openSqliteStore } = require(${JSON.stringify(join(__dirname, '../../src/store/sqlite.ts'))});
      (async () => {
        const s = openSqliteStore(${JSON.stringify(dir)});
        for (let i = 0; i < 50; i++) await s.set('conv:web:' + i, { turns: i });
        process.kill(process.pid, 'SIGKILL');
      })();`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { timeout: 20_000, encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const store = openSqliteStore(dir);
    expect(await store.get('conv:web:49')).toEqual({ turns: 49 });
    expect(await store.count('conv:')).toBe(50);
    await store.close();
  });

  it('locks DATA_DIR with the database itself: a second process is refused, a dead one leaves no lock', async () => {
    const dir = tempDir();
    const a = openSqliteStore(dir);
    const other = (code: string) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', '-e', `const { openSqliteStore } = require(${JSON.stringify(join(__dirname, '../../src/store/sqlite.ts'))}); ${code}`],
        {
          timeout: 20_000,
          encoding: 'utf8',
        },
      );
    const refused = other(`try { openSqliteStore(${JSON.stringify(dir)}); console.log('opened'); } catch (e) { console.log(e.message); }`);
    expect(refused.stdout).toMatch(/in use by another region-lock-bot process/);
    await a.close();
    // A process killed while holding the lock, and a stale pid file of an unrelated live process (pid 1).
    other(`openSqliteStore(${JSON.stringify(dir)}); process.kill(process.pid, 'SIGKILL');`);
    writeFileSync(join(dir, 'sessions.lock'), '1');
    const b = openSqliteStore(dir);
    await b.set('k', 1);
    await b.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.pid'))).toEqual([]);
  });

  it('finds expired rows and counts through indexes, never by scanning the table', () => {
    const dir = tempDir();
    const s = openSqliteStore(dir);
    const db = (s as unknown as { db: SqliteDatabase }).db;
    const plan = (sql: string) =>
      (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
          ...sql
            .split('?')
            .slice(1)
            .map(() => 1),
        ) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('; ');
    expect(plan('SELECT key, size FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?')).toMatch(
      /USING (COVERING )?INDEX kv_expiry/,
    );
    expect(plan('SELECT value, expires_at FROM kv WHERE key = ?')).toMatch(/USING (?:PRIMARY KEY|(?:COVERING )?INDEX sqlite_autoindex_kv_1)/);
    expect(plan('SELECT n FROM counts WHERE prefix = ?')).toMatch(/USING PRIMARY KEY/);
    void s.close();
  });

  it('keeps counts right through overwrites, deletes, setIfAbsent and expiry', async () => {
    let now = 10_000;
    const s = openSqliteStore(tempDir(), { now: () => now });
    for (let i = 0; i < 100; i++) await s.set(`conv:web:${i}`, i, i < 40 ? 1000 : undefined);
    for (let i = 0; i < 100; i++) await s.set(`conv:web:${i}`, i + 1, i < 40 ? 1000 : undefined);
    await s.delete('conv:web:99');
    await s.delete('conv:web:99');
    expect(await s.setIfAbsent('conv:slack:x', 1)).toBe(true);
    expect(await s.setIfAbsent('conv:slack:x', 1)).toBe(false);
    expect(await s.count('conv:')).toBe(100);
    expect(await s.count('conv:web:')).toBe(99);
    now += 1001;
    expect(await s.count('conv:')).toBe(60);
    expect(await s.count('conv:web:')).toBe(59);
    expect(await s.count('conv:web:5')).toBe(10); // 5 expired, 50-59 live: not a kept prefix, a key range
    await s.close();
  });

  it('stays under maxBytes by evicting the entries that expire soonest, and counts them', async () => {
    let now = 0;
    const s = openSqliteStore(tempDir(), { now: () => now, maxBytes: 100_000 });
    const value = 'x'.repeat(1000);
    for (let i = 0; i < 500; i++) {
      now += 1;
      await s.set(`conv:web:${i}`, value, 60_000);
    }
    const h = s.health();
    expect(h.bytes).toBeLessThanOrEqual(100_000);
    expect(h.evictions).toBeGreaterThan(390);
    // The newest survive, the oldest (soonest to expire) went first.
    expect(await s.get('conv:web:499')).toBe(value);
    expect(await s.get('conv:web:0')).toBeUndefined();
    expect(await s.count('conv:')).toBe(500 - h.evictions);
    await s.close();
  });

  it('never acknowledges a write the disk refused, says so in health, and recovers by itself', async () => {
    const dir = tempDir();
    const s = openSqliteStore(dir);
    await s.set('conv:web:ok', 1);
    // A failing write injected at the SQL level (the real full disk is in test/server/disk-full.test.ts).
    const db = (s as unknown as { db: SqliteDatabase }).db;
    db.exec(`CREATE TRIGGER full BEFORE INSERT ON kv BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    await expect(s.set('conv:web:new', 2)).rejects.toBeInstanceOf(StoreWriteError);
    expect(await s.get('conv:web:new')).toBeUndefined();
    expect(s.health().writable).toBe(false);
    expect(s.health().writeFailures).toBe(1);
    db.exec('DROP TRIGGER full');
    await new Promise((r) => setTimeout(r, 1100)); // probes are at most one a second
    s.health().probe();
    expect(s.health().writable).toBe(true);
    await s.set('conv:web:new', 2);
    expect(await s.get('conv:web:new')).toBe(2);
    await s.close();
  });

  it('update() reads and writes in one transaction: a failing change leaves the value as it was', async () => {
    let now = 0;
    const s = openSqliteStore(tempDir(), { now: () => now });
    expect(await s.update<number>('n', (v) => (v ?? 0) + 1, 1000)).toBe(1);
    expect(await s.update<number>('n', (v) => (v ?? 0) + 1, 1000)).toBe(2);
    await expect(
      s.update<number>('n', () => {
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow();
    expect(await s.get('n')).toBe(2);
    now += 1001; // expired: the change starts from nothing again
    expect(await s.update<number>('n', (v) => (v ?? 0) + 1)).toBe(1);
    expect(await s.count('')).toBe(1);
    await s.close();
  });

  it('imports an old sessions.jsonl once, streaming it, and keeps it as a backup', async () => {
    const dir = tempDir();
    const future = Date.now() + 3600_000;
    const lines = [
      JSON.stringify({ format: 'region-lock-bot-sessions', version: 1 }),
      JSON.stringify({ k: 'conv:web:a', e: future, v: { turns: 1 } }),
      JSON.stringify({ k: 'conv:web:b', e: future, v: { turns: 2 } }),
      JSON.stringify({ k: 'conv:web:b', d: 1 }),
      JSON.stringify({ k: 'conv:web:old', e: 1, v: 'expired' }),
      JSON.stringify({ k: 'dedupe:slack:Ev1', e: null, v: 1 }),
      '{"k":"torn","e":null,"v":{"half',
    ];
    writeFileSync(join(dir, 'sessions.jsonl'), `${lines.join('\n')}\n`);
    const { store, imported } = await openDefaultStore(dir, 64);
    expect(imported).toEqual({ imported: 5, skippedLines: 1 });
    expect(await store.get('conv:web:a')).toEqual({ turns: 1 });
    expect(await store.get('conv:web:b')).toBeUndefined();
    expect(await store.get('conv:web:old')).toBeUndefined();
    expect(await store.count('')).toBe(2);
    await store.close();
    expect(existsSync(join(dir, 'sessions.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'sessions.jsonl.imported'))).toBe(true);
    expect(existsSync(join(dir, DB_FILE))).toBe(true);
    const again = await openDefaultStore(dir, 64);
    expect(again.imported).toBeNull();
    await again.store.close();
  });
});
