// stop(): messages in flight are finished and saved, later ones are refused, the port is released.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory';
import { postMessage, startTestBot } from './bot';

/** A store whose writes take a while, so a message is reliably "in flight" when stop() starts. */
class SlowStore extends MemoryStore {
  writesStarted = 0;
  flushed = 0;
  override async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.writesStarted++;
    await new Promise((r) => setTimeout(r, 300));
    return super.set(key, value, ttlMs);
  }
  override async flush(): Promise<void> {
    this.flushed++;
  }
}

describe('graceful stop', () => {
  it('finishes the message in flight, saves it, then closes the port', async () => {
    const store = new SlowStore();
    const bot = await startTestBot({}, store);
    const inFlight = postMessage(bot.url, { type: 'message', user: 'late', text: 'my region is not supported' });
    const deadline = Date.now() + 5000;
    while (store.writesStarted === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(store.writesStarted).toBeGreaterThan(0);

    await bot.stop();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body[0].intent).toBe('report_lock');
    expect(await store.get('conv:web:late')).toBeDefined();
    expect(store.flushed).toBeGreaterThan(0);
    await expect(fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
  });

  it('stop() can be called twice', async () => {
    const bot = await startTestBot();
    await Promise.all([bot.stop(), bot.stop()]);
  });
});
