// Where conversations, hand-off state and de-duplication marks are kept.
// Keys are namespaced strings such as "conv:slack:T1:C1:171.2" or "dedupe:slack:Ev123".

export interface SessionStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value; ttlMs makes it expire. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Sets the key only if it is absent or expired; true when this call set it. */
  setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  /**
   * Read-modify-write in one transaction: `fn` gets the live value (or undefined) and returns the new
   * one. Stores without transactions leave it out; callers then get and set (serialised per key).
   */
  update?<T>(key: string, fn: (current: T | undefined) => T, ttlMs?: number): Promise<T>;
  /** Number of live keys starting with the prefix. */
  count(prefix?: string): Promise<number>;
  /** Makes everything written so far durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Health of the store's writes, for /healthz and /metrics; stores that cannot fail leave it out. */
  health?(): StoreHealth;
  /**
   * Shared stores (Redis) only: runs `work` holding `key`'s lock across every instance sharing the
   * store. Without it one process's own per-conversation queue is enough.
   */
  withLock?<R>(key: string, work: () => Promise<R>): Promise<R>;
  /** Shared stores only: one hit in a sliding window every instance sees; false when over `limit`. */
  rateLimit?(key: string, limit: number, windowMs: number): Promise<boolean>;
}

export interface StoreHealth {
  /** False after a write failed (disk full, read-only file system) until a write succeeds again. */
  writable: boolean;
  writeFailures: number;
  /** Conversations removed to keep the store under MAX_STORE_MB. */
  evictions: number;
  /** Logical size (keys + values) in bytes. */
  bytes: number;
  /** Tries a small write when unwritable, so the store recovers by itself when space returns. */
  probe(): void;
}

/** A write the store could not make durable: never acknowledge it to the user as saved. */
export class StoreWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StoreWriteError';
  }
}
