// ConversationService must not keep anything per conversation once it is finished: run many
// conversations to expiry and the heap stays where it was.
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationService } from '../../src/engine/service';
import { openSqliteStore } from '../../src/store/sqlite';
import { testEngine } from '../helpers/bot';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

describe('ConversationService memory', () => {
  it('does not grow with the number of conversations it has seen (each run to expiry)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlb-heap-'));
    let now = 1_700_000_000_000;
    const store = openSqliteStore(dir, { now: () => now });
    const service = new ConversationService({ engine: testEngine(), store, idleMs: 60_000, rateLimitPerMinute: 10_000, now: () => now });
    const run = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const ref = { channel: 'web' as const, conversationId: `heap-${i}`, userId: `heap-${i}` };
        await service.handle(ref, { text: 'my region is not supported' });
        await service.handle(ref, { text: 'Every network', optionId: 'scope:all' });
        now += 61_000; // this conversation expires before the next starts
      }
    };
    try {
      await run(0, 1000); // warm-up: JIT, caches, the store's statement cache
      const before = heapAfterGc();
      await run(1000, 6000);
      const after = heapAfterGc();
      expect((service as unknown as { chains: Map<string, unknown> }).chains.size).toBe(0);
      // 6,000 conversations kept alive would hold 6,000 Turns (several KB each): tens of MB.
      expect(after - before).toBeLessThan(4 * 1024 * 1024);
      expect(await store.count('conv:')).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
