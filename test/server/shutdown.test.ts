// stop(): messages in flight are finished and saved, later ones are refused, the port is released.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory';
import { postMessage, startTestBot } from './bot';

/** A store whose conversation writes wait for the test to open a gate, so a message is "in flight" for as long as needed. */
class GatedStore extends MemoryStore {
  writesStarted = 0;
  flushed = 0;
  private openGate: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve));
  override async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    if (!key.startsWith('conv:')) return super.set(key, value, ttlMs); // only conversation state waits
    this.writesStarted++;
    await this.gate;
    return super.set(key, value, ttlMs);
  }
  release(): void {
    this.openGate();
  }
  override async flush(): Promise<void> {
    this.flushed++;
  }
}

describe('graceful stop', () => {
  it('finishes the message in flight, saves it, then closes the port', async () => {
    const store = new GatedStore();
    const bot = await startTestBot({}, store);
    const inFlight = postMessage(bot.url, { type: 'message', user: 'late', text: 'my region is not supported' });
    const deadline = Date.now() + 5000;
    while (store.writesStarted === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(store.writesStarted).toBeGreaterThan(0);

    const stopping = bot.stop();
    // While it finishes, load balancers are told to stop sending traffic, and new messages are refused politely.
    const health = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(3000) });
    expect(health.status).toBe(503);
    expect((await health.json()).status).toBe('stopping');
    const late = await postMessage(bot.url, { type: 'message', user: 'too-late', text: 'hello' });
    // Not "busy": every conversation, old or new, is asked to send again in a minute.
    expect(late.body[0].text).toBe(bot.service.message('shutting_down'));
    expect(late.body[0].text).not.toMatch(/new conversations/);
    store.release();
    await stopping;
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body[0].intent).toBe('report_lock');
    expect(await store.get('conv:web:api:late')).toBeDefined();
    expect(store.flushed).toBeGreaterThan(0);
    await expect(fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
  });

  it('stop() can be called twice', async () => {
    const bot = await startTestBot();
    await Promise.all([bot.stop(), bot.stop()]);
  });
});
