// The lifecycle every multi-instance test file repeats: one real redis-server and one fake platform
// for the file, and after each test the started bot processes killed and their data folders removed.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, killStartedProcesses } from './cli-process';
import { startRedis, type TestRedis } from './redis-server';

interface FakePlatform {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

export interface RedisSuite {
  /** The file's redis-server URL (after beforeAll). */
  url(): string;
  /** A fresh DATA_DIR for one instance, removed after the test. */
  dataDir(prefix: string): string;
}

export function useRedisSuite(fake: FakePlatform): RedisSuite {
  let redis: TestRedis | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    assertCliBuilt();
    redis = await startRedis();
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    await redis?.close();
  });
  afterEach(() => {
    killStartedProcesses();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    url: () => {
      if (!redis) throw new Error('redis-server is not started yet (use url() inside a test)');
      return redis.url;
    },
    dataDir: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}
