// In-memory session store: for tests and for one-shot CLI commands.
import type { SessionStore } from './types';

interface Entry {
  value: unknown;
  expiresAt: number | null;
}

export class MemoryStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const e = this.live(key);
    // Copies keep callers from mutating stored state by accident, as a disk store would.
    return e ? (structuredClone(e.value) as T) : undefined;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value: structuredClone(value), expiresAt: ttlMs ? this.now() + ttlMs : null });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async count(prefix = ''): Promise<number> {
    let n = 0;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix) && this.live(key)) n++;
    return n;
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
