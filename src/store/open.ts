// The store `region-lock-bot start` uses: Redis when REDIS_URL is set (several instances share it),
// else the embedded SQLite store in DATA_DIR (one process, no server needed).
import type { AppConfig } from '../config';
import type { Logger } from '../ops/logger';
import type { SessionStore } from './types';
import type { ImportReport } from './import-log';
import { openDefaultStore } from './default';

export interface OpenedStore {
  store: SessionStore;
  /** Where the state lives, for the start-up line: the data directory, or the Redis URL without its password. */
  where: string;
  imported: ImportReport | null;
}

export async function openConfiguredStore(config: Pick<AppConfig, 'redisUrl' | 'dataDir' | 'maxStoreMb'>, logger: Logger): Promise<OpenedStore> {
  if (config.redisUrl) {
    const { openRedisStore } = await import('./redis.js');
    const store = await openRedisStore(config.redisUrl, {
      onConnection: (event, detail) => {
        if (event === 'lost')
          logger.error(detail, `redis: lost the connection to ${detail.url}; users are told their messages cannot be saved; reconnecting with back-off`);
        else logger.info(detail, `redis: connection to ${detail.url} restored`);
      },
    });
    return { store, where: `Redis ${store.url}`, imported: null };
  }
  const { store, imported } = await openDefaultStore(config.dataDir, config.maxStoreMb);
  return { store, where: store.dir, imported };
}
