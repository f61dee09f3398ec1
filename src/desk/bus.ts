// Reaching the instance that can do something: with several instances on Redis only the Discord
// gateway leader holds a Discord client, and a visitor's socket is on whichever instance it
// connected to. A desk job that this instance cannot run is published on rlb:bus:desk; the
// instance that can run it does.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisStore } from '../store/redis';
import type { Logger } from '../ops/logger';
import type { ChannelName, ConversationRef } from '../shared/types';
import type { UserMessage } from './types';

export type DeskJob =
  | { op: 'deliver'; channel: ChannelName; ref: ConversationRef; message: UserMessage }
  | { op: 'card'; action: 'post' | 'update'; id: string }
  | { op: 'thread'; id: string; line: { from: 'user' | 'desk'; text: string } };

export interface DeskBus {
  publish(job: DeskJob): Promise<void>;
  close(): Promise<void>;
}

/** Subscribes to rlb:bus:desk; `run` returns false for jobs this instance cannot do (another one will). */
export async function redisDeskBus(store: RedisStore, run: (job: DeskJob) => Promise<boolean>, logger: Logger): Promise<DeskBus> {
  const origin = randomBytes(9).toString('base64url');
  const channel = store.busChannel('desk');
  const sub: Redis = store.subscriber();
  sub.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    let parsed: { origin?: unknown; job?: DeskJob };
    try {
      parsed = JSON.parse(raw) as { origin?: unknown; job?: DeskJob };
    } catch {
      return;
    }
    if (parsed.origin === origin || !parsed.job || typeof parsed.job !== 'object') return;
    run(parsed.job).catch((err: Error) => logger.warn({ error: err.message, op: parsed.job?.op }, 'desk: a job from another instance failed'));
  });
  await sub.subscribe(channel);
  return {
    publish: (job) => store.publish('desk', JSON.stringify({ origin, job })),
    async close() {
      await sub.quit().catch(() => sub.disconnect());
    },
  };
}
