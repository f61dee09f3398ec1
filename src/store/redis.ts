// The shared session store for several instances: REDIS_URL, through ioredis.
//
// Key layout (every key under one namespace, "rlb:" by default):
//   rlb:kv:<store key>        one value per SessionStore key, JSON, with PX expiry (the TTLs the
//                             service and adapters pass, which follow SESSION_IDLE_MINUTES)
//   rlb:idx:<prefix>          sorted sets that make count() cheap: member = store key, score = expiry
//                             (ms, +inf without one); kept for '', the first segment ("conv:") and
//                             the first two ("conv:web:"), trimmed of expired members when counted
//   rlb:lock:<store key>      per-conversation lock (SET NX PX, released by a compare-and-delete
//                             script): two instances never run turns of one conversation at once
//   rlb:rate:<user>           rate-limit windows (a sorted set of hit times, one Lua script)
//   rlb:leader:<name>         leader locks (the Discord gateway), see leader.ts
//   rlb:bus:<channel>         pub/sub channels (web replies to the instance holding the socket; desk
//                             jobs for the instance that can run them, src/desk/bus.ts)
// Every multi-step change is one Lua script, so it is atomic across instances.
//
// When Redis is unreachable, commands fail at once (no offline queue) and every failure is a
// StoreWriteError naming Redis and the URL without its password: the service then tells the user
// it cannot save and acknowledges nothing; /healthz turns 503 until the connection is back.
// ioredis reconnects with back-off by itself; the process never exits because of Redis.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis, type RedisOptions } from 'ioredis';
import { StoreWriteError, type SessionStore, type StoreHealth } from './types';
import { countedPrefixes, isCountedPrefix } from './counted-prefixes';

export const DEFAULT_NAMESPACE = 'rlb:';

/** The URL as it may appear in logs and errors: the password replaced by ***. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

export interface RedisStoreOptions {
  namespace?: string;
  /** How long start-up waits for the first connection before giving up (ms). */
  connectTimeoutMs?: number;
  /** A command that gets no answer within this long fails (Redis hung, network gone). */
  commandTimeoutMs?: number;
  /** Told when the connection drops and comes back (once per change, not once per retry). */
  onConnection?: (event: 'lost' | 'restored', detail: { url: string; error?: string }) => void;
}

// KEYS[1] value key, KEYS[2..] index sets; ARGV[1] json, ARGV[2] ttl ms (0: none), ARGV[3] member, ARGV[4] '1' = only if absent
const SET_SCRIPT = `
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local ttl = tonumber(ARGV[2])
local score = '+inf'
if ttl > 0 then
  local t = redis.call('TIME')
  score = tostring(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + ttl)
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[1])
end
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], score, ARGV[3]) end
return 1`;

// KEYS[1] value key, KEYS[2..] index sets; ARGV[1] member
const DELETE_SCRIPT = `
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1`;

