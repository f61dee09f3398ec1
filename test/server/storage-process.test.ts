// The real `region-lock-bot start` process and its store: what one visitor can make it write, what a
// full disk does, and what a malformed record does. Runs the built CLI (dist/).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/store/sqlite-driver';
import { assertCliBuilt, killStartedProcesses, startBotProcess, withDeadline } from '../helpers/cli-process';
import { metricValue, postMessage } from './bot';
import { waitFor } from '../helpers/wait';

const dirs: string[] = [];
const mounts: string[] = [];
afterEach(() => {
  killStartedProcesses();
  for (const m of mounts.splice(0)) {
    try {
      execFileSync('umount', ['-l', m]);
    } catch {
      /* already gone */
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rlb-storage-'));
  dirs.push(d);
  return d;
}

const dbBytes = (dir: string) => ['sessions.db', 'sessions.db-wal'].reduce((n, f) => n + (existsSync(join(dir, f)) ? statSync(join(dir, f)).size : 0), 0);

async function metrics(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
}

/** A 2 MB tmpfs, when this machine lets us mount one (root in a container usually can). */
function smallDisk(): string | null {
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounts.push(dir);
  return dir;
}
const canMount = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'rlb-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

describe('the store of the real process', () => {
  beforeAll(() => assertCliBuilt());

  it('one visitor sending hundreds of 60 KB messages grows the store by at most their transcript cap', async () => {
    const dir = tempDir();
    const bot = await startBotProcess(dir, { MAX_MESSAGE_CHARS: '1000', RATE_LIMIT_PER_MINUTE: '1000' });
    const big = `my region is not supported ${'lorem ipsum dolor sit amet '.repeat(2300)}`; // ~62 KB
    for (let i = 0; i < 300; i++) {
      const r = await postMessage(bot.url, { type: 'message', user: 'flood', text: big });
      expect(r.status).toBe(200);
    }
    const m = await metrics(bot.url);
    const stored = metricValue(m, 'rlb_store_bytes')!;
    // 300 × 62 KB = 18.6 MB sent; the visitor's transcript (64 KiB) + conversation state is all that stays.
    expect(stored).toBeLessThan(64 * 1024 + 16 * 1024);
    bot.child.kill('SIGTERM');
    expect((await withDeadline(bot.exited, 15_000, 'a clean exit')).code).toBe(0);
    expect(dbBytes(dir)).toBeLessThan(1024 * 1024);
    const db = openSqlite(join(dir, 'sessions.db'), { timeout: 5000 });
    const transcript = JSON.parse(db.prepare(`SELECT value FROM kv WHERE key = 'web:history:api:flood'`).value() as string);
    db.close();
    // Only the cut text is stored (MAX_MESSAGE_CHARS), never the 62 KB frame.
    expect(Math.max(...transcript.filter((e: { from: string }) => e.from === 'user').map((e: { text: string }) => e.text.length))).toBeLessThanOrEqual(1000);
  });

  it('stores nothing for rate-limited messages', async () => {
    const dir = tempDir();
    const bot = await startBotProcess(dir, { RATE_LIMIT_PER_MINUTE: '2' });
    for (let i = 0; i < 20; i++) await postMessage(bot.url, { type: 'message', user: 'limited', text: `message ${i} ${'x'.repeat(3000)}` });
    const before = metricValue(await metrics(bot.url), 'rlb_store_bytes')!;
    for (let i = 0; i < 20; i++) await postMessage(bot.url, { type: 'message', user: 'limited', text: `more ${i} ${'y'.repeat(3000)}` });
    expect(metricValue(await metrics(bot.url), 'rlb_store_bytes')).toBe(before);
    bot.child.kill('SIGKILL');
    await bot.exited;
    const db = openSqlite(join(dir, 'sessions.db'), { timeout: 5000 });
    const transcript = JSON.parse(db.prepare(`SELECT value FROM kv WHERE key = 'web:history:api:limited'`).value() as string);
    db.close();
    expect(transcript).toHaveLength(4); // the two answered messages and their replies
  });

  it('sets a malformed record aside: its user starts fresh instead of getting "busy" forever', async () => {
    const dir = tempDir();
    const db = openSqlite(join(dir, 'sessions.db'), { timeout: 5000 });
    const first = await startBotProcess(dir);
    await postMessage(first.url, { type: 'message', user: 'broken', text: 'my region is not supported' });
    first.child.kill('SIGTERM');
    await first.exited;
    // Valid JSON, wrong shape.
    db.prepare(`UPDATE kv SET value = '{"version":1,"slots":"nope","recentUserWords":42}' WHERE key = 'conv:web:api:broken'`).run();
    db.close();
    const bot = await startBotProcess(dir);
    const r = await postMessage(bot.url, { type: 'message', user: 'broken', text: 'my region is not supported' });
    expect(r.body[0].state).toBe('ask_scope');
    // The log line reaches the pipe a moment after the reply.
    await waitFor(() => /set a malformed record aside/.test(bot.output()), 'the quarantine log line');
    expect(metricValue(await metrics(bot.url), 'rlb_store_quarantined_total')).toBe(1);
  });

  it.skipIf(!canMount)('on a full disk: nothing is acknowledged, the user is told, /healthz is 503, and it recovers when space returns', async () => {
    const disk = smallDisk()!;
    const dataDir = join(disk, 'data');
    mkdirSync(dataDir);
    const bot = await startBotProcess(dataDir, { RATE_LIMIT_PER_MINUTE: '10000', MAX_MESSAGE_CHARS: '4000' });
    expect((await postMessage(bot.url, { type: 'message', user: 'before', text: 'my region is not supported' })).body[0].state).toBe('ask_scope');
    // Fill what is left of the 2 MB.
    const filler = join(disk, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(4 * 1024 * 1024));
    } catch {
      /* ENOSPC: the disk is full now, as intended */
    }
    const cannotSave = "I can't save our conversation right now";
    let refused: { status: number; body: any } | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await postMessage(bot.url, { type: 'message', user: `full-${i}`, text: `my region is not supported ${'z'.repeat(3500)}` });
      if (String(r.body[0].text).includes(cannotSave)) refused = r;
    }
    expect(refused, 'a write failed on the full disk').toBeDefined();
    expect(refused!.body[0].state).toBe('cannot_save');
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ store: false });
    expect(metricValue(await metrics(bot.url), 'rlb_store_write_failures_total')).toBeGreaterThan(0);
    await waitFor(() => /store: could not save/.test(bot.output()), 'the store failure log line');

    rmSync(filler);
    let healthy = false;
    for (let i = 0; i < 50 && !healthy; i++) {
      healthy = (await fetch(`${bot.url}/healthz`)).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    expect(healthy).toBe(true);
    const after = await postMessage(bot.url, { type: 'message', user: 'after', text: 'my region is not supported' });
    expect(after.body[0].state).toBe('ask_scope');
    bot.child.kill('SIGTERM');
    expect((await withDeadline(bot.exited, 15_000, 'a clean exit')).code).toBe(0);
  });
});
