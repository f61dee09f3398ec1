// The embedded on-disk session store (DATA_DIR/sessions.jsonl): no server, no native module.
//
// Every change is one JSON line appended to the log; the whole live set is also kept in memory.
// A write resolves once its line is handed to the operating system, so a killed process loses
// nothing it has acknowledged; fsync runs on flush() and about once a second, for power loss.
// At open (and when the log has grown to several times the live data) the log is compacted:
// live entries are written to a temporary file, fsynced, and renamed over the log. A line torn by
// a kill in the middle of a write is skipped at the next open, and compaction removes it.
import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SessionStore } from './types';

interface Entry {
  /** The value as JSON: what is on disk, and a fresh copy on every get. */
  json: string;
  expiresAt: number | null;
}

/** On-disk record: a value (`v`) with an optional expiry (`e`), or a deletion (`d`). */
interface LogRecord {
  k: string;
  v?: unknown;
  e?: number | null;
  d?: 1;
}

const HEADER = JSON.stringify({ format: 'region-lock-bot-sessions', version: 1 });
export const LOG_FILE = 'sessions.jsonl';
const LOCK_FILE = 'sessions.lock';

export interface DiskStoreOptions {
  now?: () => number;
  /** How often buffered writes are fsynced (ms). */
  syncEveryMs?: number;
  /** How often expired entries are dropped from memory (ms). */
  sweepEveryMs?: number;
}

export interface LoadReport {
  entries: number;
  /** Lines that could not be read (a write torn by a kill); they are dropped. */
  skippedLines: number;
}

export async function openDiskStore(dataDir: string, opts: DiskStoreOptions = {}): Promise<DiskStore> {
  const store = new DiskStore(resolve(dataDir), opts);
  await store.open();
  return store;
}

