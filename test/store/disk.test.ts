import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDiskStore, LOG_FILE } from '../../src/store/disk';
import { sessionStoreContract } from './contract';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rlb-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

sessionStoreContract('DiskStore', async () => {
  let now = 1_000_000;
  const dir = tempDir();
  const store = await openDiskStore(dir, { now: () => now });
  return { store, advance: (ms) => (now += ms), cleanup: () => store.close() };
});

describe('DiskStore durability', () => {
  it('keeps values across a close and re-open', async () => {
    const dir = tempDir();
    const a = await openDiskStore(dir);
    await a.set('conv:web:1', { slots: { scope: 'all' } });
    await a.set('conv:web:2', 'gone');
    await a.delete('conv:web:2');
    await a.close();
    const b = await openDiskStore(dir);
    expect(await b.get('conv:web:1')).toEqual({ slots: { scope: 'all' } });
    expect(await b.get('conv:web:2')).toBeUndefined();
    await b.close();
  });

  it('keeps acknowledged writes when the process is killed without closing the store', async () => {
    const dir = tempDir();
    // A child process writes, prints "written", and is killed by SIGKILL before it can close anything.
    const script = `
      const { openDiskStore } = require(${JSON.stringify(join(__dirname, '../../src/store/disk.ts'))});
      (async () => {
        const s = await openDiskStore(${JSON.stringify(dir)});
        await s.set('conv:web:kill', { turns: 3 });
        process.kill(process.pid, 'SIGKILL');
      })();`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { timeout: 20_000, encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const store = await openDiskStore(dir);
    expect(await store.get('conv:web:kill')).toEqual({ turns: 3 });
    await store.close();
  });

  it('skips a torn last line left by a kill in the middle of a write, and repairs the log', async () => {
    const dir = tempDir();
    const a = await openDiskStore(dir);
    await a.set('good', 1);
    await a.close();
    appendFileSync(join(dir, LOG_FILE), '{"k":"torn","e":null,"v":{"half');
    const b = await openDiskStore(dir);
    expect(b.loadReport.skippedLines).toBe(1);
    expect(await b.get('good')).toBe(1);
    expect(await b.get('torn')).toBeUndefined();
    await b.set('after', 2); // must not be glued to the torn line
    await b.close();
    const c = await openDiskStore(dir);
    expect(c.loadReport.skippedLines).toBe(0);
    expect(await c.get('after')).toBe(2);
    await c.close();
  });

  it('drops expired entries when it reopens', async () => {
    const dir = tempDir();
    let now = 5_000;
    const a = await openDiskStore(dir, { now: () => now });
    await a.set('short', 1, 1000);
    await a.set('long', 2, 60_000);
    await a.close();
    now += 2000;
    const b = await openDiskStore(dir, { now: () => now });
    expect(b.loadReport.entries).toBe(1);
    expect(await b.get('long')).toBe(2);
    await b.close();
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).not.toContain('"short"');
  });

  it('compacts the log once it is mostly overwritten records', async () => {
    const dir = tempDir();
    const store = await openDiskStore(dir);
    for (let i = 0; i < 3000; i++) await store.set(`conv:web:${i % 10}`, { i });
    expect(store.logLines).toBeLessThan(1100);
    await store.close();
    const lines = readFileSync(join(dir, LOG_FILE), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(1100);
    const again = await openDiskStore(dir);
    expect(await again.get('conv:web:9')).toEqual({ i: 2999 });
    await again.close();
  });

  it('refuses a DATA_DIR that a live process holds, and takes over a dead one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sessions.lock'), String(process.ppid)); // our parent process: alive, and not us
    await expect(openDiskStore(dir)).rejects.toThrow(/in use by another region-lock-bot process/);
    writeFileSync(join(dir, 'sessions.lock'), '999999999'); // no such process
    const store = await openDiskStore(dir);
    await store.set('k', 1);
    await store.close();
  });

  it('refuses a log written in an unknown format rather than overwriting it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOG_FILE), '{"format":"something-else","version":7}\n');
    await expect(openDiskStore(dir)).rejects.toThrow(/not a region-lock-bot session log/);
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).toContain('something-else');
  });
});
