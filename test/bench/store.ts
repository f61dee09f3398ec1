// The session store: SQLite (src/store/sqlite.ts, what `region-lock-bot start` uses) beside the old
// append-only log (src/store/disk.ts). Writes/s and reads/s of a conversation-sized value, one
// awaited call after another as the service makes them; then start-up with 100,000 conversations in
// a fresh child process: time to open and answer one read, and the RSS it settles at.
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import { openDiskStore } from '../../src/store/disk';
import type { SessionStore } from '../../src/store/types';
import { runChild } from './child';
import { round } from './stats';

export interface StoreKindResult {
  writes_per_s: number;
  reads_per_s: number;
  startup_100k_ms: number;
  startup_100k_rss_mb: number;
  file_100k_mb: number;
}

export interface StoreResult {
  value_bytes: number;
  ops: number;
  conversations: number;
  sqlite: StoreKindResult;
  log: StoreKindResult;
}

const OPS = 20_000;
const CONVERSATIONS = 100_000;

/** A stored conversation state of typical size (about 1.2 KB of JSON). */
function state(i: number) {
  return {
    version: 1,
    slots: { scope: 'all', kycRestricted: i % 2 === 0, announcement: null, ipJumps: null, location: 'DE', recovered: null, cannotLogin: false },
    pending: 'kyc_region',
    asked: ['scope', 'kyc_region'],
    diagnosis: null,
    misunderstandings: 0,
    recentUserWords: ['my region is not supported and I cannot trade', 'Every network', 'I registered with my passport from Germany, is that the problem?'],
    handoff: null,
    turns: 3,
    startedAt: 1_700_000_000_000 + i,
    lastActiveAt: 1_700_000_000_000 + i,
    safety: { loginTopic: false, trailingSeedWords: 0 },
    pad: 'x'.repeat(600),
  };
}

const dirBytes = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

async function measure(kind: 'sqlite' | 'log', log: (line: string) => void): Promise<StoreKindResult> {
  const open = async (dir: string): Promise<SessionStore> => (kind === 'sqlite' ? openSqliteStore(dir) : await openDiskStore(dir));
  const dir = mkdtempSync(join(tmpdir(), `rlb-bench-${kind}-`));
  try {
    const store = await open(dir);
    const ttl = 3600_000;
    let began = performance.now();
    for (let i = 0; i < OPS; i++) await store.set(`conv:web:bench-${i % 2000}`, state(i), ttl);
    const writes = OPS / ((performance.now() - began) / 1000);
    began = performance.now();
    for (let i = 0; i < OPS; i++) await store.get(`conv:web:bench-${(i * 7919) % 2000}`);
    const reads = OPS / ((performance.now() - began) / 1000);
    // Fill to 100,000 conversations (batches in flight, as many users at once would).
    for (let i = 0; i < CONVERSATIONS; i += 1000) {
      await Promise.all(Array.from({ length: 1000 }, (_, j) => store.set(`conv:web:bench-${i + j}`, state(i + j), ttl)));
    }
    await store.close();
    const fileMb = dirBytes(dir) / 1048576;
    const run = await runChild(join(__dirname, 'store-child.js'), [kind, dir], { nodeArgs: ['--expose-gc'], timeoutMs: 300_000 });
    const line = run.lines.find((l) => l.startsWith('{'));
    if (run.code !== 0 || !line) throw new Error(`store child (${kind}) failed: ${run.stderr.slice(0, 800)}`);
    const child = JSON.parse(line) as { open_ms: number; count: number; found: boolean; rss_mb: number };
    if (child.count !== CONVERSATIONS || !child.found) throw new Error(`store child (${kind}) saw ${child.count} conversations`);
    const result = {
      writes_per_s: Math.round(writes),
      reads_per_s: Math.round(reads),
      startup_100k_ms: Math.round(child.open_ms),
      startup_100k_rss_mb: round(child.rss_mb),
      file_100k_mb: round(fileMb),
    };
    log(
      `  ${kind}: ${result.writes_per_s} writes/s, ${result.reads_per_s} reads/s, 100k open ${result.startup_100k_ms} ms at ${result.startup_100k_rss_mb} MB RSS, ${result.file_100k_mb} MB on disk`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStore(log: (line: string) => void): Promise<StoreResult> {
  return {
    value_bytes: JSON.stringify(state(0)).length,
    ops: OPS,
    conversations: CONVERSATIONS,
    sqlite: await measure('sqlite', log),
    log: await measure('log', log),
  };
}
