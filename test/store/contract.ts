// One behaviour contract for every SessionStore; each store's test file runs it.
import { describe, expect, it } from 'vitest';
import type { SessionStore } from '../../src/store/types';

export interface StoreFixture {
  store: SessionStore;
  /** Moves the store's clock forward. */
  advance(ms: number): unknown;
  cleanup(): Promise<void>;
}

export function sessionStoreContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`SessionStore contract: ${name}`, () => {
    const withStore = (fn: (f: StoreFixture) => Promise<void>) => async () => {
      const f = await make();
      try {
        await fn(f);
      } finally {
        await f.cleanup();
      }
    };

    it(
      'returns what was set, and undefined for unknown keys',
      withStore(async ({ store }) => {
        await store.set('conv:web:a', { turns: 2, words: ['hi'] });
        expect(await store.get('conv:web:a')).toEqual({ turns: 2, words: ['hi'] });
        expect(await store.get('conv:web:missing')).toBeUndefined();
      }),
    );

    it(
      'hands out copies: mutating a returned value does not change the stored one',
      withStore(async ({ store }) => {
        const value = { list: [1] };
        await store.set('k', value);
        value.list.push(2);
        const got = await store.get<{ list: number[] }>('k');
        got!.list.push(3);
        expect(await store.get('k')).toEqual({ list: [1] });
      }),
    );

    it(
      'overwrites and deletes',
      withStore(async ({ store }) => {
        await store.set('k', 1);
        await store.set('k', 2);
        expect(await store.get('k')).toBe(2);
        await store.delete('k');
        expect(await store.get('k')).toBeUndefined();
        await store.delete('never-set'); // not an error
      }),
    );

    it(
      'expires values after their ttl',
      withStore(async ({ store, advance }) => {
        await store.set('short', 'x', 1000);
        await store.set('forever', 'y');
        await advance(999);
        expect(await store.get('short')).toBe('x');
        await advance(2);
        expect(await store.get('short')).toBeUndefined();
        expect(await store.get('forever')).toBe('y');
      }),
    );

    it(
      'setIfAbsent sets once, and again after expiry',
      withStore(async ({ store, advance }) => {
        expect(await store.setIfAbsent('dedupe:slack:Ev1', 1, 500)).toBe(true);
        expect(await store.setIfAbsent('dedupe:slack:Ev1', 1, 500)).toBe(false);
        await advance(501);
        expect(await store.setIfAbsent('dedupe:slack:Ev1', 1, 500)).toBe(true);
      }),
    );

    it(
      'setIfAbsent lets exactly one of many concurrent callers win',
      withStore(async ({ store }) => {
        const results = await Promise.all(Array.from({ length: 20 }, () => store.setIfAbsent('dedupe:x', 1)));
        expect(results.filter(Boolean)).toHaveLength(1);
      }),
    );

    it(
      'counts live keys by prefix',
      withStore(async ({ store, advance }) => {
        await store.set('conv:web:1', 1);
        await store.set('conv:web:2', 2, 100);
        await store.set('conv:slack:3', 3);
        await store.set('dedupe:slack:Ev', 1);
        expect(await store.count('conv:')).toBe(3);
        expect(await store.count('conv:web:')).toBe(2);
        expect(await store.count()).toBe(4);
        await advance(101);
        expect(await store.count('conv:')).toBe(2);
      }),
    );

    it(
      'keeps unicode text and nested structures intact',
      withStore(async ({ store }) => {
        const value = { text: 'régión 🔒 "quoted"\nnew line', nested: { a: [null, true, 1.5] } };
        await store.set('conv:web:ü', value);
        await store.flush();
        expect(await store.get('conv:web:ü')).toEqual(value);
      }),
    );
  });
}