export class DiskStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly logPath: string;
  private readonly lockPath: string;
  private file: FileHandle | null = null;
  private linesInLog = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;
  private unsynced = false;
  private opened = false;
  private closed = false;
  private timers: ReturnType<typeof setInterval>[] = [];
  loadReport: LoadReport = { entries: 0, skippedLines: 0 };

  constructor(
    readonly dir: string,
    private readonly opts: DiskStoreOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.logPath = join(dir, LOG_FILE);
    this.lockPath = join(dir, LOCK_FILE);
  }

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.lock();
    try {
      await this.load();
      await this.compact();
    } catch (err) {
      await rm(this.lockPath, { force: true });
      throw err;
    }
    const sync = setInterval(() => void this.sync().catch(() => undefined), this.opts.syncEveryMs ?? 1000);
    const sweep = setInterval(() => this.sweep(), this.opts.sweepEveryMs ?? 60_000);
    // Housekeeping must not keep a finished process alive.
    sync.unref();
    sweep.unref();
    this.timers = [sync, sweep];
    this.opened = true;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const e = this.live(key);
    return e ? (JSON.parse(e.json) as T) : undefined;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.assertOpen();
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`cannot store ${typeof value} under ${key}`);
    const expiresAt = ttlMs ? this.now() + ttlMs : null;
    this.entries.set(key, { json, expiresAt });
    await this.append(recordLine(key, json, expiresAt));
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    if (!this.entries.delete(key)) return;
    await this.append(`${JSON.stringify({ k: key, d: 1 } satisfies LogRecord)}\n`);
  }

  async setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    // The check and the in-memory write happen in the same tick, so two callers cannot both win.
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async count(prefix = ''): Promise<number> {
    let n = 0;
    const now = this.now();
    for (const [key, e] of this.entries) if (key.startsWith(prefix) && (e.expiresAt === null || e.expiresAt > now)) n++;
    return n;
  }

  async flush(): Promise<void> {
    if (!this.file) return;
    await this.idle();
    await this.sync();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.file?.close();
    this.file = null;
    await rm(this.lockPath, { force: true });
  }

  /** Lines in the log file right now (for tests and the compaction rule). */
  get logLines(): number {
    return this.linesInLog;
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.entries.delete(key); // the record on disk carries its expiry; nothing to write
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, e] of this.entries) if (e.expiresAt !== null && e.expiresAt <= now) this.entries.delete(key);
  }

  private assertOpen(): void {
    if (this.closed || !this.opened) throw new Error(`the session store in ${this.dir} is closed`);
  }

  /** Queues a line; one write call carries every line queued meanwhile (group commit). */
  private append(line: string): Promise<void> {
    this.pending.push(line);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.kick();
    return done;
  }

  private kick(): void {
    if (this.writing) return;
    this.writing = this.writeQueued().finally(() => {
      this.writing = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async writeQueued(): Promise<void> {
    while (this.pending.length > 0) {
      const lines = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        if (!this.file) throw new Error(`the session log in ${this.dir} is not open`);
        await this.file.appendFile(lines.join(''));
        this.linesInLog += lines.length;
        this.unsynced = true;
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
      // Rewrite once the log is mostly superseded records.
      if (this.linesInLog > 1000 + 3 * this.entries.size) await this.compact().catch(() => undefined);
    }
  }

  private async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async sync(): Promise<void> {
    if (!this.file || !this.unsynced) return;
    this.unsynced = false;
    await this.file.sync();
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.logPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    let skipped = 0;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!line.trim()) continue;
      let rec: LogRecord & { format?: string; version?: number };
      try {
        rec = JSON.parse(line);
      } catch {
        skipped++;
        continue;
      }
      if (i === 0 && rec.format) {
        if (rec.format !== 'region-lock-bot-sessions' || rec.version !== 1) {
          throw new Error(`${this.logPath} is not a region-lock-bot session log (or a newer version); move it away or choose another DATA_DIR`);
        }
        continue;
      }
      if (typeof rec.k !== 'string') {
        skipped++;
        continue;
      }
      if (rec.d) this.entries.delete(rec.k);
      else this.entries.set(rec.k, { json: JSON.stringify(rec.v ?? null), expiresAt: typeof rec.e === 'number' ? rec.e : null });
    }
    this.sweep();
    this.loadReport = { entries: this.entries.size, skippedLines: skipped };
  }

  /** Replaces the log with the live entries only (atomic: temp file, fsync, rename). */
  private async compact(): Promise<void> {
    this.sweep();
    const tmpPath = `${this.logPath}.tmp`;
    const tmp = await open(tmpPath, 'w');
    try {
      let chunk = `${HEADER}\n`;
      for (const [key, e] of this.entries) {
        chunk += recordLine(key, e.json, e.expiresAt);
        if (chunk.length > 1 << 20) {
          await tmp.write(chunk);
          chunk = '';
        }
      }
      await tmp.write(chunk);
      await tmp.sync();
    } finally {
      await tmp.close();
    }
    await this.file?.close();
    this.file = null;
    try {
      await rename(tmpPath, this.logPath);
      await syncDir(this.dir);
      this.linesInLog = 1 + this.entries.size;
      this.unsynced = false;
    } finally {
      // Even if the rename failed, appends continue on whichever log is in place.
      this.file = await open(this.logPath, 'a');
    }
  }

  /** One process per DATA_DIR: two writers would interleave their logs. */
  private async lock(): Promise<void> {
    try {
      await writeFile(this.lockPath, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number((await readFile(this.lockPath, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new Error(`DATA_DIR ${this.dir} is in use by another region-lock-bot process (pid ${holder}); stop it or set another DATA_DIR`);
    }
    // The holder is gone (killed or crashed): take the lock over.
    await writeFile(this.lockPath, String(process.pid));
  }
}

function recordLine(key: string, json: string, expiresAt: number | null): string {
  return `{"k":${JSON.stringify(key)},"e":${expiresAt === null ? 'null' : expiresAt},"v":${json}}\n`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; not every platform can open a directory, which is fine.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