// KEYS[1] index set
const COUNT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
return redis.call('ZCARD', KEYS[1])`;

// KEYS[1] lock; ARGV[1] token
const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// KEYS[1] lock; ARGV[1] token, ARGV[2] ttl ms: extends the lock only while this holder has it
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

// KEYS[1] window set; ARGV[1] limit, ARGV[2] window ms, ARGV[3] unique member. Sliding window log.
const RATE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

type Scripted = Redis & {
  rlbSet(n: number, ...args: (string | number)[]): Promise<number>;
  rlbDelete(n: number, ...args: (string | number)[]): Promise<number>;
  rlbCount(key: string): Promise<number>;
  rlbUnlock(key: string, token: string): Promise<number>;
  rlbRenew(key: string, token: string, ttlMs: number): Promise<number>;
  rlbRate(key: string, limit: number, windowMs: number, member: string): Promise<number>;
};

export function redisOptions(opts: RedisStoreOptions = {}): RedisOptions {
  return {
    lazyConnect: true,
    // Fail fast while disconnected: a user is told "cannot save" instead of waiting on a queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: opts.commandTimeoutMs ?? 2000,
    connectTimeout: 5000,
    // Back-off: 100 ms, 200 ms, 400 ms … capped at 5 s, forever.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 6), 5000),
    reconnectOnError: () => false,
  };
}

export class RedisStore implements SessionStore {
  readonly client: Scripted;
  /** REDIS_URL with the password hidden. */
  readonly url: string;
  readonly namespace: string;
  private closed = false;
  private failures = 0;
  private lastError: string | undefined;
  private everReady = false;
  private down = false;
  /** The last command failed; cleared by the next success or a new connection. */
  private failing = false;

  constructor(
    rawUrl: string,
    private readonly opts: RedisStoreOptions = {},
  ) {
    this.url = redactRedisUrl(rawUrl);
    this.namespace = opts.namespace ?? DEFAULT_NAMESPACE;
    const client = new Redis(rawUrl, redisOptions(opts)) as Scripted;
    client.defineCommand('rlbSet', { lua: SET_SCRIPT });
    client.defineCommand('rlbDelete', { lua: DELETE_SCRIPT });
    client.defineCommand('rlbCount', { lua: COUNT_SCRIPT, numberOfKeys: 1 });
    client.defineCommand('rlbUnlock', { lua: UNLOCK_SCRIPT, numberOfKeys: 1 });
    client.defineCommand('rlbRenew', { lua: RENEW_SCRIPT, numberOfKeys: 1 });
    client.defineCommand('rlbRate', { lua: RATE_SCRIPT, numberOfKeys: 1 });
    // Without an 'error' listener ioredis's connection errors would be unhandled and end the process.
    client.on('error', (err: Error) => {
      this.lastError = err.message;
      if (this.everReady && !this.down) {
        this.down = true;
        this.opts.onConnection?.('lost', { url: this.url, error: err.message });
      }
    });
    client.on('close', () => {
      if (this.everReady && !this.down && !this.closed) {
        this.down = true;
        this.opts.onConnection?.('lost', { url: this.url, error: this.lastError ?? 'connection closed' });
      }
    });
    client.on('ready', () => {
      if (this.down) this.opts.onConnection?.('restored', { url: this.url });
      this.everReady = true;
      this.down = false;
      this.failing = false;
    });
    this.client = client;
  }

  /** Connects, waiting (bounded) for Redis; the error names Redis and the URL without the password. */
  async connect(): Promise<this> {
    const deadline = Date.now() + (this.opts.connectTimeoutMs ?? 15_000);
    this.client.connect().catch(() => undefined); // retried by retryStrategy; watched below
    while (this.client.status !== 'ready') {
      if (Date.now() > deadline) {
        const why = this.lastError ?? this.client.status;
        this.client.disconnect();
        throw new Error(`could not connect to Redis at ${this.url} (REDIS_URL): ${why}`);
      }
      await sleep(50);
    }
    return this;
  }

  private k(key: string): string {
    return `${this.namespace}kv:${key}`;
  }

  private idx(key: string): string[] {
    return countedPrefixes(key).map((p) => `${this.namespace}idx:${p}`);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.run(() => this.client.get(this.k(key)));
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`cannot store ${typeof value} under ${key}`);
    const idx = this.idx(key);
    await this.run(() => this.client.rlbSet(1 + idx.length, this.k(key), ...idx, json, Math.ceil(ttlMs ?? 0), key, '0'));
  }

  async delete(key: string): Promise<void> {
    const idx = this.idx(key);
    await this.run(() => this.client.rlbDelete(1 + idx.length, this.k(key), ...idx, key));
  }

  async setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    const idx = this.idx(key);
    const json = JSON.stringify(value);
    return (await this.run(() => this.client.rlbSet(1 + idx.length, this.k(key), ...idx, json, Math.ceil(ttlMs ?? 0), key, '1'))) === 1;
  }

  /** Read-modify-write under the key's lock, so two instances appending to one transcript never lose a line. */
  async update<T>(key: string, fn: (current: T | undefined) => T, ttlMs?: number): Promise<T> {
    return this.withLock(`update:${key}`, async () => {
      const next = fn(await this.get<T>(key));
      await this.set(key, next, ttlMs);
      return next;
    });
  }

  async count(prefix = ''): Promise<number> {
    if (isCountedPrefix(prefix)) return this.run(() => this.client.rlbCount(`${this.namespace}idx:${prefix}`));
    // Other prefixes: a SCAN over that prefix only (not used on a hot path).
    return this.run(async () => {
      let n = 0;
      let cursor = '0';
      do {
        const [next, keys] = await this.client.scan(cursor, 'MATCH', `${this.k(prefix)}*`, 'COUNT', 500);
        cursor = next;
        n += keys.length;
      } while (cursor !== '0');
      return n;
    });
  }

  /** Redis keeps what it acknowledged (its own persistence settings decide durability). */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  health(): StoreHealth {
    return {
      writable: !this.closed && this.client.status === 'ready' && !this.failing,
      writeFailures: this.failures,
      evictions: 0,
      bytes: 0,
      // ioredis reconnects by itself; after a failed command on a live connection, a PING clears it.
      probe: () => {
        if (this.failing && this.client.status === 'ready') {
          this.client.ping().then(
            () => (this.failing = false),
            () => undefined,
          );
        }
      },
    };
  }

  /**
   * Runs `work` holding the lock of `key` across every instance. Waits (bounded) for another holder;
   * a holder that died leaves a lock that expires after ttlMs.
   */
  async withLock<R>(key: string, work: () => Promise<R>, ttlMs = 10_000, waitMs = 12_000): Promise<R> {
    const lock = `${this.namespace}lock:${key}`;
    const token = randomBytes(12).toString('base64url');
    const deadline = Date.now() + waitMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      const ok = await this.run(() => this.client.set(lock, token, 'PX', ttlMs, 'NX'));
      if (ok === 'OK') break;
      if (Date.now() > deadline) throw new StoreWriteError(`Redis at ${this.url}: ${key} stayed locked by another instance`, 'REDIS_LOCKED');
      await sleep(wait);
    }
    try {
      return await work();
    } finally {
      await this.client.rlbUnlock(lock, token).catch(() => undefined); // expires by itself otherwise
    }
  }

  /** One hit for `key` in a sliding window shared by every instance; false when over the limit. */
  async rateLimit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const member = `${Date.now()}-${randomBytes(6).toString('base64url')}`;
    return (await this.run(() => this.client.rlbRate(`${this.namespace}rate:${key}`, limit, windowMs, member))) === 1;
  }

  /** Takes the named lock if nobody holds it, or extends it if this holder does; true while held. */
  async holdLeader(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const key = `${this.namespace}leader:${name}`;
    const taken = await this.run(() => this.client.set(key, holder, 'PX', ttlMs, 'NX'));
    if (taken === 'OK') return true;
    return (await this.run(() => this.client.rlbRenew(key, holder, ttlMs))) === 1;
  }

  async releaseLeader(name: string, holder: string): Promise<void> {
    await this.client.rlbUnlock(`${this.namespace}leader:${name}`, holder).catch(() => undefined);
  }

  /** A second connection for SUBSCRIBE (a subscribed connection can run nothing else). */
  subscriber(): Redis {
    const sub = this.client.duplicate({ enableOfflineQueue: true });
    sub.on('error', () => undefined); // reported through the main connection's events
    return sub;
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.run(() => this.client.publish(`${this.namespace}bus:${channel}`, message));
  }

  busChannel(channel: string): string {
    return `${this.namespace}bus:${channel}`;
  }

  private async run<R>(fn: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error(`the Redis session store (${this.url}) is closed`);
    try {
      const r = await fn();
      this.failing = false;
      return r;
    } catch (err) {
      this.failures++;
      this.failing = true;
      const message = (err as Error).message ?? String(err);
      throw new StoreWriteError(`Redis at ${this.url} is unavailable: ${message}`, 'REDIS_UNAVAILABLE');
    }
  }
}

export async function openRedisStore(url: string, opts: RedisStoreOptions = {}): Promise<RedisStore> {
  return new RedisStore(url, opts).connect();
}

/** True when the store can serve several instances (shared locks, limits, pub/sub). */
export function isRedisStore(store: unknown): store is RedisStore {
  return store instanceof RedisStore;
}
