// Sets a malformed record aside: it moves to "quarantine:<key>" (kept a week for a person to look
// at) and the original key is freed, so its user starts fresh instead of failing on every message.
import type { SessionStore } from './types';

export const QUARANTINE_TTL_MS = 7 * 24 * 3600_000;

export async function quarantine(store: SessionStore, key: string, value: unknown, reason: string): Promise<void> {
  await store.set(`quarantine:${key}`, { reason, at: Date.now(), value }, QUARANTINE_TTL_MS);
  await store.delete(key);
}
