// The Redis store against a real redis-server (Debian's, on a free loopback port, no persistence):
// the same contract as the embedded stores, plus what only a shared store does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { openRedisStore, redactRedisUrl, type RedisStore } from '../../src/store/redis';
import { StoreWriteError } from '../../src/store/types';
import { startRedis, type TestRedis } from '../helpers/redis-server';
import { sessionStoreContract } from './contract';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});

let n = 0;
/** Moves the namespace's data `ms` into the future: shorter TTLs, and earlier expiry scores in the index sets. */
const TIME_TRAVEL = `
local cursor = '0'
repeat
  local r = redis.call('SCAN', cursor, 'MATCH', ARGV[1] .. '*', 'COUNT', 200)
  cursor = r[1]
  for _, key in ipairs(r[2]) do
    local t = redis.call('TYPE', key)['ok']
    if t == 'string' then
      local ttl = redis.call('PTTL', key)
      if ttl > 0 then
        if ttl - tonumber(ARGV[2]) <= 0 then redis.call('DEL', key) else redis.call('PEXPIRE', key, ttl - tonumber(ARGV[2])) end
      end
    elseif t == 'zset' then
      local all = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
      for i = 1, #all, 2 do
        if all[i + 1] ~= 'inf' then redis.call('ZADD', key, tonumber(all[i + 1]) - tonumber(ARGV[2]), all[i]) end
      end
    end
  end
until cursor == '0'
return 1`;

/**
 * Redis's clock cannot be stopped, so the contract's milliseconds are seconds here: TTLs are scaled by
 * 1000 and so is each jump, which makes the real time a test takes (a few ms) negligible.
 */
const SCALE = 1000;
function scaled(store: RedisStore): RedisStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'set') return (k: string, v: unknown, ttl?: number) => target.set(k, v, ttl && ttl * SCALE);
      if (prop === 'setIfAbsent') return (k: string, v: unknown, ttl?: number) => target.setIfAbsent(k, v, ttl && ttl * SCALE);
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

sessionStoreContract('RedisStore', async () => {
  const namespace = `t${++n}:`;
  const store = await openRedisStore(redis.url, { namespace });
  const admin = new Redis(redis.url);
  return {
    store: scaled(store),
    advance: async (ms: number) => {
      await admin.eval(TIME_TRAVEL, 0, namespace, ms * SCALE);
    },
    cleanup: async () => {
      await store.close();
      admin.disconnect();
    },
  };
});

describe('RedisStore', () => {
  it('hides the password of REDIS_URL', () => {
    expect(redactRedisUrl('redis://:s3cret@10.0.0.5:6380/2')).toBe('redis://:***@10.0.0.5:6380/2');
    expect(redactRedisUrl('rediss://bot:s3cret@redis.example.com/0')).toBe('rediss://bot:***@redis.example.com/0');
    expect(redactRedisUrl('redis://127.0.0.1:6379')).not.toContain('***');
  });

  it('start-up without a Redis fails with a message naming Redis and the URL, password hidden', async () => {
    const down = `redis://:hunter22@127.0.0.1:${redis.port + 1}/0`;
    const err = await openRedisStore(down, { connectTimeoutMs: 500 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(`Redis at redis://:***@127.0.0.1:${redis.port + 1}/0`);
    expect((err as Error).message).not.toContain('hunter22');
  });

  it('locks of one key run one at a time across two connections (two instances)', async () => {
    const a = await openRedisStore(redis.url, { namespace: 'lock:' });
    const b = await openRedisStore(redis.url, { namespace: 'lock:' });
    try {
      let inside = 0;
      let most = 0;
      const work = async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setImmediate(r));
        inside--;
      };
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).withLock('conv:web:x', work)));
      expect(most).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('the rate limit is one window for every connection', async () => {
    const a = await openRedisStore(redis.url, { namespace: 'rate:' });
    const b = await openRedisStore(redis.url, { namespace: 'rate:' });
    try {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).rateLimit('web:u1', 4, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(4);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a leader lock has one holder; another takes it once the holder lets go', async () => {
    const a = await openRedisStore(redis.url, { namespace: 'lead:' });
    try {
      expect(await a.holdLeader('discord', 'one', 10_000)).toBe(true);
      expect(await a.holdLeader('discord', 'two', 10_000)).toBe(false);
      expect(await a.holdLeader('discord', 'one', 10_000)).toBe(true); // renewed
      await a.releaseLeader('discord', 'two'); // not the holder: no effect
      expect(await a.holdLeader('discord', 'two', 10_000)).toBe(false);
      await a.releaseLeader('discord', 'one');
      expect(await a.holdLeader('discord', 'two', 10_000)).toBe(true);
    } finally {
      await a.close();
    }
  });

  it('while Redis is down every call fails at once as StoreWriteError naming Redis; it reconnects by itself', async () => {
    const own = await startRedis('pw-not-in-logs');
    const events: string[] = [];
    const store = await openRedisStore(own.url, { onConnection: (e) => events.push(e) });
    try {
      await store.set('conv:web:a', { v: 1 });
      await own.stop(true);
      const err = await store.set('conv:web:a', { v: 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreWriteError);
      expect((err as Error).message).toMatch(/^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 is unavailable/);
      expect((err as Error).message).not.toContain('pw-not-in-logs');
      expect(store.health().writable).toBe(false);
      await own.start();
      for (let i = 0; i < 200 && !store.health().writable; i++) {
        store.health().probe();
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(store.health().writable).toBe(true);
      await store.set('conv:web:a', { v: 3 });
      expect(await store.get('conv:web:a')).toEqual({ v: 3 });
      expect(events).toEqual(['lost', 'restored']);
    } finally {
      await store.close();
      await own.close();
    }
  });
});
