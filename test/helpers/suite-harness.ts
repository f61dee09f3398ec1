// The lifecycle every adapter test file repeats: one harness (fake platform + real bot) per
// describe block. Kept out of the harness files themselves because the benchmarks import those
// outside vitest.
import { afterAll, beforeAll } from 'vitest';

interface Harness {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Starts `harness` before the tests of the enclosing describe block and stops it after them.
 * The long timeout covers the bot's start-up, which trains the matcher.
 */
export function useHarness<H extends Harness>(harness: H, start: (h: H) => Promise<unknown> = (h) => h.start()): H {
  beforeAll(async () => {
    await start(harness);
  }, 120_000);
  afterAll(async () => {
    await harness.stop();
  });
  return harness;
}
